import type { Value } from "../json.js";
import type { Env } from "./env.js";

/** A function whose arguments are evaluated first; an unknown argument makes the result unknown. */
export interface EagerFunction {
  lazy?: false;
  min: number;
  max: number;
  /** When set, unknown arguments are passed in instead of short-circuiting the call. */
  unknownAware?: boolean;
  call(args: Value[], env: Env): Value;
}

/** A function that decides which arguments to evaluate (`if`, `and`, `or`, `coalesce`, lambdas). */
export interface LazyFunction {
  lazy: true;
  min: number;
  max: number;
  call(args: ReadonlyArray<() => Value>, env: Env, raw: ReadonlyArray<import("./ast.js").Expr>): Value;
}

export type ArmFunction = EagerFunction | LazyFunction;

/** Functions by lower-case name. */
export type FunctionTable = Record<string, ArmFunction>;

export const eager = (min: number, max: number, call: EagerFunction["call"], unknownAware = false): EagerFunction => ({
  min,
  max,
  call,
  unknownAware,
});

export const lazy = (min: number, max: number, call: LazyFunction["call"]): LazyFunction => ({ lazy: true, min, max, call });

/** Arity for functions that take any number of arguments. */
export const MANY = Number.POSITIVE_INFINITY;
