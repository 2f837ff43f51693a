/**
 * Splits Bicep source into tokens. Strings are one token each, interpolations (`'a${b}c'`) and
 * multi-line strings (`'''...'''`) included, so that braces inside them never confuse the parser;
 * comments are kept apart (suppressions are read from them). Line breaks are tokens: Bicep
 * separates declarations and object properties by them.
 */

/** Token kinds (numbers: tokens are kept in typed arrays). */
export const IDENTIFIER = 0;
export const STRING = 1;
export const NUMBER = 2;
export const NEWLINE = 3;
export const PUNCT = 4;
export const EOF = 5;

/**
 * The tokens of a file, one column per field: a 3,000-line file has some 13,000 tokens, and as
 * numbers in typed arrays they leave no garbage behind (an object per token did, inside scans
 * whose other stages keep the collector busy). A token's text is cut from the source when needed.
 */
export interface Tokens {
  /** Tokens in use (the last one is EOF). */
  count: number;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
}

export interface Comment {
  /** Offset of `//` or `/*`. */
  start: number;
  end: number;
  text: string;
}

/** A fault that stops the lexer; the parser reports it with the file's name. */
export class BicepSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

// Two-character operators (`::`, `=>`, `==`, `!=`, `<=`, `>=`, `&&`, `||`, `??`, `?.`, `=~`, `!~`, `.?`),
// by first and second character code, so the hot loop compares numbers instead of slicing strings.
const TWO_CHAR = new Set(
  [
    [58, 58],
    [61, 62],
    [61, 61],
    [33, 61],
    [60, 61],
    [62, 61],
    [38, 38],
    [124, 124],
    [63, 63],
    [63, 46],
    [61, 126],
    [33, 126],
    [46, 63],
  ].map(([a, b]) => a! * 256 + b!),
);
// ASCII character classes, looked up once per character in the hot loop.
const SPACE = 1;
const IDENT_START = 2;
const DIGIT = 4;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if (c === 32 || c === 9 || c === 13) CLASS[c] = SPACE;
  else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36)
    CLASS[c] = IDENT_START; // a-z A-Z _ $
  else if (c >= 48 && c <= 57) CLASS[c] = DIGIT;
}
const classOf = (c: number) => (c < 128 ? CLASS[c]! : 0);
// Interpolations nest strings within strings; a hostile file must not nest them without bound.
const MAX_INTERPOLATION_DEPTH = 64;

export function tokenize(text: string): { tokens: Tokens; comments: Comment[] } {
  const comments: Comment[] = [];
  const n = text.length;
  // Capacity grows by doubling from a small start: a file has fewer tokens than characters.
  let capacity = Math.min(n + 1, 1024);
  let kinds = new Uint8Array(capacity);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let count = 0;
  const push = (kind: number, start: number, end: number) => {
    if (count === capacity) {
      capacity *= 2;
      kinds = grow(kinds, new Uint8Array(capacity));
      starts = grow(starts, new Int32Array(capacity));
      ends = grow(ends, new Int32Array(capacity));
    }
    kinds[count] = kind;
    starts[count] = start;
    ends[count] = end;
    count++;
  };
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    const cls = classOf(code);
    if (cls === SPACE) {
      i++;
      continue;
    }
    if (code === 10) {
      push(NEWLINE, i, i + 1);
      i++;
      continue;
    }
    if (cls === IDENT_START) {
      let j = i + 1;
      while (j < n && (classOf(text.charCodeAt(j)) & (IDENT_START | DIGIT)) !== 0) j++;
      push(IDENTIFIER, i, j);
      i = j;
      continue;
    }
    const c = text[i]!;
    if (c === "/" && text[i + 1] === "/") {
      const nl = text.indexOf("\n", i);
      const end = nl < 0 ? n : nl;
      comments.push({ start: i, end, text: text.slice(i, end) });
      i = end;
    } else if (c === "#" && /^#(disable|restore)-/.test(text.slice(i, i + 10))) {
      // Bicep's own pragmas (#disable-next-line BCP037) are trivia, like comments.
      const nl = text.indexOf("\n", i);
      const end = nl < 0 ? n : nl;
      comments.push({ start: i, end, text: text.slice(i, end) });
      i = end;
    } else if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      if (close < 0) throw new BicepSyntaxError(i, "unterminated block comment");
      comments.push({ start: i, end: close + 2, text: text.slice(i, close + 2) });
      i = close + 2;
    } else if (c === "'") {
      const end = text.startsWith("'''", i) ? multilineStringEnd(text, i) : stringEnd(text, i, 0);
      push(STRING, i, end);
      i = end;
    } else if (cls === DIGIT) {
      let j = i + 1;
      while (j < n && (classOf(text.charCodeAt(j)) === DIGIT || text.charCodeAt(j) === 46)) j++;
      push(NUMBER, i, j);
      i = j;
    } else {
      const next = text.charCodeAt(i + 1);
      const width = code === 46 && next === 46 && text.charCodeAt(i + 2) === 46 ? 3 : next < 256 && TWO_CHAR.has(code * 256 + next) ? 2 : 1;
      push(PUNCT, i, i + width);
      i += width;
    }
  }
  push(EOF, n, n);
  return { tokens: { count, kind: kinds, start: starts, end: ends }, comments };
}

function grow<T extends Uint8Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function multilineStringEnd(text: string, i: number): number {
  const close = text.indexOf("'''", i + 3);
  if (close < 0) throw new BicepSyntaxError(i, "unterminated multi-line string");
  let end = close + 3;
  while (text[end] === "'") end++; // '''a'''' ends at the last quote of the run
  return end;
}

/** `i` is at the opening quote; returns the offset after the closing one. */
function stringEnd(text: string, i: number, depth: number): number {
  if (depth > MAX_INTERPOLATION_DEPTH) throw new BicepSyntaxError(i, "string interpolations nest too deeply");
  const n = text.length;
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 92 /* \\ */) {
      j += 2;
    } else if (c === 39 /* ' */) {
      return j + 1;
    } else if (c === 10) {
      throw new BicepSyntaxError(i, "unterminated string");
    } else if (c === 36 /* $ */ && text.charCodeAt(j + 1) === 123 /* { */) {
      j = interpolationEnd(text, j + 2, depth + 1);
    } else {
      j++;
    }
  }
  throw new BicepSyntaxError(i, "unterminated string");
}

/** `i` is just inside `${`; returns the offset after the matching `}`. */
function interpolationEnd(text: string, i: number, depth: number): number {
  let braces = 0;
  let j = i;
  while (j < text.length) {
    const c = text[j]!;
    if (c === "'") {
      j = text.startsWith("'''", j) ? multilineStringEnd(text, j) : stringEnd(text, j, depth);
    } else if (c === "{") {
      braces++;
      j++;
    } else if (c === "}") {
      if (braces === 0) return j + 1;
      braces--;
      j++;
    } else {
      j++;
    }
  }
  throw new BicepSyntaxError(i, "unterminated string interpolation");
}
