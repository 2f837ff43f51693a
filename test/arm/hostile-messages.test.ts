import { test } from "uvu";
import * as assert from "uvu/assert";
import { createScanner } from "../../src/index.js";
import { SCHEMA, acsWith as acs } from "./helpers.js";
import { MAX_NOTICES, capNotices } from "../../src/pipeline/file-results.js";

// Class 3 of the hostile-input suite: messages (findings, notices, errors, traces) quote at most
// 100 characters of a value, 300 of an expression; they quoted whole megabytes before.

const scanner = createScanner();
const MB = 1_000_000;
const scan = (template: Record<string, unknown>) =>
  scanner.scanText(JSON.stringify({ $schema: SCHEMA, contentVersion: "1.0.0.0", resources: [acs(true)], ...template }), "t.json");
/** The longest string anywhere in a result. */
const longest = (value: unknown): number =>
  typeof value === "string" ? value.length : value && typeof value === "object" ? Math.max(0, ...Object.values(value).map(longest)) : 0;

test("a finding quotes at most 100 characters of a value, 300 of an expression, and lists at most 20 values", () => {
  const cases: Array<[unknown, RegExp]> = [
    ["x".repeat(MB), /^properties\.disableLocalAuth is "x{99}…, not true/],
    [{ ["a".repeat(MB)]: 1 }, /^properties\.disableLocalAuth is \{"a{98}…, not true/],
    [`[reference('${"x".repeat(MB)}').enabled]`, /^properties\.disableLocalAuth depends on \[reference\('x{288}…/],
  ];
  for (const [value, message] of cases) {
    const result = scan({ resources: [acs(value)] });
    const finding = result.findings.find((f) => f.ruleId === "ACS-IAM-001")!;
    assert.match(finding.message, message);
    assert.ok(longest(result) < 2000, `longest string ${longest(result)}`);
  }
  // A parameter of 32 allowed values (the most judged one by one), 31 of which fail.
  const allowed = ["a".repeat(MB), ...Array.from({ length: 31 }, (_, i) => `v${i}`)];
  const result = scan({ parameters: { p: { type: "string", allowedValues: allowed } }, resources: [acs("[equals(parameters('p'), 'v30')]")] });
  const finding = result.findings.find((f) => f.ruleId === "ACS-IAM-001")!;
  assert.match(finding.message, /^properties\.disableLocalAuth is not true when p is 'a{100}…' or 'v0' or .* or 'v18' \(and 11 more\): /);
  assert.ok(longest(result) < 2000, `longest string ${longest(result)}`);
});

test("notices and errors quote at most 300 characters of an expression", () => {
  const notice = scan({ outputs: { o: { type: "string", value: `[format('{${" ".repeat(MB)}x', 'a')]` } } });
  assert.match(notice.notices[0]!.message, /^\[format\('\{ {290}… cannot be evaluated: format: unclosed '\{'; its value is unknown$/);
  const error = scan({ outputs: { o: { type: "string", value: `[concat('a', ${"b".repeat(MB)}]` } } });
  assert.match(error.errors![0]!.message, /expected '\(' after b{100}… at character 1000013 of \[concat\('a', b{88}…\]$/);
  assert.ok(longest(notice) < 2000 && longest(error) < 2000);
});

test("a file reports at most 200 notices, then how many more there were", () => {
  const withDirectives = (n: number) => scan({ resources: [{ ...acs(true), metadata: { description: "acs-baseline:suppress ".repeat(n) } }] });
  const capped = withDirectives(100_000).notices;
  assert.is(capped.length, 201);
  assert.match(capped[200]!.message, /^\d+ more notices of this file are not shown \(at most 200 are\)$/);
  const few = withDirectives(150).notices;
  assert.ok(few.length >= 150 && few.length <= 200, `${few.length} notices`);
  assert.not.ok(few.some((n) => n.message.includes("more notices")));
  // At the limit and just past it.
  const notices = (n: number) => Array.from({ length: n }, (_, i) => ({ kind: "expansion" as const, file: "t.json", message: `n${i}` }));
  assert.is(capNotices(notices(MAX_NOTICES), "t.json").length, MAX_NOTICES);
  assert.equal(capNotices(notices(MAX_NOTICES + 1), "t.json").slice(-2), [
    { kind: "expansion", file: "t.json", message: `n${MAX_NOTICES - 1}` },
    { kind: "expansion", file: "t.json", message: "1 more notices of this file are not shown (at most 200 are)" },
  ]);
});

test.run();
