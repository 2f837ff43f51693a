import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { InputError } from "../../src/model/index.js";
import { readSource } from "../../src/reader/index.js";
import { repoPath } from "../helpers.js";

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

test("reads a BOM, CRLF line ends and comments, and keeps positions on the original text", () => {
  const path = repoPath("fixtures/reader/bom-crlf-comments.json");
  const source = readSource(path, readFileSync(path));
  assert.is(source.kind, "template");
  const loc = source.locate(["/resources/0/properties/disableLocalAuth"]).get("/resources/0/properties/disableLocalAuth")!;
  assert.ok(loc.exact);
  assert.equal(source.lineIndex.position(loc.keyStart), { line: 13, column: 49 });
});

test("accepts raw line breaks inside strings (ARM multi-line strings)", () => {
  const source = readSource("t.json", '{"a": "line one\nline two", "b": 1}');
  assert.equal(source.value, { a: "line one\nline two", b: 1 });
});

test("a syntax error names the line and column", () => {
  const path = repoPath("fixtures/reader/malformed.json");
  const e = inputError(() => readSource(path, readFileSync(path)));
  assert.equal(e.position, { line: 5, column: 77 });
  assert.match(e.message, /invalid JSON: expected a property name/);
  assert.is(e.file, path);
});

test("an unterminated block comment is an error at the comment", () => {
  const e = inputError(() => readSource("c.json", '{\n  "a": 1 /* never closed\n}'));
  assert.equal(e.position, { line: 2, column: 10 });
});

test("invalid UTF-8 is an error naming the file", () => {
  const e = inputError(() => readSource("bad.json", new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])));
  assert.is(e.message, "file is not valid UTF-8");
});

test("nesting beyond the bound is an error, not a stack overflow", () => {
  const deep = "[".repeat(100_000) + "]".repeat(100_000);
  const e = inputError(() => readSource("deep.json", deep));
  assert.match(e.message, /nesting deeper than 256 levels/);
});

test("__proto__ is an ordinary key", () => {
  const source = readSource("p.json", '{"__proto__": {"polluted": true}, "resources": []}');
  assert.ok(Object.prototype.hasOwnProperty.call(source.value, "__proto__"));
  assert.is(({} as Record<string, unknown>)["polluted"], undefined);
});

test("recognises templates, parameter files and other JSON", () => {
  for (const [file, kind] of [
    ["fixtures/rules/ACS-IAM-001/pass-literal.json", "template"],
    ["fixtures/reader/parameters.json", "parameters"],
    ["fixtures/reader/not-a-template.json", "unknown"],
  ] as const) {
    const path = repoPath(file);
    assert.is(readSource(path, readFileSync(path)).kind, kind, file);
  }
  assert.is(readSource("s.json", '{"contentVersion": "1.0.0.0", "resources": {}}').kind, "template", "shape, no $schema");
  assert.is(readSource("a.json", "[1, 2]").kind, "unknown");
});

test("pointer lookup falls back to the closest existing ancestor", () => {
  const source = readSource("t.json", '{\n  "resources": [\n    { "Properties": { "a": 1 } }\n  ]\n}');
  const found = source.locate(["/resources/0/properties/missing", "/resources/0/properties/a", "/resources/7"]);
  const missing = found.get("/resources/0/properties/missing")!;
  assert.not.ok(missing.exact);
  assert.is(missing.pointer, "/resources/0/Properties");
  const a = found.get("/resources/0/properties/a")!;
  assert.ok(a.exact, "keys match case-insensitively");
  assert.equal(source.lineIndex.position(a.keyStart), { line: 3, column: 23 });
  assert.is(found.get("/resources/7")!.pointer, "/resources");
});

test("pointer segments with / and ~ are unescaped", () => {
  const source = readSource("t.json", '{"a/b": {"c~d": 1}}');
  assert.ok(source.locate(["/a~1b/c~0d"]).get("/a~1b/c~0d")!.exact);
});

test.run();
