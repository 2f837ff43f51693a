import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { InputError } from "../../src/model/index.js";
import { readSource } from "../../src/reader/index.js";
import { createScanner } from "../../src/index.js";
import { repoPath } from "../helpers.js";

// Class 1 of the hostile-input suite: the reader reads what ARM's parser (Json.NET) reads, or refuses.
// Each case is a row of docs/reader-vs-arm.md.

function read(text: string): unknown {
  return readSource("t.json", text).value;
}

function refusal(text: string): InputError {
  try {
    readSource("t.json", text);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected the reader to refuse the text");
}

test("a // comment ends at a carriage return, as Json.NET ends it", () => {
  assert.equal(read('{"a": // note\rfalse, "x": // more\n true}'), { a: false, x: true });
  assert.equal(read('{"a": 1 // note\r}'), { a: 1 });
});

test("the template whose comment ends at CR fails the rule instead of passing", () => {
  const path = repoPath("fixtures/hostile/comment-ends-at-cr.json");
  const result = createScanner().scanContent(path, readFileSync(path));
  assert.is(result.error, undefined);
  assert.ok(result.findings.some((f) => f.ruleId === "ACS-IAM-001" && f.status === "fail"));
});

test("CR, LF and CRLF each end one line", () => {
  const text = '{\r"a": 1,\n"b": 2,\r\n"c": 3,\r\r"d": 4}';
  const source = readSource("t.json", text);
  const line = (p: string) => source.lineIndex.position(source.locate([p]).get(p)!.keyStart).line;
  assert.equal([line("/a"), line("/b"), line("/c"), line("/d")], [2, 3, 4, 6]);
  const e = refusal('{\r"a": 1,\r"b": x}');
  assert.equal(e.position, { line: 3, column: 6 });
});

test("keys that differ only in case are refused, naming the second one's place", () => {
  const e = refusal('{"p": {\r\n  "disableLocalAuth": true,\r\n  "DisableLocalAuth": false}}');
  assert.match(e.message, /'disableLocalAuth' and 'DisableLocalAuth' differ only in case/);
  assert.equal(e.position, { line: 3, column: 3 });
  assert.match(refusal('[{}, {"a": {"Ab": 1, "aB": 2}}]').message, /'Ab' and 'aB'/);
});

test("keys equal once .NET upper-cases them (dotless i, long s) or lower-cased (Kelvin sign) are refused, in every object and in many keys", () => {
  assert.match(refusal('{"disableLocalAuth": true, "d\u0131sableLocalAuth": false}').message, /'disableLocalAuth' and 'd\u0131sableLocalAuth'/);
  assert.match(refusal('{"parameters": {"ssl": {"value": 1}, "s\u017fl": {"value": 2}}}').message, /differ only in case/);
  assert.match(refusal('[[{"\u212a": 1, "k": 2}]]').message, /differ only in case/);
  // More keys than the pairwise check takes: the map of folded keys.
  const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`key${i}`, i]));
  assert.match(refusal(JSON.stringify({ ...many, KEY3: 0 })).message, /'key3' and 'KEY3'/);
  assert.match(refusal(JSON.stringify({ ...many, "\u0131d": 0, ID: 1 })).message, /differ only in case/);
  assert.equal(read('{"i": 1, "\u0130": 2, "ss": 3, "\u00df": 4}'), { i: 1, "\u0130": 2, ss: 3, "\u00df": 4 }, "not the same under a simple mapping");
});

test("an exactly repeated key: the last wins, as in Json.NET", () => {
  assert.equal(read('{"a": true, "a": false}'), { a: false });
});

test("escapes: \\' is a quote; an unpaired surrogate escape is U+FFFD; a pair is kept", () => {
  assert.equal(read(String.raw`{"a": "it\'s", "b": "\ud800x", "c": "\ud83d\ude00", "d": "\udc00\ud800\ud800\udc00"}`), {
    a: "it's",
    b: "\ufffdx",
    c: "\u{1f600}",
    d: "\ufffd\ufffd\u{10000}",
  });
  assert.equal(
    readSource("t.json", String.raw`{"it\'s": 1}`)
      .locate(["/it's"])
      .get("/it's")!.exact,
    true,
  );
  assert.match(refusal(String.raw`{"a": "\x41"}`).message, /invalid escape/);
});

test("a UTF-8 BOM is skipped; UTF-16 is refused", () => {
  assert.equal(readSource("t.json", new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d])).value, {});
  try {
    readSource("t.json", new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]));
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, /not valid UTF-8/);
  }
});

test.run();
