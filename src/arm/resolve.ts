import { EvalError, ExpansionFault, LimitFault } from "./errors.js";
import type { Expr } from "./expressions/ast.js";
import type { Budget, Env, Scope } from "./expressions/env.js";
import { evaluate, failedValue } from "./expressions/evaluate.js";
import { parseExpression } from "./expressions/parse.js";
import { findKey, getKey, pointerSegment, isObject, newObject, type JsonObject, type Value } from "./json.js";
import { Unknown } from "./unknown.js";
import { preview } from "./preview.js";

/** True for a JSON string ARM evaluates as an expression: `[...]`, but not the `[[` escape. */
function isExpression(s: string): boolean {
  return s.length >= 2 && s.startsWith("[") && s.endsWith("]") && !s.startsWith("[[");
}

const PARSE_CACHE_SIZE = 20_000;
const parsed = new Map<string, Expr>();

/** Parses an expression string (`[...]`), remembering recent ones: copies repeat the same text. */
function parseCached(text: string, budget: Budget): Expr {
  let expr = parsed.get(text);
  if (!expr) {
    expr = parseExpression(text.slice(1, -1), budget.limits.expressionDepth);
    // Cleared when full rather than evicted one by one: deleting a Map's oldest entries again
    // and again leaves holes that make the next lookup of the oldest ever slower.
    if (parsed.size >= PARSE_CACHE_SIZE) parsed.clear();
    parsed.set(text, expr);
  }
  return expr;
}

/** Where a value being resolved sits, and where values that were written elsewhere came from. */
export interface Provenance {
  /** Pointer of the value in the result, relative to the resource (or other root). */
  rel: string;
  /** Pointer of the raw value in its file. */
  abs: string;
  /** Collects `rel → abs` for values whose source is not at the pointer their place implies. */
  moved?: Record<string, string>;
  /** The file `abs` points into. */
  file?: string;
}

export interface ResolveOptions {
  /** Expand `copy` arrays inside objects (resource properties and variables). */
  propertyCopy?: boolean;
  provenance?: Provenance;
}

/** Makes the environment for evaluating one expression string. */
function makeEnv(text: string, scope: Scope, budget: Budget): Env {
  const env: Env = {
    text,
    scope,
    budget,
    evaluateIn: (expr, inner) => evaluate(expr, { ...env, scope: inner }),
    resolve: (raw, inner) => resolveValue(raw, inner, budget),
  };
  return env;
}

/** Evaluates one expression string; a failure becomes an unknown carrying its reason. */
function evaluateString(text: string, scope: Scope, budget: Budget): Value {
  const expr = parseCached(text, budget);
  try {
    return evaluate(expr, makeEnv(text, scope, budget));
  } catch (e) {
    if (e instanceof EvalError) return failedValue(budget, text, e.message);
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new ExpansionFault(`expression nests too deeply to evaluate: ${text.slice(0, 200)}`);
    }
    throw e;
  }
}

/**
 * Resolves a raw template value: expression strings are evaluated, `[[` is unescaped, object keys
 * that are expressions are evaluated, null-valued properties are dropped (ARM treats them as
 * absent), and, where allowed, `copy` arrays become the arrays they describe.
 */
export function resolveValue(raw: unknown, scope: Scope, budget: Budget, options: ResolveOptions = {}): Value {
  budget.step();
  if (typeof raw === "string") {
    if (isExpression(raw)) {
      if (options.provenance?.moved) traceVariable(raw, scope, options.provenance);
      if (!options.provenance) return evaluateString(raw, scope, budget);
      const failed = budget.failures.length;
      try {
        const v = evaluateString(raw, scope, budget);
        for (let i = failed; i < budget.failures.length; i++) budget.failures[i]!.pointer ??= options.provenance.abs;
        return v;
      } catch (e) {
        // A fault without a place happened in this very string: name the property.
        if (e instanceof ExpansionFault && e.pointer === undefined && !(e instanceof LimitFault)) throw new ExpansionFault(e.message, options.provenance.abs);
        throw e;
      }
    }
    return raw.startsWith("[[") ? raw.slice(1) : raw;
  }
  if (Array.isArray(raw)) {
    return raw.map((x, i) => resolveValue(x, scope, budget, descend(options, String(i), String(i))));
  }
  if (isObject(raw)) return resolveObject(raw, scope, budget, options);
  return raw as Value;
}

