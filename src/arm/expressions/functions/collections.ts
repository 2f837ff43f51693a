import { EvalError } from "../../errors.js";
import { getKey, isObject, newObject, type JsonObject, type Value } from "../../json.js";
import { Unknown } from "../../unknown.js";
import { eager, MANY, type FunctionTable } from "../function-table.js";
import { arr, armEquals, armString, boundedArray, boundedString, deepUnknown, equalityKey, int, obj, str, typeName } from "../values.js";
import type { Env } from "../env.js";
import { ScanError, parseJsonc } from "../../../reader/index.js";

function lengthOf(fn: string, v: Value): number {
  if (typeof v === "string" || Array.isArray(v)) return v.length;
  if (isObject(v)) return Object.keys(v).length;
  throw new EvalError(`${fn}: expects an array, object or string, not ${typeName(v)}`);
}

/** Copies plain JSON into prototype-less objects, so `__proto__` keys stay data. */
export function fromJson(v: unknown): Value {
  if (Array.isArray(v)) return v.map(fromJson);
  if (v !== null && typeof v === "object") {
    const out = newObject();
    for (const [k, x] of Object.entries(v)) out[k] = fromJson(x);
    return out;
  }
  return v as Value;
}

/**
 * JSON text read by a function (`json`, `base64ToJson`) as ARM reads it (Json.NET: comments, `\'`),
 * nesting bounded as in files, a fault said in our words with its place.
 */
export function readJson(fn: string, text: string): Value {
  try {
    return fromJson(parseJsonc(text));
  } catch (e) {
    if (e instanceof ScanError) throw new EvalError(`${fn}: not valid JSON at character ${e.offset + 1}: ${e.message}`);
    throw e;
  }
}

/** `union` of objects: later values win; nested objects are merged recursively; keys match case-insensitively. */
function mergeObjects(a: JsonObject, b: JsonObject, env: Env): JsonObject {
  env.budget.step(Object.keys(a).length + Object.keys(b).length);
  const out = newObject();
  const written = new Map<string, string>();
  for (const k of Object.keys(a)) {
    out[k] = a[k]!;
    written.set(k.toLowerCase(), k);
  }
  for (const k of Object.keys(b)) {
    const existing = written.get(k.toLowerCase());
    const prev = existing === undefined ? undefined : out[existing];
    out[existing ?? k] = isObject(prev) && isObject(b[k]) ? mergeObjects(prev, b[k] as JsonObject, env) : b[k]!;
    if (existing === undefined) written.set(k.toLowerCase(), k);
  }
  return out;
}

/** Linear search, charged to the budget by the length searched. */
function containsItem(list: Value[], item: Value, env: Env): boolean {
  env.budget.step(list.length);
  return list.some((x) => armEquals(x, item));
}

function stringIndexOf(haystack: string, needle: string, last: boolean): number {
  const h = haystack.toLowerCase();
  const n = needle.toLowerCase();
  return last ? h.lastIndexOf(n) : h.indexOf(n);
}

function numbers(fn: string, args: Value[]): number[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  if (list.length === 0) throw new EvalError(`${fn}: needs at least one number`);
  return list.map((x, i) => int(fn, x, i + 1));
}

/**
 * max() and min(): numbers given as arguments or as one array; an unknown among them makes the
 * result unknown. Folded pairwise, not spread: a spread of a huge array overflows the call stack.
 */
function extreme(fn: string, pick: (a: number, b: number) => number) {
  return eager(
    1,
    MANY,
    (args) => {
      const u = (args.length === 1 && Array.isArray(args[0]) ? args[0] : args).find((x) => x instanceof Unknown);
      return u ?? numbers(fn, args).reduce((a, b) => pick(a, b));
    },
    true,
  );
}

