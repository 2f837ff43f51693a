/**
 * Splits Bicep source into tokens. Strings are one token each, interpolations (`'a${b}c'`) and
 * multi-line strings (`'''...'''`) included, so that braces inside them never confuse the parser;
 * comments are kept apart (suppressions are read from them). Line breaks are tokens: Bicep
 * separates declarations and object properties by them.
 */

export type TokenKind = "identifier" | "string" | "number" | "newline" | "punct" | "eof";

export interface Token {
  kind: TokenKind;
  /** The token's text (for strings, as written, quotes included). */
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

const TWO_CHAR = new Set(["::", "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "=~", "!~", ".?"]);
const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[A-Za-z0-9_$]/;
// Interpolations nest strings within strings; a hostile file must not nest them without bound.
const MAX_INTERPOLATION_DEPTH = 64;

export function tokenize(text: string): { tokens: Token[]; comments: Comment[] } {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\r") {
      i++;
    } else if (c === "\n") {
      tokens.push({ kind: "newline", text: "\n", start: i, end: i + 1 });
      i++;
    } else if (c === "/" && text[i + 1] === "/") {
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
      tokens.push({ kind: "string", text: text.slice(i, end), start: i, end });
      i = end;
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(text[j]!)) j++;
      tokens.push({ kind: "identifier", text: text.slice(i, j), start: i, end: j });
      i = j;
    } else if (c >= "0" && c <= "9") {
      let j = i + 1;
      while (j < n && /[0-9.]/.test(text[j]!)) j++;
      tokens.push({ kind: "number", text: text.slice(i, j), start: i, end: j });
      i = j;
    } else {
      const two = text.slice(i, i + 2);
      const width = text.startsWith("...", i) ? 3 : TWO_CHAR.has(two) ? 2 : 1;
      tokens.push({ kind: "punct", text: text.slice(i, i + width), start: i, end: i + width });
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
    const c = text[j]!;
    if (c === "\\") {
      j += 2;
    } else if (c === "'") {
      return j + 1;
    } else if (c === "\n") {
      throw new BicepSyntaxError(i, "unterminated string");
    } else if (c === "$" && text[j + 1] === "{") {
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
