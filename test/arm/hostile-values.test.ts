import { test } from "uvu";
import * as assert from "uvu/assert";
import { createScanner } from "../../src/index.js";
import { SCHEMA, acsWith as acs } from "./helpers.js";
import { expandTemplate, type JsonObject } from "../../src/arm/index.js";
import { validateParameter } from "../../src/arm/parameters.js";

// Class 1 of the hostile-input suite, in the values the rules read: a template cannot write a value
// the rules would read as something ARM does not deploy.

const scanner = createScanner();
const scan = (disableLocalAuth: unknown, text?: string) =>
  scanner.scanText(text ?? JSON.stringify({ $schema: SCHEMA, contentVersion: "1.0.0.0", resources: [acs(disableLocalAuth)] }), "t.json");

test("an object with the key $unknown, written or computed, is refused: it cannot forge a pass or an unknown", () => {
  const forged = { $unknown: { domain: { parameter: "p", cases: [{ when: true, value: true }] } } };
  for (const value of [
    forged,
    { $unknown: {} },
    `[json('${JSON.stringify(forged)}')]`,
    "[createObject('$unknown', createObject())]",
    "[union(createObject('a', 1), json('{\"$unknown\": {}}'))]",
  ]) {
    const result = scan(value);
    assert.match(result.error?.message ?? "", /resources\[0\]\.properties\.disableLocalAuth is an object with the key '\$unknown'/, JSON.stringify(value));
    assert.equal(result.findings, [], JSON.stringify(value));
  }
  // The expander's own unknowns still reach the rules as unknowns.
  const unknown = scan("[reference('x').enabled]");
  assert.is(unknown.error, undefined);
  assert.ok(unknown.findings.some((f) => f.ruleId === "ACS-IAM-001" && f.status === "unknown"));
});

test("a number JSON cannot write (1e400, float('1e400')) is refused, not read as null ('not set')", () => {
  const template = (v: string) =>
    `{"$schema": "${SCHEMA}", "contentVersion": "1.0.0.0", "resources": [${JSON.stringify(acs(true)).replace("true}", `${v}}`)}]}`;
  for (const text of [template("1e400"), template("-1e400"), template("\"[float('1e400')]\""), template("\"[json('1e400')]\"")]) {
    const result = scan(undefined, text);
    assert.match(result.error?.message ?? "", /disableLocalAuth is a number too large to represent/, text);
  }
  assert.is(scan(undefined, template("1e300")).error, undefined);
});

test("a computed object with keys differing only in case is refused, as the reader refuses one in a file", () => {
  for (const properties of [
    "[createObject('dataLocation', 'Europe', 'disableLocalAuth', true, 'DisableLocalAuth', false)]",
    `[json('{"dataLocation": "Europe", "disableLocalAuth": true, "DISABLELOCALAUTH": false}')]`,
  ]) {
    const text = JSON.stringify({ $schema: SCHEMA, contentVersion: "1.0.0.0", resources: [{ ...acs(true), properties }] });
    const result = scan(undefined, text);
    assert.match(
      result.error?.message ?? "",
      /a value at resources\[0\]\.properties has the keys 'disableLocalAuth' and '(DisableLocalAuth|DISABLELOCALAUTH)', which differ only in case/,
    );
  }
});

test("the keys of parameter entries and copy loops are read without case, as ARM reads them", () => {
  const inner = {
    $schema: SCHEMA,
    contentVersion: "1.0.0.0",
    parameters: { dla: { type: "bool", defaultValue: true } },
    resources: [acs("[parameters('dla')]")],
  };
  const nested = (parameters: unknown) => ({
    type: "Microsoft.Resources/deployments",
    apiVersion: "2022-09-01",
    name: "nested",
    properties: { mode: "Incremental", expressionEvaluationOptions: { scope: "inner" }, parameters, template: inner },
  });
  const status = (template: Record<string, unknown>) => {
    const result = scanner.scanText(JSON.stringify({ $schema: SCHEMA, contentVersion: "1.0.0.0", ...template }), "t.json");
    assert.is(result.error, undefined);
    return result.findings.filter((f) => f.ruleId === "ACS-IAM-001").map((f) => `${f.status}: ${f.message.slice(0, 40)}`);
  };
  const enabled = ["fail: properties.disableLocalAuth is false: lo"];
  // `"Value": false` given to a nested deployment was not read: its default (true) passed.
  assert.equal(status({ resources: [nested({ dla: { Value: false } })] }), enabled);
  assert.equal(status({ resources: [nested({ dla: { value: false } })] }), enabled);
  // `"Value": false` in a parameter file was "neither a value nor a reference": the default passed.
  const withFile = expandTemplate("t.json", inner as unknown as JsonObject, {
    parameterFile: { file: "t.parameters.json", value: { parameters: { dla: { Value: false } } } },
  });
  assert.is(withFile.parameters[0]!.value, false);
  assert.equal(withFile.notices, []);
  // Property copy loops with their keywords in another case.
  const loop = { Name: "list", Count: 2, Input: "[copyIndex('list')]" };
  const copied = expandTemplate("t.json", {
    $schema: SCHEMA,
    resources: [{ ...acs(true), properties: { dataLocation: "Europe", disableLocalAuth: true, copy: [loop] } }],
  } as unknown as JsonObject);
  assert.equal((copied.resources[0]!.properties as Record<string, unknown>)["list"], [0, 1]);
});

