import { BicepSyntaxError, tokenize, type Token } from "./lexer.js";
import type { ArrayNode, BicepSyntax, Declaration, DeclarationKeyword, ForNode, IfNode, ObjectNode, PropertyNode, ValueNode } from "./syntax.js";

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
const OPENERS = new Set(["(", "[", "{"]);
// A line break does not end an expression next to one of these (multi-line `cond\n ? a\n : b`).
const LEADING_CONTINUATION = new Set(["?", ":", "??", "&&", "||", ".", ".?", "?.", "|"]);
const TRAILING_CONTINUATION = new Set(["?", ":", "??", "&&", "||", "==", "!=", "=>", "+", "-", "*", "/", "%", "<", ">", "<=", ">=", "."]);
const CLOSERS = new Set([")", "]", "}"]);
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

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  file(): Declaration[] {
    const out: Declaration[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.peek().kind === "eof") return out;
      const start = this.pos;
      const declaration = this.statement();
      if (declaration) out.push(declaration);
      if (this.pos === start) this.next(); // never loop on a token nothing consumes
    }
  }

  private peek(k = 0): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  private is(text: string, k = 0): boolean {
    const t = this.peek(k);
    return (t.kind === "punct" || t.kind === "identifier") && t.text === text;
  }

  private expect(text: string): Token {
    if (!this.is(text)) throw new BicepSyntaxError(this.peek().start, `expected '${text}'`);
    return this.next();
  }

  private skipNewlines(): void {
    while (this.peek().kind === "newline" || this.is(",")) this.next();
  }

  private skipDecorators(): void {
    while (this.is("@")) {
      this.next();
      this.skipExpression(false);
      this.skipNewlines();
    }
  }

  private statement(): Declaration | undefined {
    const leadingStart = this.peek().start;
    this.skipDecorators();
    const head = this.peek();
    if (head.kind !== "identifier" || !KEYWORDS.has(head.text) || (this.is("=", 1) && head.text !== "targetScope")) {
      this.skipExpression(false);
      return undefined;
    }
    this.next();
    const keyword = head.text as DeclarationKeyword;
    const declaration: Declaration = { keyword, name: "", leadingStart, start: head.start, end: head.end, headEnd: head.end };
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
        while (!this.is("=>") && this.peek().kind !== "eof" && this.peek().kind !== "newline") this.skipExpression(false, true);
        if (this.is("=>")) {
          this.next();
          declaration.value = this.value(false);
        }
        break;
      default: {
        // import, using, extends, extension, provider, targetScope, test: a reference and the rest
        const from = this.pos;
        this.skipExpression(false);
        const reference = this.tokens
          .slice(from, this.pos)
          .filter((t) => t.kind === "string")
          .pop();
        if (reference) declaration.reference = unquote(this.source(reference));
      }
    }
    declaration.end = Math.max(this.previousEnd(), head.end);
    const lineEnd = this.text.indexOf("\n", head.start);
    declaration.headEnd =
      lineEnd < 0 || lineEnd > declaration.end ? declaration.end : lineEnd > head.start && this.text[lineEnd - 1] === "\r" ? lineEnd - 1 : lineEnd;
    return declaration;
  }

  /** A token as written (the lexer leaves string and number texts to be cut when needed). */
  private source(t: Token): string {
    return this.text.slice(t.start, t.end);
  }

  private previousEnd(): number {
    return this.tokens[Math.max(0, this.pos - 1)]!.end;
  }

  private name(): string {
    const t = this.peek();
    if (t.kind !== "identifier") throw new BicepSyntaxError(t.start, "expected a name");
    this.next();
    return t.text;
  }

  private stringValue(): string {
    const t = this.peek();
    if (t.kind !== "string") throw new BicepSyntaxError(t.start, "expected a string");
    this.next();
    return unquote(this.source(t));
  }

  /**
   * A value up to the end of its line (or `,` or a closing bracket). Object and array literals,
   * loops and conditions are parsed; anything else is an opaque expression. With `stopAtEquals`
   * it is a type, which ends at `=`.
   */
  private value(stopAtEquals: boolean): ValueNode {
    if (++this.depth > MAX_DEPTH) throw new BicepSyntaxError(this.peek().start, `values nest deeper than ${MAX_DEPTH} levels`);
    try {
      if (this.peek().kind === "newline") this.continuesOverLineBreak(stopAtEquals);
      const first = this.peek();
      let node: ValueNode | undefined;
      if (this.is("{")) node = this.object();
      else if (this.is("[")) node = this.arrayOrLoop();
      else if (this.is("if") && this.is("(", 1)) node = this.condition();
      if (node && this.atValueEnd(stopAtEquals)) return node;
      const end = this.skipExpression(stopAtEquals);
      const single = this.tokens[this.pos - 1] === first && first.kind === "identifier";
      return { kind: "expr", start: first.start, end: Math.max(end, first.start), ...(single ? { identifier: first.text } : {}) };
    } finally {
      this.depth--;
    }
  }

  /** At a line break inside an expression: skips it when the expression goes on on the next line. */
  private continuesOverLineBreak(inType: boolean): boolean {
    const before = this.tokens[this.pos - 1];
    let k = 0;
    while (this.peek(k).kind === "newline") k++;
    const after = this.peek(k);
    const goesOn =
      (after.kind === "punct" && LEADING_CONTINUATION.has(after.text)) ||
      (before?.kind === "punct" && TRAILING_CONTINUATION.has(before.text) && !(inType && before.text === "?")); // a type's trailing ? makes it nullable
    if (goesOn) this.pos += k;
    return goesOn;
  }

  private atValueEnd(stopAtEquals: boolean): boolean {
    const t = this.peek();
    if (t.kind === "newline") return !this.continuesOverLineBreak(stopAtEquals);
    if (t.kind === "eof") return true;
    return t.kind === "punct" && (t.text === "," || CLOSERS.has(t.text) || (stopAtEquals && t.text === "="));
  }

  /** Skips a balanced expression; returns the end offset of its last token. */
  private skipExpression(stopAtEquals: boolean, stopAtArrow = false): number {
    let depth = 0;
    const from = this.pos;
    let end = this.peek().start;
    for (;;) {
      const t = this.peek();
      if (t.kind === "eof") break;
      if (depth === 0 && t.kind === "newline" && this.pos > from && this.continuesOverLineBreak(stopAtEquals)) continue;
      if (
        depth === 0 &&
        (t.kind === "newline" ||
          (t.kind === "punct" && (t.text === "," || CLOSERS.has(t.text) || (stopAtEquals && t.text === "=") || (stopAtArrow && t.text === "=>"))))
      )
        break;
      if (t.kind === "punct" && OPENERS.has(t.text)) depth++;
      else if (t.kind === "punct" && CLOSERS.has(t.text)) depth--;
      end = t.end;
      this.next();
    }
    return end;
  }

  private object(): ObjectNode {
    const open = this.expect("{");
    const node: ObjectNode = { kind: "object", start: open.start, end: open.end, properties: [], resources: [] };
    for (;;) {
      this.skipNewlines();
      this.skipDecorators();
      const t = this.peek();
      if (t.kind === "eof") throw new BicepSyntaxError(open.start, "unterminated object");
      if (this.is("}")) break;
      if (t.kind === "identifier" && t.text === "resource" && this.peek(1).kind === "identifier" && this.peek(2).kind === "string") {
        const child = this.statement();
        if (child) node.resources.push(child);
        continue;
      }
      if (this.is("...")) {
        this.skipExpression(false);
        continue;
      }
      if (t.kind !== "identifier" && t.kind !== "string" && !this.is("*")) throw new BicepSyntaxError(t.start, "expected a property name");
      this.next();
      if (this.is("?")) this.next(); // optional property of an object type
      this.expect(":");
      const value = this.value(false);
      const property: PropertyNode = { key: t.kind === "string" ? unquote(this.source(t)) : t.text, start: t.start, end: value.end, value };
      node.properties.push(property);
    }
    node.end = this.next().end;
    return node;
  }

  private arrayOrLoop(): ArrayNode | ForNode {
    const open = this.expect("[");
    // `bicep format` puts the `for` on the line after `[`
    let k = 0;
    while (this.peek(k).kind === "newline") k++;
    if (this.is("for", k)) {
      // [for item in items: body] and [for (item, i) in items: body]
      this.pos += k;
      let depth = 0;
      while (!(depth === 0 && this.is(":")) && this.peek().kind !== "eof") {
        const t = this.next();
        if (t.kind === "punct" && OPENERS.has(t.text)) depth++;
        else if (t.kind === "punct" && CLOSERS.has(t.text)) depth--;
      }
      this.expect(":");
      this.skipNewlinesOnly();
      const body = this.value(false);
      this.skipNewlinesOnly();
      const close = this.expect("]");
      return { kind: "for", start: open.start, end: close.end, body };
    }
    const node: ArrayNode = { kind: "array", start: open.start, end: open.end, items: [] };
    for (;;) {
      this.skipNewlines();
      if (this.peek().kind === "eof") throw new BicepSyntaxError(open.start, "unterminated array");
      if (this.is("]")) break;
      const before = this.pos;
      node.items.push(this.value(false));
      if (this.pos === before) throw new BicepSyntaxError(this.peek().start, "unexpected token in array");
    }
    node.end = this.next().end;
    return node;
  }

  private skipNewlinesOnly(): void {
    while (this.peek().kind === "newline") this.next();
  }

  private condition(): IfNode {
    const keyword = this.next();
    const open = this.expect("(");
    let depth = 1;
    while (depth > 0 && this.peek().kind !== "eof") {
      const t = this.next();
      if (t.kind === "punct" && OPENERS.has(t.text)) depth++;
      else if (t.kind === "punct" && CLOSERS.has(t.text)) depth--;
    }
    const condition = { start: open.start, end: this.previousEnd() };
    this.skipNewlinesOnly();
    const body = this.value(false);
    return { kind: "if", start: keyword.start, end: body.end, condition, body };
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
