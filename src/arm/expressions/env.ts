import type { DeploymentContext } from "../context.js";
import { LimitFault } from "../errors.js";
import { MAX_COPY_VALUES, type ExpansionLimits } from "../limits.js";
import type { Value } from "../json.js";
import type { Unknown } from "../unknown.js";
import type { Expr } from "./ast.js";

/** A user-defined function from a template's `functions` section. */
export interface UserFunction {
  parameters: string[];
  output: unknown;
}

/**
 * What resource functions need from the expansion: the resources declared in the template(s),
 * deployment outputs, and the deployment's own description. Implemented by the expander.
 */
export interface ResourceResolver {
  /** `reference()`: declared properties layered over unknown, a deployment's outputs, or an unknown. */
  reference(target: Value, full: boolean, env: Env): Value;
  /** `references()`: the instances of a looped symbolic resource. */
  references(symbol: string, full: boolean, env: Env): Value;
  /** `list*()`: always an unknown secret that knows, where it can, the type and id of its target. */
  list(functionName: string, target: Value, env: Env): Unknown;
  /** `deployment()`. */
  deployment(): Value;
}

/** What names resolve to while one expression is evaluated. */
export interface Scope {
  parameter(name: string, env: Env): Value;
  variable(name: string, env: Env): Value;
  /** Where a variable is declared (file and JSON pointer), for tracing values to their source. */
  variableSource(name: string): { file: string; pointer: string } | undefined;
  copyIndex(loop: string | undefined): number | Unknown;
  lambdaVariable(name: string): Value;
  userFunction(namespace: string, name: string): UserFunction | undefined;
  /** A scope inside copy loop `loop` at `index` (`copyIndex('loop')`). */
  withCopy(loop: string, index: number | Unknown): Scope;
  /** A scope where `lambdaVariables(name)` sees these values. */
  withLambda(vars: ReadonlyMap<string, Value>): Scope;
  /** A scope for a user function's body: `parameters()` reads its arguments, nothing else is visible. */
  withFunctionArguments(args: ReadonlyMap<string, Value>): Scope;
  readonly context: DeploymentContext;
  readonly deploymentScope: "resourceGroup" | "subscription" | "managementGroup" | "tenant";
  readonly resolver: ResourceResolver;
}

/** An expression that failed; its value became an unknown. `pointer` is where it was written, when known. */
export interface EvaluationFailure {
  expression: string;
  message: string;
  pointer?: string;
}

/** Counts work so that no template can make the expander run away. */
export class Budget {
  private steps = 0;
  private depth = 0;
  /** Expressions that failed during the expansion, in order, for notices. */
  readonly failures: EvaluationFailure[] = [];

  constructor(readonly limits: ExpansionLimits) {}

  /** Counts `n` units of work: one per call or accessor, one per element or 64 characters produced. */
  step(n = 1): void {
    this.steps += n;
    if (this.steps > this.limits.steps) {
      throw new LimitFault(`evaluation takes more than ${this.limits.steps} steps`);
    }
  }

  private copied = 0;

  /**
   * Counts `n` elements about to be made by a property copy loop, refusing the template as soon as
   * the loops would make more than `MAX_COPY_VALUES`, before the work is done.
   */
  copies(n: number): void {
    this.copied += n;
    if (this.copied > MAX_COPY_VALUES) throw new LimitFault(`copy loops make more than ${MAX_COPY_VALUES} values`);
  }

  /** Runs `fn` one level deeper (user-function calls, values evaluated inside other values). */
  nested<T>(fn: () => T): T {
    if (++this.depth > this.limits.callDepth) {
      this.depth = 0;
      throw new LimitFault(`evaluation nests deeper than ${this.limits.callDepth} levels`);
    }
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }
}

/** The environment of one evaluation. */
export interface Env {
  /** The template string being evaluated (an unknown born here records it as its origin). */
  readonly text: string;
  readonly scope: Scope;
  readonly budget: Budget;
  /** Evaluates a sub-expression in another scope (lambda bodies). */
  evaluateIn(expr: Expr, scope: Scope): Value;
  /** Resolves a raw template value (an expression string, or an object or array holding them) in a scope. */
  resolve(raw: unknown, scope: Scope): Value;
}
