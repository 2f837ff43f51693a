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

/** A placeholder of a composite format: the argument it places, its alignment and format string. */
export interface Placeholder {
  index: number;
  align: number;
  spec: string | undefined;
}

/**
 * The pieces of a composite format, literal text and placeholders, in one linear pass (each `{`
 * is matched with the next `}`, and the scan goes on after it). Throws `EvalError` when the
 * template is malformed.
 */
export function parseComposite(template: string): Array<string | Placeholder> {
  const pieces: Array<string | Placeholder> = [];
  let text = "";
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === "{" && template[i + 1] === "{") {
      text += "{";
      i += 2;
    } else if (ch === "}" && template[i + 1] === "}") {
      text += "}";
      i += 2;
    } else if (ch === "{") {
      const end = template.indexOf("}", i);
      if (end < 0) throw new EvalError("format: unclosed '{'");
      const m = PLACEHOLDER.exec(template.slice(i + 1, end));
      if (!m) throw new EvalError(`format: invalid placeholder '${clip(template.slice(i, end + 1))}'`);
      const align = m[2] === undefined ? 0 : Number(m[2]);
      if (Math.abs(align) > 10_000) throw new EvalError("format: alignment too large");
      pieces.push(text, { index: Number(m[1]), align, spec: m[3] });
      text = "";
      i = end + 1;
    } else if (ch === "}") {
      throw new EvalError("format: unmatched '}'");
    } else {
      text += ch;
      i++;
    }
  }
  pieces.push(text);
  return pieces;
}

export function compositeFormat(template: string, args: readonly Value[]): string {
  let out = "";
  for (const piece of parseComposite(template)) {
    if (typeof piece === "string") {
      out += piece;
      continue;
    }
    if (piece.index >= args.length) throw new EvalError(`format: placeholder {${clip(String(piece.index))}} has no argument`);
    const text = formatOne(args[piece.index]!, piece.spec);
    out += piece.align < 0 ? text.padEnd(-piece.align) : text.padStart(piece.align);
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