/** `skip` and `take`: the part copied is charged (a lambda can copy most of a large array 100,000 times). */
function skipOrTake(fn: string, take: boolean, v: Value, n: number, env: Env): Value {
  if (typeof v !== "string" && !Array.isArray(v)) throw new EvalError(`${fn}: expects an array or string, not ${typeName(v)}`);
  const count = Math.max(0, Math.min(n, v.length));
  const part = take ? v.slice(0, count) : v.slice(count);
  return typeof part === "string" ? boundedString(part, env) : boundedArray(part, env);
}

function indexFromEnd(fn: string, list: Value[], i: number, tryIt: boolean): Value {
  if (i >= 1 && i <= list.length) return list[list.length - i]!;
  if (tryIt) return null;
  throw new EvalError(`${fn}: index ${i} is out of range for an array of ${list.length}`);
}

export const collectionFunctions: FunctionTable = {
  array: eager(1, 1, ([v]) => (Array.isArray(v) ? v : [v!])),
  // Constructors hold unknown elements instead of becoming unknown themselves.
  createarray: eager(0, MANY, (args, env) => boundedArray([...args], env), true),
  concat: eager(0, MANY, (args, env) => {
    if (args.length > 0 && args.every((a) => Array.isArray(a) || a === null)) {
      return boundedArray(
        args.flatMap((a) => (a === null ? [] : (a as Value[]))),
        env,
      );
    }
    if (args.some((a) => Array.isArray(a))) throw new EvalError("concat: cannot mix arrays and strings");
    const u = args.map(deepUnknown).find(Boolean);
    if (u) return u;
    return boundedString(args.map(armString).join(""), env);
  }),
  contains: eager(2, 2, ([c, item], env) => {
    if (Array.isArray(c)) {
      const found = containsItem(c, item!, env);
      const u = found ? undefined : (deepUnknown(c) ?? deepUnknown(item!));
      return u ?? found;
    }
    if (isObject(c)) return getKey(c, str("contains", item!, 2)) !== undefined;
    if (typeof c === "string") return c.includes(armString(item!));
    throw new EvalError(`contains: expects an array, object or string, not ${typeName(c!)}`);
  }),
  empty: eager(1, 1, ([v]) => v === null || lengthOf("empty", v!) === 0),
  first: eager(1, 1, ([v]) => {
    if (typeof v === "string") return v.slice(0, 1);
    const list = arr("first", v!);
    return list.length > 0 ? list[0]! : null;
  }),
  last: eager(1, 1, ([v]) => {
    if (typeof v === "string") return v.slice(-1);
    const list = arr("last", v!);
    return list.length > 0 ? list[list.length - 1]! : null;
  }),
  flatten: eager(1, 1, ([v], env) =>
    boundedArray(
      arr("flatten", v!).flatMap((x) => (Array.isArray(x) ? x : [x])),
      env,
    ),
  ),
  indexof: eager(2, 2, ([c, item], env) => {
    if (typeof c === "string") return stringIndexOf(c, str("indexOf", item!, 2), false);
    const list = arr("indexOf", c!);
    env.budget.step(list.length);
    return list.findIndex((x) => armEquals(x, item!));
  }),
  lastindexof: eager(2, 2, ([c, item], env) => {
    if (typeof c === "string") return stringIndexOf(c, str("lastIndexOf", item!, 2), true);
    const list = arr("lastIndexOf", c!);
    env.budget.step(list.length);
    for (let i = list.length - 1; i >= 0; i--) if (armEquals(list[i]!, item!)) return i;
    return -1;
  }),
  indexfromend: eager(2, 2, ([a, i]) => indexFromEnd("indexFromEnd", arr("indexFromEnd", a!), int("indexFromEnd", i!, 2), false)),
  tryindexfromend: eager(2, 2, ([a, i]) => indexFromEnd("tryIndexFromEnd", arr("tryIndexFromEnd", a!), int("tryIndexFromEnd", i!, 2), true)),
  intersection: eager(2, MANY, (args, env) => {
    if (args.every(Array.isArray)) {
      const [head, ...rest] = args as Value[][];
      const others = rest.map((r) => new Set(boundedArray(r, env).map(equalityKey)));
      const seen = new Set<string>();
      const out: Value[] = [];
      for (const x of boundedArray(head!, env)) {
        const key = equalityKey(x);
        if (!seen.has(key) && others.every((o) => o.has(key))) out.push(x);
        seen.add(key);
      }
      return out;
    }
    const objects = args.map((a, i) => obj("intersection", a, i + 1));
    const out = newObject();
    for (const k of Object.keys(objects[0]!)) {
      const v = objects[0]![k]!;
      if (
        objects.slice(1).every((o) => {
          const w = getKey(o, k);
          return w !== undefined && armEquals(w, v);
        })
      )
        out[k] = v;
    }
    return out;
  }),
  length: eager(1, 1, ([v]) => lengthOf("length", v!)),
  max: extreme("max", Math.max),
  min: extreme("min", Math.min),
  range: eager(2, 2, ([s, c], env) => {
    const start = int("range", s!, 1);
    const count = int("range", c!, 2);
    if (count < 0) throw new EvalError("range: count must not be negative");
    boundedArray({ length: count } as unknown[], env);
    return Array.from({ length: count }, (_, i) => start + i);
  }),
  skip: eager(2, 2, ([v, n], env) => skipOrTake("skip", false, v!, int("skip", n!, 2), env)),
  take: eager(2, 2, ([v, n], env) => skipOrTake("take", true, v!, int("take", n!, 2), env)),
  tryget: eager(
    2,
    MANY,
    ([target, ...keys]) => {
      let cur: Value = target!;
      for (const key of keys) {
        if (cur instanceof Unknown) return cur;
        if (key instanceof Unknown) return key;
        if (isObject(cur) && typeof key === "string") cur = getKey(cur, key) ?? null;
        else if (Array.isArray(cur) && typeof key === "number") cur = cur[key] ?? null;
        else return null;
        if (cur === null) return null;
      }
      return cur;
    },
    true,
  ),
  union: eager(1, MANY, (args, env) => {
    if (args.every((a) => Array.isArray(a) || a === null)) {
      const seen = new Set<string>();
      const out: Value[] = [];
      for (const a of args) {
        for (const x of boundedArray((a as Value[] | null) ?? [], env)) {
          const key = equalityKey(x);
          if (!seen.has(key)) out.push(x);
          seen.add(key);
        }
      }
      return boundedArray(out, env);
    }
    return args.reduce<JsonObject>((acc, a, i) => (a === null ? acc : mergeObjects(acc, obj("union", a, i + 1), env)), newObject());
  }),
  createobject: eager(
    0,
    MANY,
    (args) => {
      if (args.length % 2 !== 0) throw new EvalError("createObject: needs key and value pairs");
      const out = newObject();
      for (let i = 0; i < args.length; i += 2) {
        const key = args[i]!;
        if (key instanceof Unknown) return key;
        out[str("createObject", key, i + 1)] = args[i + 1]!;
      }
      return out;
    },
    true,
  ),
  items: eager(1, 1, ([o]) =>
    Object.keys(obj("items", o!))
      .sort((a, b) => {
        const la = a.toLowerCase();
        const lb = b.toLowerCase();
        return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
      })
      .map((key) => {
        const entry = newObject();
        entry["key"] = key;
        entry["value"] = (o as JsonObject)[key]!;
        return entry;
      }),
  ),
  objectkeys: eager(1, 1, ([o]) => Object.keys(obj("objectKeys", o!))),
  shallowmerge: eager(1, 1, ([list]) => {
    const out = newObject();
    for (const [i, o] of arr("shallowMerge", list!).entries()) {
      if (o instanceof Unknown) return o;
      for (const [k, v] of Object.entries(obj("shallowMerge", o, i + 1))) out[k] = v;
    }
    return out;
  }),
  json: eager(1, 1, ([s]) => readJson("json", str("json", s!))),
  null: eager(0, 0, () => null),
};
