import { test } from "uvu";
import * as assert from "uvu/assert";
import { rulesById } from "../../src/catalog/index.js";
import { loadCatalog, nodeSchemaCompiler } from "../../src/node/index.js";
import { resolveOptions } from "../../src/config/index.js";

const rules = rulesById(loadCatalog());

test("rule parameters are checked against the rule's own schema", () => {
  assert.throws(
    () => resolveOptions({ ruleParameters: { "ACS-IAM-001": { bogus: 1 } } }, rules, nodeSchemaCompiler),
    /invalid parameters for ACS-IAM-001: .*additional properties/,
  );
});

test("unknown rule ids are rejected, in selection and in parameters", () => {
  assert.throws(() => resolveOptions({ rules: { "ACS-XYZ-001": false } }, rules, nodeSchemaCompiler), /unknown rule id ACS-XYZ-001/);
  assert.throws(() => resolveOptions({ ruleParameters: { "ACS-XYZ-001": {} } }, rules, nodeSchemaCompiler), /unknown rule id ACS-XYZ-001/);
});

test("defaults: rules follow their catalog default, threshold low, unknowns warn", () => {
  const o = resolveOptions({}, rules, nodeSchemaCompiler);
  assert.is(o.failOn, "low");
  assert.is(o.unknown, "warn");
  assert.ok(o.isEnabled(rules.get("ACS-IAM-001")!));
  assert.not.ok(resolveOptions({ rules: { "ACS-IAM-001": false } }, rules, nodeSchemaCompiler).isEnabled(rules.get("ACS-IAM-001")!));
  assert.equal(o.policyData, { parameters: {} });
});

test.run();
