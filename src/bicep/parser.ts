import { BicepSyntaxError, EOF, IDENTIFIER, NEWLINE, PUNCT, STRING, tokenize, type Tokens } from "./lexer.js";
import type { ArrayNode, BicepSyntax, Declaration, DeclarationKeyword, ExprNode, ForNode, IfNode, ObjectNode, PropertyNode, ValueNode } from "./syntax.js";

const KEYWORDS = new Set<string>([
  "param",
  "var",
  "resource",
  "module",
  "output",
  "type",
  "func",
  "import",
  "metadata",
  "targetScope",
  "using",
  "extension",
  "provider",
  "assert",
  "extends",
  "test",
]);
// A line break does not end an expression next to one of these (multi-line `cond\n ? a\n : b`).
const LEADING_CONTINUATION = new Set(["?", ":", "??", "&&", "||", ".", ".?", "?.", "|"]);
const TRAILING_CONTINUATION = new Set(["?", ":", "??", "&&", "||", "==", "!=", "=>", "+", "-", "*", "/", "%", "<", ">", "<=", ">=", "."]);
// One-character punctuation by character code.
const COMMA = 44;
const EQUALS = 61;
const AT = 64;
const isOpener = (c: number) => c === 40 || c === 91 || c === 123; // ( [ {
const isCloser = (c: number) => c === 41 || c === 93 || c === 125; // ) ] }
// Values nest objects in arrays in objects; bound the recursion for hostile input.
const MAX_DEPTH = 256;

/**
 * Parses a `.bicep` or `.bicepparam` file into its declarations and the shape of their values.
 * Only the structure mapping needs is parsed; other expressions are spans. Throws
 * `BicepSyntaxError` (with an offset) for text it cannot follow.
 */
export function parseBicep(text: string): BicepSyntax {
  const { tokens, comments } = tokenize(text);
  const parser = new Parser(text, tokens);
  return { declarations: parser.file(), comments };
}

/** Reads the token columns; a token is its index, and `k` counts tokens ahead of the current one. */
class Parser {
  private pos = 0;
  private depth = 0;
  private readonly last: number;
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;

  constructor(
    private readonly text: string,
    tokens: Tokens,
  ) {
    this.last = tokens.count - 1;
    this.kinds = tokens.kind;
    this.starts = tokens.start;
    this.ends = tokens.end;
  }