const WHOLE_VARIABLE = /^\[\s*variables\(\s*'((?:[^']|'')*)'\s*\)\s*\]$/i;

/**
 * A value that is exactly `[variables('x')]` was written in the variable's declaration: record it
 * there, so a finding on a property inside it points at the property's line in `variables`.
 * Only within one file: a finding's pointer is always in the file of its resource.
 */
function traceVariable(raw: string, scope: Scope, p: Provenance): void {
  const m = WHOLE_VARIABLE.exec(raw);
  if (!m) return;
  const source = scope.variableSource(m[1]!.replace(/''/g, "'"));
  if (source && p.file === source.file) p.moved![p.rel] = source.pointer;
}

function descend(options: ResolveOptions, relKey: string, absKey: string): ResolveOptions {
  const p = options.provenance;
  if (!p) return options;
  const rel = `${p.rel}/${pointerSegment(relKey)}`;
  const abs = `${p.abs}/${pointerSegment(absKey)}`;
  if (p.moved && relKey !== absKey) p.moved[rel] = abs;
  return { ...options, provenance: { ...p, rel, abs } };
}

function resolveObject(raw: JsonObject, scope: Scope, budget: Budget, options: ResolveOptions): Value {
  const out = newObject();
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    if (options.propertyCopy && key.toLowerCase() === "copy" && Array.isArray(value)) {
      for (const [i, loop] of value.entries()) expandPropertyCopy(out, loop, i, scope, budget, options);
      continue;
    }
    let name = key;
    if (isExpression(key)) {
      const k = evaluateString(key, scope, budget);
      // An unknown key keeps its expression text, so the entry still exists for rules to see.
      name = typeof k === "string" ? k : key;
    } else if (key.startsWith("[[")) {
      name = key.slice(1);
    }
    if (value === null) continue;
    const resolved = resolveValue(value, scope, budget, descend(options, name, key));
    if (resolved !== null) out[name] = resolved;
  }
  return out;
}

/** A property loop: `{ name, count, input }` inside `copy` makes the array property `name`. */
function expandPropertyCopy(out: JsonObject, loop: unknown, i: number, scope: Scope, budget: Budget, options: ResolveOptions): void {
  const where = options.provenance ? `${options.provenance.abs}/copy/${i}` : undefined;
  // (its keys read without case, as ARM reads them)
  const name = isObject(loop) ? getKey(loop, "name") : undefined;
  const input = isObject(loop) ? findKey(loop, "input") : undefined;
  if (!isObject(loop) || typeof name !== "string" || input === undefined) {
    throw new ExpansionFault("a property copy loop needs a name, a count and an input", where);
  }
  const count = copyCount(resolveValue(getKey(loop, "count") ?? null, scope, budget), budget, where);
  if (count instanceof Unknown) {
    out[name] = count;
    return;
  }
  budget.copies(count);
  const p = options.provenance;
  out[name] = Array.from({ length: count }, (_, k) => {
    const itemOptions: ResolveOptions = p
      ? {
          ...options,
          provenance: { ...p, rel: `${p.rel}/${pointerSegment(name)}/${k}`, abs: `${p.abs}/copy/${i}/input` },
        }
      : options;
    if (p?.moved) p.moved[`${p.rel}/${pointerSegment(name)}/${k}`] = `${p.abs}/copy/${i}/input`;
    return resolveValue(loop[input]!, scope.withCopy(name, k), budget, itemOptions);
  });
}

/** Checks a copy count: a whole number from 0 to the limit, or unknown. */
export function copyCount(v: Value, budget: Budget, where: string | undefined): number | Unknown {
  if (v instanceof Unknown) return v;
  if (typeof v !== "number" || !Number.isInteger(v)) throw new ExpansionFault(`copy count is not a whole number (${preview(v)})`, where);
  if (v < 0) throw new ExpansionFault(`copy count ${v} is negative`, where);
  if (v > budget.limits.copyCount) throw new ExpansionFault(`copy count ${v} is over the limit of ${budget.limits.copyCount}`, where);
  return v;
}
