import { MAX_JSON_DEPTH, ScanError, lineCommentEnd } from "./json-structure.js";

/**
 * Rewrites JSONC text into text `JSON.parse` accepts, in one linear pass, so that it reads what ARM's
 * parser (Json.NET) reads: comments become spaces (so offsets stay put; a `//` comment ends at CR
 * or LF), raw control characters inside strings become escapes (ARM allows multi-line strings),
 * `\'` becomes `'` and an unpaired surrogate escape becomes U+FFFD (see docs/reader-vs-arm.md). Also enforces the nesting bound before any recursive code sees the value.
 * Returns the input itself when nothing needed rewriting, which is the common case.
 */
export function prepareForJsonParse(text: string): string {
  const n = text.length;
  const parts: string[] = [];
  let copiedUpTo = 0;
  let depth = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i++;
      while (i < n) {
        const s = text.charCodeAt(i);
        if (s === 0x22) break;
        if (s === 0x5c /* \ */) {
          const escape = readEscape(text, i);
          if (escape.replacement !== undefined) {
            parts.push(text.slice(copiedUpTo, i), escape.replacement);
            copiedUpTo = i + escape.length;
          }
          i += escape.length;
          continue;
        }
        if (s < 0x20) {
          parts.push(text.slice(copiedUpTo, i), `\\u${s.toString(16).padStart(4, "0")}`);
          copiedUpTo = i + 1;
        }
        i++;
      }
      i++;
    } else if (c === 0x2f /* / */ && (text.charCodeAt(i + 1) === 0x2f || text.charCodeAt(i + 1) === 0x2a)) {
      const block = text.charCodeAt(i + 1) === 0x2a;
      let end: number;
      if (block) {
        const close = text.indexOf("*/", i + 2);
        if (close < 0) throw new ScanError(i, "unterminated block comment");
        end = close + 2;
      } else {
        end = lineCommentEnd(text, i + 2);
      }
      // Keep line breaks so that positions computed on the original text stay valid.
      parts.push(text.slice(copiedUpTo, i), text.slice(i, end).replace(/[^\r\n]/g, " "));
      copiedUpTo = end;
      i = end;
    } else {
      if (c === 0x7b || c === 0x5b) {
        if (++depth > MAX_JSON_DEPTH) throw new ScanError(i, `nesting deeper than ${MAX_JSON_DEPTH} levels`);
      } else if (c === 0x7d || c === 0x5d) {
        depth--;
      }
      i++;
    }
  }
  if (copiedUpTo === 0) return text;
  parts.push(text.slice(copiedUpTo));
  return parts.join("");
}

const HEX4 = /^[0-9a-fA-F]{4}$/;

function unicodeEscape(text: string, i: number): number | undefined {
  if (text.charCodeAt(i) !== 0x5c || text.charCodeAt(i + 1) !== 0x75) return undefined;
  const hex = text.slice(i + 2, i + 6);
  return HEX4.test(hex) ? parseInt(hex, 16) : undefined;
}

const isHigh = (c: number | undefined) => c !== undefined && c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number | undefined) => c !== undefined && c >= 0xdc00 && c <= 0xdfff;

/**
 * The length of the escape at `i` and, where Json.NET reads it differently from `JSON.parse`, what
 * to write instead: `\'` is a quote, and a `\u` surrogate escape without its partner is U+FFFD
 * (a pair is kept whole).
 */
function readEscape(text: string, i: number): { length: number; replacement?: string } {
  if (text.charCodeAt(i + 1) === 0x27 /* ' */) return { length: 2, replacement: "'" };
  const unit = unicodeEscape(text, i);
  if (unit === undefined) return { length: 2 };
  if (isHigh(unit) && isLow(unicodeEscape(text, i + 6))) return { length: 12 };
  if (isHigh(unit) || isLow(unit)) return { length: 6, replacement: "\\ufffd" };
  return { length: 6 };
}
