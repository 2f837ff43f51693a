import { EvalError, ExpansionFault } from "../errors.js";
import { isObject, type JsonObject, type Value } from "../json.js";
import { Unknown } from "../unknown.js";
import type { Env } from "./env.js";

/** ARM's name for a value's type, as used in messages. */
export function typeName(v: Value): string {
  if (v === null) return "null";
  if (v instanceof Unknown) return "unknown";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return "int";
  if (typeof v === "boolean") return "bool";
  return typeof v === "string" ? "string" : "object";
}

/** The first unknown anywhere inside a value, for functions that need the whole value. */
export function deepUnknown(v: Value): Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (Array.isArray(v)) {
    for (const x of v) {
      const u = deepUnknown(x);
      if (u) return u;
    }
  } else if (isObject(v)) {
    for (const x of Object.values(v)) {
      const u = deepUnknown(x);
      if (u) return u;
    }
  }
  return undefined;
}

/**
 * Combines the unknowns a result depends on: the first one's origin, every function involved,
 * the first known target, and secret when any of them is.
 */
export function mergeUnknowns(unknowns: readonly Unknown[]): Unknown {
  const [first] = unknowns;
  if (unknowns.length === 1 || !first) return first!;
  const functions = [...new Set(unknowns.flatMap((u) => u.functions))];
  const target = unknowns.find((u) => u.target)?.target;
  return new Unknown(
    first.reason,
    first.expression,
    functions,
    target,
    unknowns.some((u) => u.secret),
    first.detail,
  );
}

/** `string()`: booleans as `True`/`False`, objects and arrays as compact JSON, null as empty. */
export function armString(v: Value): string {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return String(v);
  return JSON.stringify(v);
}

/** Deep equality; strings compare case-sensitively, object keys case-insensitively. */
export function armEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => armEquals(x, b[i]!));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    const lower = new Map(kb.map((k) => [k.toLowerCase(), k]));
    return ka.every((k) => {
      const other = lower.get(k.toLowerCase());
      return other !== undefined && armEquals(a[k]!, b[other]!);
    });
  }
  return false;
}

export function str(fn: string, v: Value, i = 1): string {
  if (typeof v !== "string") throw new EvalError(`${fn}: argument ${i} must be a string, not ${typeName(v)}`);
  return v;
}

export function int(fn: string, v: Value, i = 1): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new EvalError(`${fn}: argument ${i} must be an integer, not ${typeName(v)}`);
  return v;
}

export function bool(fn: string, v: Value, i = 1): boolean {
  if (typeof v !== "boolean") throw new EvalError(`${fn}: argument ${i} must be a bool, not ${typeName(v)}`);
  return v;
}

export function arr(fn: string, v: Value, i = 1): Value[] {
  if (!Array.isArray(v)) throw new EvalError(`${fn}: argument ${i} must be an array, not ${typeName(v)}`);
  return v;
}

export function obj(fn: string, v: Value, i = 1): JsonObject {
  if (!isObject(v)) throw new EvalError(`${fn}: argument ${i} must be an object, not ${typeName(v)}`);
  return v;
}

/** Guards a produced string against the length limit, and charges its size to the budget. */
export function boundedString(s: string, env: Env): string {
  env.budget.step(s.length >> 6);
  if (s.length > env.budget.limits.stringLength) throw new ExpansionFault(`string longer than ${env.budget.limits.stringLength} characters`);
  return s;
}

/** Guards a produced array against the length limit, and charges its size to the budget. */
export function boundedArray<T>(a: T[], env: Env): T[] {
  if (a.length > env.budget.limits.arrayLength) throw new ExpansionFault(`array longer than ${env.budget.limits.arrayLength} elements`);
  env.budget.step(a.length);
  return a;
}

/**
 * A key under which values that `armEquals` calls equal collide: JSON with object keys
 * lower-cased and sorted. Lets `union` and `intersection` deduplicate in linear time.
 */
export function equalityKey(v: Value): string {
  if (Array.isArray(v)) return `[${v.map(equalityKey).join(",")}]`;
  if (isObject(v)) {
    const entries = Object.keys(v).map((k) => [k.toLowerCase(), equalityKey(v[k]!)] as const);
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${x}`).join(",")}}`;
  }
  return JSON.stringify(v);
}
