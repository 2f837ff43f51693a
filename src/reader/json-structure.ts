/**
 * A structural scanner over JSON with comments (JSONC as ARM accepts it: `//` and block comments,
 * raw line breaks inside strings). It never builds values: it finds where things are, so the
 * reader can report a syntax error's place and resolve source ranges for JSON pointers.
 */

/** A syntax fault at a character offset of the scanned text. */
export class ScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Deepest nesting of arrays and objects a file may have (ARM templates need a few dozen). */
export const MAX_JSON_DEPTH = 256;

const SPACE = 0x20,
  TAB = 0x09,
  LF = 0x0a,
  CR = 0x0d,
  SLASH = 0x2f,
  STAR = 0x2a,
  QUOTE = 0x22,
  BACKSLASH = 0x5c;

/** Skips white space and comments from `i`; returns the next significant offset. */
export function skipTrivia(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === LF || c === CR) {
      i++;
    } else if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      i = lineCommentEnd(text, i + 2);
    } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) throw new ScanError(i, "unterminated block comment");
      i = end + 2;
    } else {
      break;
    }
  }
  return i;
}

/** Where a `//` comment whose text starts at `i` ends: at the next CR or LF (as Json.NET ends it), or the end. */
export function lineCommentEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) return i;
    i++;
  }
  return n;
}

/** `i` is at an opening quote; returns the offset just after the closing quote. */
export function skipString(text: string, i: number): number {
  const n = text.length;
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) return j + 1;
    if (c === BACKSLASH) {
      const e = text[j + 1];
      if (e === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) throw new ScanError(j, "invalid \\u escape in string");
        j += 6;
        continue;
      }
      if (e === undefined || !"\"\\/bfnrt'".includes(e)) throw new ScanError(j, "invalid escape in string");
      j += 2;
      continue;
    }
    j++;
  }
  throw new ScanError(i, "unterminated string");
}

/** Decodes the string token `text[start, end)` (quotes included). Raw line breaks are kept as is. */
export function decodeString(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  if (!raw.includes("\\")) return raw;
  // `\'` is Json.NET's escape for a quote; unpaired surrogates become U+FFFD as Json.NET reads them.
  // eslint-disable-next-line no-control-regex -- raw control characters are what JSON forbids in strings
  const escaped = raw.replace(/\\[^]|[\u0000-\u001f]/g, (m) =>
    m === "\\'" ? "'" : m.length === 2 ? m : `\\u${m.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return (JSON.parse(`"${escaped}"`) as string & { toWellFormed(): string }).toWellFormed();
}

const LITERAL = /(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/y;

/** Skips one value starting at a significant offset `i`; validates its syntax. Returns the offset after it. */
export function skipValue(text: string, i: number, depth = 0): number {
  if (depth > MAX_JSON_DEPTH) throw new ScanError(i, `nesting deeper than ${MAX_JSON_DEPTH} levels`);
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c === "{" || c === "[") {
    const close = c === "{" ? "}" : "]";
    let j = skipTrivia(text, i + 1);
    if (text[j] === close) return j + 1;
    for (;;) {
      if (c === "{") {
        if (text[j] !== '"') throw new ScanError(j, "expected a property name in double quotes");
        j = skipTrivia(text, skipString(text, j));
        if (text[j] !== ":") throw new ScanError(j, "expected ':' after property name");
        j = skipTrivia(text, j + 1);
      }
      j = skipTrivia(text, skipValue(text, j, depth + 1));
      if (text[j] === ",") {
        j = skipTrivia(text, j + 1);
        continue;
      }
      if (text[j] === close) return j + 1;
      throw new ScanError(j, `expected ',' or '${close}'`);
    }
  }
  LITERAL.lastIndex = i;
  if (LITERAL.test(text)) return LITERAL.lastIndex;
  if (i >= text.length) throw new ScanError(i, "unexpected end of input");
  throw new ScanError(i, `unexpected character ${JSON.stringify(text[i])}`);
}

/**
 * Finds the first syntax error in `text`, or returns undefined when the whole text is one
 * well-formed value. Only called after `JSON.parse` has failed, so speed does not matter here.
 */
export function findSyntaxError(text: string): ScanError | undefined {
  try {
    const start = skipTrivia(text, 0);
    const end = skipTrivia(text, skipValue(text, start));
    if (end < text.length) return new ScanError(end, "unexpected content after the end of the document");
    return undefined;
  } catch (e) {
    if (e instanceof ScanError) return e;
    throw e;
  }
}
