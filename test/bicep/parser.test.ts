import { test } from "uvu";
import * as assert from "uvu/assert";
import { BicepSyntaxError } from "../../src/bicep/lexer.js";
import { bodyObject, parseBicep } from "../../src/bicep/parser.js";
import type { ObjectNode } from "../../src/bicep/syntax.js";
import { parseBicepFile } from "../../src/bicep/source-file.js";
import { readDirectives } from "../../src/bicep/suppressions.js";

const at = (text: string, offset: number) => text.slice(offset, offset + 20);

test("declarations with decorators, types, defaults, multi-line strings and interpolations", () => {
  const text = [
    "@description('a { brace } in a string')",
    "@allowed([",
    "  'a'",
    "])",
    "param p string = 'a'",
    "var v = '''",
    "multi { line",
    "'''",
    "var w = 'x${concat('}', '{')}y'",
    "param q {",
    "  @description('d')",
    "  a?: string",
    "  *: int",
    "} = {}",
    "func f(x string) string => '${x}!'",
    "output o string = v",
  ].join("\n");
  const { declarations } = parseBicep(text);
  assert.equal(
    declarations.map((d) => `${d.keyword}:${d.name}`),
    ["param:p", "var:v", "var:w", "param:q", "func:f", "output:o"],
  );
  const p = declarations[0]!;
  assert.is(p.leadingStart, 0, "the declaration starts at its first decorator");
  assert.is(at(text, p.start), "param p string = 'a'");
  assert.is(p.value?.kind, "expr");
  assert.is(declarations[3]!.value?.kind, "object");
  assert.is(declarations[5]!.value?.kind === "expr" && declarations[5]!.value.identifier, "v");
});

test("resources: bodies through if and for, nested children, existing, properties and arrays", () => {
  const text = [
    "resource parent 'A.B/c@2020-01-01' existing = {",
    "  name: 'p'",
    "  // a comment { that is not code",
    "  resource child 'd' = [for (x, i) in range(0, 2): if (i > 0) {",
    "    name: 'c${i}'",
    "    properties: {",
    "      list: [",
    "        1",
    "        { deep: true }",
    "      ]",
    "      'quoted key': cond",
    "        ? 1",
    "        : 2",
    "    }",
    "  }]",
    "}",
  ].join("\n");
  const { declarations, comments } = parseBicep(text);
  assert.is(declarations.length, 1);
  const parent = declarations[0]!;
  assert.ok(parent.existing);
  assert.is(parent.reference, "A.B/c@2020-01-01");
  const child = parent.children![0]!;
  assert.is(child.name, "child");
  assert.is(child.value?.kind, "for");
  const body = bodyObject(child.value)!;
  const props = body.properties.find((p) => p.key === "properties")!.value as ObjectNode;
  assert.equal(
    props.properties.map((p) => p.key),
    ["list", "quoted key"],
  );
  const list = props.properties[0]!.value;
  assert.is(list.kind === "array" && list.items.length, 2);
  assert.is(props.properties[1]!.value.kind, "expr", "a multi-line ternary is one expression");
  assert.is(comments.length, 1);
});

test("Bicep's own #disable-next-line pragmas and single-line objects with commas", () => {
  const { declarations } = parseBicep("var o = { a: 1, b: { c: 2 } }\n#disable-next-line no-unused-vars\nvar x = 1\n");
  assert.equal(
    declarations.map((d) => d.name),
    ["o", "x"],
  );
  const o = declarations[0]!.value as ObjectNode;
  assert.equal(
    o.properties.map((p) => p.key),
    ["a", "b"],
  );
});

test("a disable-next-line directive whose expiry is not a calendar date is a problem, never a suppression", () => {
  const file = parseBicepFile("main.bicep", "// acs-baseline-disable-next-line ACS-NET-001 until 2026-02-30: reasons\nvar x = 1\n");
  const { directives, problems } = readDirectives(file);
  assert.equal(directives, []);
  assert.equal(problems, [
    { line: 1, message: "main.bicep:1: the suppression of ACS-NET-001 expires on 2026-02-30, which is not a calendar date, so it is ignored" },
  ]);
});

test("hostile input: unterminated strings and absurd nesting are syntax errors, never a crash", () => {
  assert.throws(
    () => parseBicep("var x = 'abc\n"),
    (e: unknown) => e instanceof BicepSyntaxError,
  );
  assert.throws(
    () => parseBicep("var x = " + "[".repeat(5000) + "]".repeat(5000)),
    (e: unknown) => e instanceof BicepSyntaxError,
  );
  assert.throws(
    () => parseBicep("var x = '" + "${'".repeat(200) + "'"),
    (e: unknown) => e instanceof BicepSyntaxError,
  );
  assert.throws(
    () => parseBicep("var x = /* never closed"),
    (e: unknown) => e instanceof BicepSyntaxError,
  );
});

test("a stray closer or comma in a function's signature is a syntax error, not an endless loop (found by the fuzzer)", () => {
  for (const stray of ["}", ")", "]", ","])
    assert.throws(
      () => parseBicep(`func f(p string)${stray} string => 'x'\n`),
      (e: unknown) => e instanceof BicepSyntaxError && /unexpected token in a function's signature/.test(e.message),
    );
  assert.is(parseBicep("func f(p string) string => 'x'\n").declarations[0]!.name, "f");
});

test.run();
