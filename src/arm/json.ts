/** JSON values as the expander handles them: plain JSON plus unknowns. */
import { Unknown } from "./unknown.js";

export type JsonObject = { [key: string]: Value };
export type Value = null | boolean | number | string | Value[] | JsonObject | Unknown;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Unknown);
}

/** An object without a prototype, so keys such as `__proto__` are ordinary keys. */
export function newObject(): JsonObject {
  return Object.create(null) as JsonObject;
}

/** Looks a key up case-insensitively, as ARM does; an exact match wins. */
export function getKey(obj: JsonObject, key: string): Value | undefined {
  const k = findKey(obj, key);
  return k === undefined ? undefined : obj[k];
}

// Lower-case key indexes of large objects, so that many case-insensitive lookups stay linear.
// Objects are complete before anything looks keys up in them, so an index never goes stale.
const LARGE = 16;
const lowerIndex = new WeakMap<JsonObject, Map<string, string>>();

/** The key as written in `obj` that matches `key` case-insensitively (the first, if several do). */
export function findKey(obj: JsonObject, key: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, key)) return key;
  const lower = key.toLowerCase();
  const keys = Object.keys(obj);
  if (keys.length <= LARGE) return keys.find((k) => k.toLowerCase() === lower);
  let index = lowerIndex.get(obj);
  if (!index) {
    index = new Map();
    for (const k of keys) if (!index.has(k.toLowerCase())) index.set(k.toLowerCase(), k);
    lowerIndex.set(obj, index);
  }
  return index.get(lower);
}

/** A JSON-pointer segment (RFC 6901): `~` and `/` escaped. */
export function pointerSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
