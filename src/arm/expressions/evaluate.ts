import { EvalError } from "../errors.js";
import { getKey, isObject, type Value } from "../json.js";
import { Unknown } from "../unknown.js";
import { clipText } from "../preview.js";
import type { Expr } from "./ast.js";
import type { Budget, Env } from "./env.js";
import { chargeArguments } from "./charge.js";
import { FUNCTIONS, listFunction } from "./functions/index.js";
import { callUserFunction } from "./user-functions.js";
import { mergeUnknowns, typeName } from "./values.js";
import { derive, member, originOf, withOrigin } from "./derive.js";

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
      if (index instanceof Unknown)
        return derive("[]", [target, index], target instanceof Unknown ? mergeUnknowns([target, index]) : index, false, ([t, i]) => access(t!, i!));
      return access(target, index);
    }
    case "call":
      env.budget.step();
      return call(expr, env);
  }
}

function call(expr: Extract<Expr, { kind: "call" }>, env: Env): Value {
  if (expr.namespace !== undefined)
    return callUserFunction(
      expr.namespace,
      expr.name,
      expr.args.map((a) => evaluate(a, env)),
      env,
    );
  const lower = expr.name.toLowerCase();
  const fn = FUNCTIONS[lower] ?? (lower.startsWith("list") ? listFunction(lower) : undefined);
  if (!fn) {
    return new Unknown("unsupported", env.text, [lower], undefined, false, `function ${expr.name}() is not evaluated by the scanner`);
  }
  const n = expr.args.length;
  if (n < fn.min || n > fn.max) {
    const arity = fn.min === fn.max ? `${fn.min}` : fn.max === Infinity ? `at least ${fn.min}` : `${fn.min} to ${fn.max}`;
    throw new EvalError(`${clipText(expr.name)}() takes ${arity} argument${fn.max === 1 ? "" : "s"}, not ${n}`);
  }
  if (fn.lazy) {
    // Which arguments a lazy function looked at is not known here: its unknown result has no identity.
    const result = fn.call(
      expr.args.map((a) => () => evaluate(a, env)),
      env,
      expr.args,
    );
    return result instanceof Unknown ? withOrigin(result, undefined) : result;
  }
  const args = targetsResource(lower) ? expr.args.map((a) => evaluateOrUnknown(a, env)) : expr.args.map((a) => evaluate(a, env));
  chargeArguments(lower, args, env);
  if (!fn.unknownAware) {
    const unknowns = args.filter((a): a is Unknown => a instanceof Unknown);
    if (unknowns.length > 0) return derive(lower, args, mergeUnknowns(unknowns), false, (known) => fn.call(known, env));
  }
  const result = fn.call(args, env);
  if (!(result instanceof Unknown) || NAMES_A_VALUE.has(lower)) return result;
  // An unknown result is identified by the call, never by an argument it may pass through; one
  // made from known arguments (newGuid(), utcNow()) keeps what its function gave it.
  if (args.some((a) => a instanceof Unknown)) return derive(lower, args, result, !args.includes(result), (known) => fn.call(known, env));
  return result.facts.origin !== undefined ? withOrigin(result, originOf(lower, args)) : result;
}

/** Functions that return a value by its name: the value itself, whose identity they keep. */
const NAMES_A_VALUE = new Set(["parameters", "variables", "lambdavariables"]);

/** Functions that build a resource id or read a resource: what they target matters (listKeys of ACS). */
function targetsResource(lower: string): boolean {
  return lower.endsWith("resourceid") || lower.startsWith("list") || lower === "reference";
}

/**
 * An argument of a function that targets a resource: when it fails, the call still sees the other
 * arguments (the literal resource type above all), so `listKeys(resourceId(split(x, '/')[8],
 * 'Microsoft.Communication/communicationServices', n))` is still known to read an ACS key.
 */
function evaluateOrUnknown(expr: Expr, env: Env): Value {
  try {
    return evaluate(expr, env);
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    return failedValue(env.budget, env.text, e.message);
  }
}

/** A failed expression: recorded for a notice naming it, and an unknown carrying the reason. */
export function failedValue(budget: Budget, text: string, message: string): Unknown {
  budget.failures.push({ expression: text, message });
  return new Unknown("error", text, [], undefined, false, message);
}

/** `x.name` / `x['name']` / `x[i]`: object keys case-insensitive, array indexes in range. */
export function access(target: Value, key: Value): Value {
  if (target instanceof Unknown) return member(target, key, ([t, k]) => access(t!, k!));
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
    throw new EvalError(`the property '${clipText(key)}' does not exist`);
  }
  throw new EvalError(`cannot read '${clipText(String(key))}' of ${typeName(target)}`);
}