const expand = (extra: Record<string, unknown>) =>
  expandTemplate("t.json", { $schema: SCHEMA, contentVersion: "1.0.0.0", resources: [], ...extra } as unknown as JsonObject);

test("json() reads JSON as files are read: nesting bounded, comments as ARM reads them, faults in our words", () => {
  const deep = (n: number) => ` ${"[".repeat(n)}${"]".repeat(n)}`;
  const output = (text: string) =>
    expand({ variables: { s: text }, outputs: { o: { type: "array", value: "[json(variables('s'))]" } } }).outputs[0]!.value as {
      detail?: string;
    };
  for (const [text, fault] of [
    [deep(200_000), /^json: not valid JSON at character 258: nesting deeper than 256 levels$/],
    [" [1,]", /^json: not valid JSON at character 5: unexpected character "\]"$/],
    ["{'a': 1}", /^json: not valid JSON at character 2: expected a property name in double quotes$/],
  ] as const) {
    assert.match(output(text).detail ?? "", fault, text.slice(0, 20));
  }
  assert.equal(output(deep(200)), JSON.parse(deep(200)));
  assert.equal(output(' [1, // one\r 2, "it\\\'s"]'), [1, 2, "it's"]);
  // base64ToJson reads its text the same way.
  const b64 = expand({ outputs: { o: { type: "array", value: `[base64ToJson('${btoa(deep(300))}')]` } } }).outputs[0]!.value as { detail?: string };
  assert.match(b64.detail ?? "", /^base64ToJson: not valid JSON at character 258: nesting deeper than 256 levels$/);
});

test("allowedValues of objects: 100,000 items against 100,000 allowed in one pass; shared values bounded", () => {
  const allowed = Array.from({ length: 100_000 }, (_, i) => ({ b: i }));
  const value = Array.from({ length: 100_000 }, () => ({ a: 1 }));
  const warnings = expand({ parameters: { p: { type: "array", allowedValues: allowed, defaultValue: value } } }).notices.map((n) => n.message);
  assert.equal(warnings, ['parameter p: 100000 values are not among the allowed values (the first is {"a":1})']);
  assert.equal(validateParameter("p", "array", { allowedValues: [{ A: [1, "x"] }] }, [{ a: [1, "x"] }]), [], "keys compare without case");
  // The work limit, at its value and just past it: [{"a":1}] is 3 nodes, the item {"a":1} 3 more.
  const decl = { allowedValues: [{ a: 1 }] };
  assert.equal(validateParameter("p", "array", decl, [{ a: 1 }], 6), []);
  assert.equal(validateParameter("p", "array", decl, [{ a: 1 }], 5), ["parameter p is too large to check against its allowed values, so it is not checked"]);
  // Parameters doubling one another: 2^40 leaves, never keyed whole.
  const parameters: Record<string, unknown> = { p0: { type: "array", defaultValue: ["x", "x"] } };
  for (let i = 1; i <= 40; i++) parameters[`p${i}`] = { type: "array", defaultValue: `[createArray(parameters('p${i - 1}'), parameters('p${i - 1}'))]` };
  parameters["p40"] = { ...(parameters["p40"] as object), allowedValues: [[["x"]]] };
  assert.equal(
    expand({ parameters }).notices.map((n) => n.message),
    [
      'parameter p40: 2 values are not among the allowed values (the first is [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["x","x"],["x","x"]],[["x","x"],["x","x"]]],[[["x","x"],["x",…)',
    ],
  );
});

test.run();
