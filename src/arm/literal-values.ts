import { isObject, newObject, type Value } from "./json.js";
import { Unknown } from "./unknown.js";

/** True for a JSON string ARM evaluates as an expression: `[...]`, but not the `[[` escape. */
export function isExpression(s: string): boolean {
  return s.length >= 2 && s.startsWith("[") && s.endsWith("]") && !s.startsWith("[[");
}

/**
 * Resolves a template value without evaluating expressions: literals are kept, `[[` is unescaped,
 * an expression becomes an unknown carrying its text, and null-valued properties are dropped (ARM
 * treats them as absent).
 */
export function resolveLiteral(value: unknown): Value {
  if (typeof value === "string") {
    if (isExpression(value)) return new Unknown("unsupported", value, [], undefined, false, "expression not evaluated");
    return value.startsWith("[[") ? value.slice(1) : value;
  }
  if (Array.isArray(value)) return value.map(resolveLiteral);
  if (isObject(value)) {
    const out = newObject();
    for (const [k, v] of Object.entries(value)) {
      if (v !== null) out[k] = resolveLiteral(v);
    }
    return out;
  }
  return value as Value;
}
