import { isObject, type Value } from "./json.js";
import { Unknown } from "./unknown.js";

/** The longest expression quoted in a message (expressions are the names people know values by, and long). */
export const MAX_QUOTED_EXPRESSION = 300;

/** Text quoted in a message: at most `max` characters, then `…`. */
export function clipText(text: string, max = 100): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * A value as compact JSON for a message, cut at `max` characters. It stops writing as soon as it
 * has enough, so a multi-megabyte (or exponentially shared) value costs no more than the preview.
 */
export function preview(value: Value, max = 100): string {
  let out = "";
  const write = (s: string): boolean => {
    out += s;
    return out.length <= max;
  };
  const visit = (v: Value): boolean => {
    if (v instanceof Unknown) return write("<unknown>");
    if (Array.isArray(v)) {
      if (!write("[")) return false;
      for (let i = 0; i < v.length; i++) if ((i > 0 && !write(",")) || !visit(v[i]!)) return false;
      return write("]");
    }
    if (isObject(v)) {
      if (!write("{")) return false;
      let first = true;
      for (const k in v) {
        if ((!first && !write(",")) || !write(`${JSON.stringify(k.slice(0, max))}:`) || !visit(v[k]!)) return false;
        first = false;
      }
      return write("}");
    }
    return write(typeof v === "string" ? JSON.stringify(v.slice(0, max + 1)) : JSON.stringify(v));
  };
  return visit(value) ? out : `${out.slice(0, max)}…`;
}
