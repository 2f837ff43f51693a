import { EvalError } from "../../errors.js";
import type { Value } from "../../json.js";
import { armString } from "../values.js";

/**
 * .NET composite formatting as ARM's `format()` uses it: `{index[,alignment][:format]}`, with
 * `{{` and `}}` for literal braces. Supported format strings: none, D/d[n], N/n[n], X/x[n], and
 * zero-padding custom formats such as `000`.
 */
// `index[,alignment][:format]`. No two adjacent quantifiers can match the same characters (a
// placeholder of a digit and a long run of spaces would otherwise backtrack quadratically).
const PLACEHOLDER = /^(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::(.*))?$/s;

export function compositeFormat(template: string, args: readonly Value[]): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === "{" && template[i + 1] === "{") {
      out += "{";
      i += 2;
    } else if (ch === "}" && template[i + 1] === "}") {
      out += "}";
      i += 2;
    } else if (ch === "{") {
      const end = template.indexOf("}", i);
      if (end < 0) throw new EvalError("format: unclosed '{'");
      const m = PLACEHOLDER.exec(template.slice(i + 1, end));
      if (!m) throw new EvalError(`format: invalid placeholder '${clip(template.slice(i, end + 1))}'`);
      const index = Number(m[1]);
      if (index >= args.length) throw new EvalError(`format: placeholder {${index}} has no argument`);
      let text = formatOne(args[index]!, m[3]);
      const align = m[2] === undefined ? 0 : Number(m[2]);
      if (Math.abs(align) > 10_000) throw new EvalError("format: alignment too large");
      text = align < 0 ? text.padEnd(-align) : text.padStart(align);
      out += text;
      i = end + 1;
    } else if (ch === "}") {
      throw new EvalError("format: unmatched '}'");
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

function formatOne(v: Value, spec: string | undefined): string {
  if (spec === undefined || spec === "" || typeof v !== "number") return armString(v);
  const m = /^([DdNnXx])(\d{0,2})$/.exec(spec);
  if (m) {
    const digits = m[2] === "" ? undefined : Number(m[2]);
    switch (m[1]) {
      case "D":
      case "d": {
        const s = Math.abs(Math.trunc(v))
          .toString()
          .padStart(digits ?? 0, "0");
        return v < 0 ? `-${s}` : s;
      }
      case "N":
      case "n":
        return v.toLocaleString("en-US", { minimumFractionDigits: digits ?? 2, maximumFractionDigits: digits ?? 2 });
      default: {
        const hex = (Math.trunc(v) >>> 0).toString(16).padStart(digits ?? 0, "0");
        return m[1] === "X" ? hex.toUpperCase() : hex;
      }
    }
  }
  if (/^0+$/.test(spec)) return Math.trunc(v).toString().padStart(spec.length, "0");
  return armString(v);
}

/** A piece of the template for a message: at most 100 characters. */
const clip = (s: string) => (s.length > 100 ? `${s.slice(0, 100)}…` : s);
