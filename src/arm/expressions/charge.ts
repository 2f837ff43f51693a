import { isObject, type Value } from "../json.js";
import type { Env } from "./env.js";

/**
 * Charging for the size of what a function touches. Values shared by reference are cheap to build
 * (forty `createArray(prev, prev)` take ~120 steps) and exponential to walk (2^40 leaves), so a
 * function that walks its arguments whole (`string`, `equals`, `contains`, `union`, ...) is charged
 * their full size before it starts; the step budget then refuses the template in milliseconds
 * instead of letting it hang or exhaust memory.
 */

/** Functions that walk, copy or serialise their arguments whole. */
const WALKS_ARGUMENTS = new Set([
  "string",
  "equals",
  "contains",
  "indexof",
  "lastindexof",
  "intersection",
  "union",
  "concat",
  "format",
  "join",
  "flatten",
  "uniquestring",
  "guid",
  "items",
  "datauri",
  "base64",
  "uri",
  "uricomponent",
  "json",
  "replace",
  "split",
]);

/**
 * Functions that walk the top level of their arguments (the elements of an array, the keys of an
 * object: `min` and `max` read every element, `objectKeys` every key, `length` and `empty` count
 * an object's keys) or of the objects in an array (`shallowMerge`): cheap once, but a lambda can
 * call them 100,000 times on one large shared value. (The length of an array or string is free.)
 */
const WALKS_TOP_LEVEL = new Set(["length", "empty", "objectkeys", "min", "max", "shallowmerge"]);
const COUNTS_KEYS_ONLY = new Set(["length", "empty"]);

const keyCounts = new WeakMap<object, number>();

/** How many elements or keys a walk of the top level of `v` visits; key counts computed once per object. */
function topSize(v: Value): number {
  if (Array.isArray(v)) return v.length;
  if (!isObject(v)) return typeof v === "string" ? v.length >> 6 : 0;
  let n = keyCounts.get(v);
  if (n === undefined) keyCounts.set(v, (n = Object.keys(v).length));
  return n;
}

// Sizes of arrays and objects, computed once each: a value shared a million times is measured once.
const sizes = new WeakMap<object, number>();

/**
 * The size of a value as the work of walking it: one unit per node, and one per 64 characters of
 * a string (as `boundedString` charges). Shared values count every time they occur, as a walk
 * meets them; memoised, so measuring costs one visit per distinct node.
 */
export function valueSize(v: Value): number {
  if (typeof v === "string") return 1 + (v.length >> 6);
  if (!Array.isArray(v) && !isObject(v)) return 1;
  const known = sizes.get(v);
  if (known !== undefined) return known;
  let size = 1;
  if (Array.isArray(v)) for (const x of v) size += valueSize(x);
  else for (const k in v) size += 1 + (k.length >> 6) + valueSize(v[k]!);
  sizes.set(v, size);
  return size;
}

/**
 * Functions whose work per character is far above copying it, charged that many times the size so
 * that the budget's work stays within seconds: hashes computed in JavaScript (~25 MB/s), base64
 * decoding with its checks (~40 MB/s).
 */
const COST_FACTOR = new Map([
  ["uniquestring", 16],
  ["guid", 16],
  ["base64tostring", 4],
  ["base64tojson", 4],
  ["datauritostring", 4],
]);

/**
 * Charges a call of `name` (lower-cased) for the size of the arguments it will walk. Every other
 * function may still read a string argument whole (`toLower`, `substring`, `startsWith`,
 * `base64ToString`, ...), so long strings are charged to any call (one step per 64 characters,
 * nothing for strings under 64).
 */
export function chargeArguments(name: string, args: readonly Value[], env: Env): void {
  let size = 0;
  if (WALKS_ARGUMENTS.has(name)) for (const a of args) size += valueSize(a);
  else if (WALKS_TOP_LEVEL.has(name)) {
    for (const a of args) {
      if (!COUNTS_KEYS_ONLY.has(name) || isObject(a)) size += topSize(a);
      if (name === "shallowmerge" && Array.isArray(a)) for (const o of a) size += topSize(o);
    }
  } else for (const a of args) if (typeof a === "string") size += a.length >> 6;
  if (size > 0) env.budget.step(size * (COST_FACTOR.get(name) ?? 1));
}
