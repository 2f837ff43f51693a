import { EvalError } from "../errors.js";
import { getKey, isObject, type Value } from "../json.js";
import { Unknown } from "../unknown.js";
import type { Expr } from "./ast.js";
import type { Env } from "./env.js";
import { chargeArguments } from "./charge.js";
import { FUNCTIONS, listFunction } from "./functions/index.js";
import { callUserFunction } from "./user-functions.js";
import { mergeUnknowns, typeName } from "./values.js";

/** Marks an object returned by `reference()`: a property it lacks is known only at deployment. */
export const RUNTIME_REST = Symbol("runtime-rest");

type Layered = { [RUNTIME_REST]?: (name: string) => Unknown };

/** Evaluates an expression tree. Unknowns propagate; an `EvalError` means this value failed. */
export function evaluate(expr: Expr, env: Env): Value {
  switch (expr.kind) {
    case "string":
    case "number":
    case "literal":
      return expr.value;
    case "property":
      env.budget.step();
      return access(evaluate(expr.target, env), expr.name);
    case "index": {
      env.budget.step();
      const target = evaluate(expr.target, env);
      const index = evaluate(expr.index, env);
      if (index instanceof Unknown) return target instanceof Unknown ? mergeUnknowns([target, index]) : index;
      return access(target, index);
    }
    case "call":
      env.budget.step();
      return call(expr, env);
  }
}

function call(expr: Extract<Expr, { kind: "call" }>, env: Env): Value {
  if (expr.namespace !== undefined) return callUserFunction(expr.namespace, expr.name, expr.args.map((a) => evaluate(a, env)), env);
  const lower = expr.name.toLowerCase();
  const fn = FUNCTIONS[lower] ?? (lower.startsWith("list") ? listFunction(lower) : undefined);
  if (!fn) {
    return new Unknown("unsupported", env.text, [lower], undefined, false, `function ${expr.name}() is not evaluated by the scanner`);
  }
  const n = expr.args.length;
  if (n < fn.min || n > fn.max) {
    const arity = fn.min === fn.max ? `${fn.min}` : fn.max === Infinity ? `at least ${fn.min}` : `${fn.min} to ${fn.max}`;
    throw new EvalError(`${expr.name}() takes ${arity} argument${fn.max === 1 ? "" : "s"}, not ${n}`);
  }
  if (fn.lazy) return fn.call(expr.args.map((a) => () => evaluate(a, env)), env, expr.args);
  const args = expr.args.map((a) => evaluate(a, env));
  chargeArguments(lower, args, env);
  if (!fn.unknownAware) {
    const unknowns = args.filter((a): a is Unknown => a instanceof Unknown);
    if (unknowns.length > 0) return mergeUnknowns(unknowns);
  }
  return fn.call(args, env);
}

/** `x.name` / `x['name']` / `x[i]`: object keys case-insensitive, array indexes in range. */
export function access(target: Value, key: Value): Value {
  if (target instanceof Unknown) return target;
  if (key instanceof Unknown) return key;
  if (Array.isArray(target)) {
    if (typeof key !== "number" || !Number.isInteger(key)) throw new EvalError(`an array is indexed by an integer, not ${typeName(key)}`);
    if (key < 0 || key >= target.length) throw new EvalError(`index ${key} is out of range for an array of ${target.length}`);
    return target[key]!;
  }
  if (isObject(target)) {
    if (typeof key !== "string") throw new EvalError(`an object is indexed by a string, not ${typeName(key)}`);
    const v = getKey(target, key);
    if (v !== undefined) return v;
    const rest = (target as Layered)[RUNTIME_REST];
    if (rest) return rest(key);
    throw new EvalError(`the property '${key}' does not exist`);
  }
  throw new EvalError(`cannot read '${String(key)}' of ${typeName(target)}`);
}
