import { MAX_JSON_DEPTH, ScanError } from "./scan.js";

/**
 * Rewrites JSONC text into text `JSON.parse` accepts, in one linear pass: comments become spaces
 * (so offsets stay put) and raw control characters inside strings become escapes (ARM allows
 * multi-line strings). Also enforces the nesting bound before any recursive code sees the value.
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
          i += 2;
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
        const nl = text.indexOf("\n", i + 2);
        end = nl < 0 ? n : nl;
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