  file(): Declaration[] {
    const out: Declaration[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.kind() === EOF) return out;
      const start = this.pos;
      const declaration = this.statement();
      if (declaration) out.push(declaration);
      if (this.pos === start) this.next(); // never loop on a token nothing consumes
    }
  }

  /** The index of the token `k` ahead (the EOF token past the end). */
  private at(k = 0): number {
    return Math.min(this.pos + k, this.last);
  }

  private kind(k = 0): number {
    return this.kinds[this.at(k)]!;
  }

  private startOf(token: number): number {
    return this.starts[token]!;
  }

  private endOf(token: number): number {
    return this.ends[token]!;
  }

  /** A token as written. */
  private textOf(token: number): string {
    return this.text.slice(this.starts[token], this.ends[token]);
  }

  /** The character of a one-character punctuation token; -1 for any other token. */
  private punct(token: number): number {
    return this.kinds[token] === PUNCT && this.ends[token]! - this.starts[token]! === 1 ? this.text.charCodeAt(this.starts[token]!) : -1;
  }

  private next(): number {
    const token = this.at();
    if (this.pos < this.last) this.pos++;
    return token;
  }

  private is(word: string, k = 0): boolean {
    const token = this.at(k);
    const kind = this.kinds[token];
    if (kind !== PUNCT && kind !== IDENTIFIER) return false;
    const start = this.starts[token]!;
    return this.ends[token]! - start === word.length && this.text.startsWith(word, start);
  }

  private expect(word: string): number {
    if (!this.is(word)) throw new BicepSyntaxError(this.startOf(this.at()), `expected '${word}'`);
    return this.next();
  }

  private skipNewlines(): void {
    while (this.kind() === NEWLINE || this.punct(this.at()) === COMMA) this.next();
  }

  private skipDecorators(): void {
    while (this.punct(this.at()) === AT) {
      this.next();
      this.skipExpression(false);
      this.skipNewlines();
    }
  }

  private statement(): Declaration | undefined {
    const leadingStart = this.startOf(this.at());
    this.skipDecorators();
    const head = this.at();
    const word = this.kinds[head] === IDENTIFIER ? this.textOf(head) : "";
    if (!KEYWORDS.has(word) || (this.is("=", 1) && word !== "targetScope")) {
      this.skipExpression(false);
      return undefined;
    }
    this.next();
    const keyword = word as DeclarationKeyword;
    const headStart = this.startOf(head);
    const headEnd = this.endOf(head);
    const declaration: Declaration = { keyword, name: "", leadingStart, start: headStart, end: headEnd, headEnd };
    switch (keyword) {
      case "param":
      case "var":
      case "output":
      case "type":
      case "metadata":
      case "assert": {
        declaration.name = this.name();
        if (!this.is("=")) this.value(true); // the type
        if (this.is("=")) {
          this.next();
          declaration.value = this.value(false);
        }
        break;
      }
      case "resource":
      case "module": {
        declaration.name = this.name();
        declaration.reference = this.stringValue();
        if (this.is("existing")) {
          this.next();
          declaration.existing = true;
        }
        this.expect("=");
        declaration.value = this.value(false);
        declaration.children = bodyObject(declaration.value)?.resources ?? [];
        break;
      }
      case "func":
        declaration.name = this.name();
        while (!this.is("=>") && this.kind() !== EOF && this.kind() !== NEWLINE) {
          const before = this.pos;
          this.skipExpression(false, true);
          // A stray closer or comma ends an expression before it starts: the loop would never move on.
          if (this.pos === before) throw new BicepSyntaxError(this.startOf(this.at()), "unexpected token in a function's signature");
        }
        if (this.is("=>")) {
          this.next();
          declaration.value = this.value(false);
        }
        break;
      default: {
        // import, using, extends, extension, provider, targetScope, test: a reference and the rest
        const from = this.pos;
        this.skipExpression(false);
        for (let token = this.pos - 1; token >= from; token--) {
          if (this.kinds[token] !== STRING) continue;
          declaration.reference = unquote(this.textOf(token));
          break;
        }
      }
    }
    declaration.end = Math.max(this.previousEnd(), headEnd);
    const lineEnd = this.text.indexOf("\n", headStart);
    declaration.headEnd =
      lineEnd < 0 || lineEnd > declaration.end ? declaration.end : lineEnd > headStart && this.text[lineEnd - 1] === "\r" ? lineEnd - 1 : lineEnd;
    return declaration;
  }

  private previousEnd(): number {
    return this.endOf(Math.max(0, this.pos - 1));
  }

  private name(): string {
    const token = this.at();
    if (this.kinds[token] !== IDENTIFIER) throw new BicepSyntaxError(this.startOf(token), "expected a name");
    this.next();
    return this.textOf(token);
  }

  private stringValue(): string {
    const token = this.at();
    if (this.kinds[token] !== STRING) throw new BicepSyntaxError(this.startOf(token), "expected a string");
    this.next();
    return unquote(this.textOf(token));
  }

  /**
   * A value up to the end of its line (or `,` or a closing bracket). Object and array literals,
   * loops and conditions are parsed; anything else is an opaque expression. With `stopAtEquals`
   * it is a type, which ends at `=`.
   */
  private value(stopAtEquals: boolean): ValueNode {
    if (++this.depth > MAX_DEPTH) throw new BicepSyntaxError(this.startOf(this.at()), `values nest deeper than ${MAX_DEPTH} levels`);
    try {
      if (this.kind() === NEWLINE) this.continuesOverLineBreak(stopAtEquals);
      const first = this.at();
      let node: ValueNode | undefined;
      if (this.is("{")) node = this.object();
      else if (this.is("[")) node = this.arrayOrLoop();
      else if (this.is("if") && this.is("(", 1)) node = this.condition();
      else if (this.is("any") && this.is("(", 1) && (this.is("{", 2) || this.is("[", 2))) node = this.anyOf(stopAtEquals);
      if (node && this.atValueEnd(stopAtEquals)) return node;
      const end = this.skipExpression(stopAtEquals);
      const start = this.startOf(first);
      const expr: ExprNode = { kind: "expr", start, end: Math.max(end, start) };
      if (this.pos - 1 === first && this.kinds[first] === IDENTIFIER) expr.identifier = this.textOf(first);
      return expr;
    } finally {
      this.depth--;
    }
  }

  /** At a line break inside an expression: skips it when the expression goes on on the next line. */
  private continuesOverLineBreak(inType: boolean): boolean {
    const before = this.pos > 0 && this.kinds[this.pos - 1] === PUNCT ? this.textOf(this.pos - 1) : undefined;
    let k = 0;
    while (this.kind(k) === NEWLINE) k++;
    const after = this.at(k);
    const goesOn =
      (this.kinds[after] === PUNCT && LEADING_CONTINUATION.has(this.textOf(after))) ||
      (before !== undefined && TRAILING_CONTINUATION.has(before) && !(inType && before === "?")); // a type's trailing ? makes it nullable
    if (goesOn) this.pos += k;
    return goesOn;
  }

  private atValueEnd(stopAtEquals: boolean): boolean {
    const kind = this.kind();
    if (kind === NEWLINE) return !this.continuesOverLineBreak(stopAtEquals);
    if (kind === EOF) return true;
    const c = this.punct(this.at());
    return c === COMMA || isCloser(c) || (stopAtEquals && c === EQUALS);
  }

  /** Skips a balanced expression; returns the end offset of its last token. */
  private skipExpression(stopAtEquals: boolean, stopAtArrow = false): number {
    let depth = 0;
    const from = this.pos;
    let end = this.startOf(this.at());
    for (;;) {
      const token = this.at();
      const kind = this.kinds[token];
      if (kind === EOF) break;
      if (depth === 0 && kind === NEWLINE && this.pos > from && this.continuesOverLineBreak(stopAtEquals)) continue;
      const c = this.punct(token);
      if (depth === 0 && (kind === NEWLINE || c === COMMA || isCloser(c) || (stopAtEquals && c === EQUALS) || (stopAtArrow && this.is("=>")))) break;
      if (isOpener(c)) depth++;
      else if (isCloser(c)) depth--;
      end = this.endOf(token);
      this.next();
    }
    return end;
  }

  private object(): ObjectNode {
    const open = this.expect("{");
    const node: ObjectNode = { kind: "object", start: this.startOf(open), end: this.endOf(open), properties: [], resources: [] };
    for (;;) {
      this.skipNewlines();
      this.skipDecorators();
      const token = this.at();
      const kind = this.kinds[token];
      if (kind === EOF) throw new BicepSyntaxError(node.start, "unterminated object");
      if (this.is("}")) break;
      if (this.is("resource") && this.kind(1) === IDENTIFIER && this.kind(2) === STRING) {
        const child = this.statement();
        if (child) node.resources.push(child);
        continue;
      }
      if (this.is("...")) {
        this.skipExpression(false);
        continue;
      }
      if (kind !== IDENTIFIER && kind !== STRING && !this.is("*")) throw new BicepSyntaxError(this.startOf(token), "expected a property name");
      this.next();
      if (this.is("?")) this.next(); // optional property of an object type
      this.expect(":");
      const value = this.value(false);
      const key = kind === STRING ? unquote(this.textOf(token)) : this.textOf(token);
      const property: PropertyNode = { key, start: this.startOf(token), end: value.end, value };
      node.properties.push(property);
    }
    node.end = this.endOf(this.next());
    return node;
  }

  private arrayOrLoop(): ArrayNode | ForNode {
    const open = this.expect("[");
    // `bicep format` puts the `for` on the line after `[`
    let k = 0;
    while (this.kind(k) === NEWLINE) k++;
    if (this.is("for", k)) {
      // [for item in items: body] and [for (item, i) in items: body]
      this.pos += k;
      let depth = 0;
      while (!(depth === 0 && this.is(":")) && this.kind() !== EOF) {
        const c = this.punct(this.next());
        if (isOpener(c)) depth++;
        else if (isCloser(c)) depth--;
      }
      this.expect(":");
      this.skipNewlinesOnly();
      const body = this.value(false);
      this.skipNewlinesOnly();
      const close = this.expect("]");
      return { kind: "for", start: this.startOf(open), end: this.endOf(close), body };
    }
    const node: ArrayNode = { kind: "array", start: this.startOf(open), end: this.endOf(open), items: [] };
    for (;;) {
      this.skipNewlines();
      if (this.kind() === EOF) throw new BicepSyntaxError(node.start, "unterminated array");
      if (this.is("]")) break;
      const before = this.pos;
      node.items.push(this.value(false));
      if (this.pos === before) throw new BicepSyntaxError(this.startOf(this.at()), "unexpected token in array");
    }
    node.end = this.endOf(this.next());
    return node;
  }

  /**
   * `any({ ... })`: the compiler drops `any()` and emits the literal inside, so the literal is the
   * value (its properties are where pointers into it land).
   */
  private anyOf(stopAtEquals: boolean): ValueNode {
    this.next();
    this.expect("(");
    const inner = this.value(stopAtEquals);
    this.skipNewlinesOnly();
    this.expect(")");
    return inner;
  }

  private skipNewlinesOnly(): void {
    while (this.kind() === NEWLINE) this.next();
  }

  private condition(): IfNode {
    const keyword = this.next();
    const open = this.expect("(");
    let depth = 1;
    while (depth > 0 && this.kind() !== EOF) {
      const c = this.punct(this.next());
      if (isOpener(c)) depth++;
      else if (isCloser(c)) depth--;
    }
    const condition = { start: this.startOf(open), end: this.previousEnd() };
    this.skipNewlinesOnly();
    const body = this.value(false);
    return { kind: "if", start: this.startOf(keyword), end: body.end, condition, body };
  }
}

/** The object literal a resource or module body ends in, through `if` and `for`. */
export function bodyObject(value: ValueNode | undefined): ObjectNode | undefined {
  let node = value;
  for (let i = 0; node && i < 4; i++) {
    if (node.kind === "object") return node;
    if (node.kind === "for" || node.kind === "if") node = node.body;
    else return undefined;
  }
  return undefined;
}

/** The value of a Bicep string literal token (no interpolation is evaluated). */
export function unquote(token: string): string {
  if (token.startsWith("'''")) return token.slice(3, -3).replace(/^\r?\n/, "");
  const body = token.slice(1, -1);
  return body.includes("\\") ? body.replace(/\\(.)/g, (_, c: string) => ({ n: "\n", r: "\r", t: "\t" })[c] ?? c) : body;
}
