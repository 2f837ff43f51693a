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
  if (Object.prototype.hasOwnProperty.call(obj, key)) return obj[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

/** The key as written in `obj` that matches `key` case-insensitively. */
export function findKey(obj: JsonObject, key: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, key)) return key;
  const lower = key.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}
