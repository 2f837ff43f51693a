import { EvalError } from "../../errors.js";
import { newObject, type Value } from "../../json.js";
import { Unknown } from "../../unknown.js";
import type { Expr } from "../ast.js";
import type { Env } from "../env.js";
import { lazy, type FunctionTable } from "../function-table.js";
import { arr, bool, boundedArray, mergeUnknowns, obj, str } from "../values.js";

interface Lambda {
  params: string[];
  body: Expr;
}

/** Reads `lambda('a', 'b', body)` from an argument's syntax tree; lambdas are not values. */
function lambdaOf(fn: string, raw: Expr | undefined, min: number, max: number): Lambda {
  if (raw?.kind !== "call" || raw.namespace !== undefined || raw.name.toLowerCase() !== "lambda") {
    throw new EvalError(`${fn}: expects a lambda() argument`);
  }
  const params = raw.args.slice(0, -1).map((p) => {
    if (p.kind !== "string") throw new EvalError(`${fn}: lambda parameter names must be string literals`);
    return p.value;
  });
  if (params.length < min || params.length > max) throw new EvalError(`${fn}: the lambda takes ${min === max ? min : `${min} to ${max}`} parameters`);
  return { params, body: raw.args[raw.args.length - 1]! };
}

/**
 * Steps charged for each call of a lambda, over those of its body: a call makes a scope, and the
 * function calling it may walk a large value for each (`mapValues` of an object of 100,000 keys,
 * 50 times, took minutes at one step a call).
 */
const LAMBDA_CALL_STEPS = 4;

function apply(l: Lambda, values: Value[], env: Env): Value {
  env.budget.step(LAMBDA_CALL_STEPS);
  return env.evaluateIn(l.body, env.scope.withLambda(new Map(l.params.map((p, i) => [p.toLowerCase(), values[i]!]))));
}

/**
 * Calls `each(key, item)` for every item of `items` with the key its lambda gives. Returns the
 * unknown that stops it: the items themselves, or a key, when one is unknown.
 */
function keyed(fn: string, key: Lambda, items: Value, env: Env, each: (key: string, item: Value) => void): Unknown | undefined {
  if (items instanceof Unknown) return items;
  for (const x of arr(fn, items)) {
    const k = apply(key, [x], env);
    if (k instanceof Unknown) return k;
    each(str(fn, k, 2), x);
  }
  return undefined;
}

/** Thrown inside a sort comparator when the order depends on an unknown. */
class UnknownOrder {
  constructor(readonly unknown: Unknown) {}
}

export const lambdaFunctions: FunctionTable = {
  map: lazy(2, 2, ([list], env, raw) => {
    const l = lambdaOf("map", raw[1], 1, 2);
    const items = list!();
    if (items instanceof Unknown) return items;
    return boundedArray(
      arr("map", items).map((x, i) => apply(l, [x, i], env)),
      env,
    );
  }),
  filter: lazy(2, 2, ([list], env, raw) => {
    const l = lambdaOf("filter", raw[1], 1, 2);
    const items = list!();
    if (items instanceof Unknown) return items;
    const keep: Value[] = [];
    const unknowns: Unknown[] = [];
    arr("filter", items).forEach((x, i) => {
      const v = apply(l, [x, i], env);
      if (v instanceof Unknown) unknowns.push(v);
      else if (bool("filter", v, 2)) keep.push(x);
    });
    return unknowns.length > 0 ? mergeUnknowns(unknowns) : keep;
  }),
  reduce: lazy(3, 3, ([list, initial], env, raw) => {
    const l = lambdaOf("reduce", raw[2], 2, 3);
    const items = list!();
    if (items instanceof Unknown) return items;
    return arr("reduce", items).reduce<Value>((acc, x, i) => apply(l, [acc, x, i], env), initial!());
  }),
  sort: lazy(2, 2, ([list], env, raw) => {
    const l = lambdaOf("sort", raw[1], 2, 2);
    const items = list!();
    if (items instanceof Unknown) return items;
    const before = (a: Value, b: Value): boolean => {
      const v = apply(l, [a, b], env);
      if (v instanceof Unknown) throw new UnknownOrder(v);
      return bool("sort", v, 2);
    };
    try {
      return [...arr("sort", items)].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    } catch (e) {
      if (e instanceof UnknownOrder) return e.unknown;
      throw e;
    }
  }),
  toobject: lazy(2, 3, ([list], env, raw) => {
    const key = lambdaOf("toObject", raw[1], 1, 1);
    const value = raw[2] === undefined ? undefined : lambdaOf("toObject", raw[2], 1, 1);
    const out = newObject();
    return (
      keyed("toObject", key, list!(), env, (k, x) => {
        out[k] = value ? apply(value, [x], env) : x;
      }) ?? out
    );
  }),
  groupby: lazy(2, 2, ([list], env, raw) => {
    const key = lambdaOf("groupBy", raw[1], 1, 1);
    const groups = new Map<string, Value[]>();
    const unknown = keyed("groupBy", key, list!(), env, (k, x) => {
      const group = groups.get(k);
      if (group) group.push(x);
      else groups.set(k, [x]);
    });
    if (unknown) return unknown;
    const out = newObject();
    for (const [k, group] of groups) out[k] = group;
    return out;
  }),
  mapvalues: lazy(2, 2, ([target], env, raw) => {
    const l = lambdaOf("mapValues", raw[1], 1, 1);
    const o = target!();
    if (o instanceof Unknown) return o;
    const out = newObject();
    for (const [k, v] of Object.entries(obj("mapValues", o))) out[k] = apply(l, [v], env);
    return out;
  }),
};
