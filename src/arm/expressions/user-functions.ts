import { EvalError } from "../errors.js";
import type { Value } from "../json.js";
import type { Env } from "./env.js";

/** Calls `namespace.name(args)` from the template's `functions` section. */
export function callUserFunction(namespace: string, name: string, args: Value[], env: Env): Value {
  const fn = env.scope.userFunction(namespace, name);
  if (!fn) throw new EvalError(`${namespace}.${name}() is not defined in the template's functions`);
  if (args.length !== fn.parameters.length) {
    throw new EvalError(`${namespace}.${name}() takes ${fn.parameters.length} arguments, not ${args.length}`);
  }
  const scope = env.scope.withFunctionArguments(new Map(fn.parameters.map((p, i) => [p.toLowerCase(), args[i]!])));
  return env.budget.nested(() => env.resolve(fn.output, scope));
}
