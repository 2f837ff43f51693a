/**
 * Splits Bicep source into tokens. Strings are one token each, interpolations (`'a${b}c'`) and
 * multi-line strings (`'''...'''`) included, so that braces inside them never confuse the parser;
 * comments are kept apart (suppressions are read from them). Line breaks are tokens: Bicep
 * separates declarations and object properties by them.
 */

export type TokenKind = "identifier" | "string" | "number" | "newline" | "punct" | "eof";

export interface Token {
  kind: TokenKind;
  /** The token's text for identifiers and punctuation ("" for strings and numbers: cut them from the source when needed). */
  text: string;
  start: number;
  end: number;
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
const isIdentStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36; // a-z A-Z _ $
const isDigit = (c: number) => c >= 48 && c <= 57;
// Interpolations nest strings within strings; a hostile file must not nest them without bound.
const MAX_INTERPOLATION_DEPTH = 64;

export function tokenize(text: string): { tokens: Token[]; comments: Comment[] } {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 13) {
      i++;
      continue;
    }
    if (code === 10) {
      tokens.push({ kind: "newline", text: "\n", start: i, end: i + 1 });
      i++;
      continue;
    }
    if (isIdentStart(code)) {
      let j = i + 1;
      while (j < n && (isIdentStart(text.charCodeAt(j)) || isDigit(text.charCodeAt(j)))) j++;
      tokens.push({ kind: "identifier", text: text.slice(i, j), start: i, end: j });
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
      tokens.push({ kind: "string", text: "", start: i, end });
      i = end;
    } else if (isDigit(code)) {
      let j = i + 1;
      while (j < n && (isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
      tokens.push({ kind: "number", text: "", start: i, end: j });
      i = j;
    } else {
      const next = text.charCodeAt(i + 1);
      const width = code === 46 && next === 46 && text.charCodeAt(i + 2) === 46 ? 3 : next < 256 && TWO_CHAR.has(code * 256 + next) ? 2 : 1;
      tokens.push({ kind: "punct", text: width === 1 ? c : text.slice(i, i + width), start: i, end: i + width });
      i += width;
    }
  }
  tokens.push({ kind: "eof", text: "", start: n, end: n });
  return { tokens, comments };
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
