import { ExpansionFault } from "../errors.js";
import { clipText } from "../preview.js";
import type { Expr } from "./ast.js";

/**
 * Parses the inside of a template expression (the text between the outer `[` and `]`):
 *
 *   expr     := primary { "." ident | "[" expr "]" }
 *   primary  := ident [ "." ident ] "(" [ expr { "," expr } ] ")" | string | number
 *   string   := "'" { char | "''" } "'"
 *
 * with any white space (newlines included) between tokens. `true`, `false` and `null` are also
 * accepted bare. Throws `ExpansionFault` for text that does not parse or nests too deeply.
 */
export function parseExpression(text: string, maxDepth: number): Expr {
  const p = new Parser(text, maxDepth);
  p.skipSpace();
  const expr = p.expression(0);
  p.skipSpace();
  if (p.pos < text.length) p.fail(`unexpected '${text[p.pos]}'`);
  return expr;
}

const IDENT = /[A-Za-z_$][A-Za-z0-9_$#]*/y;
const NUMBER = /-?\d+(?:\.\d+)?/y;

class Parser {
  pos = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  fail(message: string): never {
    throw new ExpansionFault(`expression does not parse: ${message} at character ${this.pos + 1} of [${clipText(this.text)}]`);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  private expect(ch: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== ch) this.fail(`expected '${ch}'`);
    this.pos++;
  }

  private ident(): string {
    IDENT.lastIndex = this.pos;
    const m = IDENT.exec(this.text);
    if (!m) this.fail("expected a name");
    this.pos = IDENT.lastIndex;
    return m[0];
  }

  expression(depth: number): Expr {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth}`);
    let expr = this.primary(depth);
    for (;;) {
      this.skipSpace();
      const ch = this.text[this.pos];
      if (ch === ".") {
        this.pos++;
        this.skipSpace();
        expr = { kind: "property", target: expr, name: this.ident() };
      } else if (ch === "[") {
        this.pos++;
        this.skipSpace();
        const index = this.expression(depth + 1);
        this.expect("]");
        expr = { kind: "index", target: expr, index };
      } else {
        return expr;
      }
    }
  }

  private primary(depth: number): Expr {
    const ch = this.text[this.pos];
    if (ch === "'") return { kind: "string", value: this.string() };
    if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) {
      NUMBER.lastIndex = this.pos;
      const m = NUMBER.exec(this.text);
      if (!m) this.fail("expected a number");
      this.pos = NUMBER.lastIndex;
      return { kind: "number", value: Number(m[0]) };
    }
    let name = this.ident();
    let namespace: string | undefined;
    this.skipSpace();
    if (this.text[this.pos] === ".") {
      // `ns.fn(` is a user-defined function; anything else after a bare name is not an expression.
      this.pos++;
      this.skipSpace();
      namespace = name;
      name = this.ident();
      this.skipSpace();
    }
    if (this.text[this.pos] !== "(") {
      const lower = name.toLowerCase();
      if (namespace === undefined && (lower === "true" || lower === "false")) return { kind: "literal", value: lower === "true" };
      if (namespace === undefined && lower === "null") return { kind: "literal", value: null };
      this.fail(`expected '(' after ${clipText(namespace ? `${namespace}.${name}` : name)}`);
    }
    this.pos++;
    const args: Expr[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ")") {
      this.pos++;
    } else {
      for (;;) {
        this.skipSpace();
        args.push(this.expression(depth + 1));
        this.skipSpace();
        const next = this.text[this.pos];
        if (next === ",") {
          this.pos++;
          continue;
        }
        if (next === ")") {
          this.pos++;
          break;
        }
        this.fail("expected ',' or ')'");
      }
    }
    return { kind: "call", namespace, name, args };
  }

  private string(): string {
    let out = "";
    this.pos++;
    for (;;) {
      const end = this.text.indexOf("'", this.pos);
      if (end < 0) this.fail("unterminated string");
      out += this.text.slice(this.pos, end);
      this.pos = end + 1;
      if (this.text[this.pos] === "'") {
        out += "'";
        this.pos++;
      } else {
        return out;
      }
    }
  }
}
