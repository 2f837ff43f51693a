import { test } from "uvu";
import * as assert from "uvu/assert";
import { createScanner } from "../../src/index.js";

// Class 1 of the hostile-input suite, in the values the rules read: a template cannot write a value
// the rules would read as something ARM does not deploy.

const SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
const acs = (disableLocalAuth: unknown) => ({
  type: "Microsoft.Communication/communicationServices",
  apiVersion: "2025-05-01",
  name: "acs",
  location: "global",
  properties: { dataLocation: "Europe", disableLocalAuth },
});
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

test.run();
