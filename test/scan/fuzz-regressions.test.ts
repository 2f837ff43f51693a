import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MAX_POLICY_INPUT_DEPTH, MAX_POLICY_INPUT_VALUES } from "../../src/arm/limits.js";
import { checkPolicyInput } from "../../src/arm/index.js";
import { createScanner } from "../../src/index.js";
import { repoPath } from "../helpers.js";

// Inputs the fuzzer (npm run fuzz) found a bug with, kept so the bug stays fixed. Each one is
// scanned to a result: never a throw, never a foreign message, an error that names a limit.

const dir = repoPath("fixtures/fuzz");
const scanner = createScanner();

// Within every limit, so judged, not refused: 800 services of one id, each targeted by the same 800
// diagnostic settings, needed more than the policy engine's memory while two rules judged every
// service against every setting of its id (each service has an ACS-IAM-002 and an ACS-LOG-002
// finding, and an ACS-LOG-001 one in the second); email services sharing an id made ACS-DATA-002
// fail with a conflict inside the policy (two of the three services are in another geography).
const judged = new Map([
  ["8000-resources.json", 1600],
  ["nested-deployments-5601-resources.json", 2400],
  ["linked-domains-sharing-an-id.json", 26],
]);

for (const name of readdirSync(dir)
  .filter((n) => n.endsWith(".json"))
  .sort()) {
  test(`fuzz regression ${name}`, () => {
    const result = scanner.scanContent(join(dir, name), readFileSync(join(dir, name)));
    const findings = judged.get(name);
    if (findings !== undefined) {
      assert.is(result.error, undefined);
      assert.is(result.findings.length, findings);
    }
    if (result.error) assert.match(result.error.message, /limit|more than \d+|larger than/);
    assert.not.match(JSON.stringify(result), /opa_malloc|call stack|Invalid string length|illegal string escape/);
  });
}

test("the policy input's value limit holds at its value and just past it", () => {
  // {"a": [...]}: the object, the array, and its elements.
  checkPolicyInput({ a: new Array(MAX_POLICY_INPUT_VALUES - 2).fill(0) });
  assert.throws(() => checkPolicyInput({ a: new Array(MAX_POLICY_INPUT_VALUES - 1).fill(0) }), /more than 250000 values \(reached at a\[249998\]\)/);
});

test("the policy input's nesting limit holds at its value and just past it", () => {
  const nested = (levels: number): unknown => (levels === 0 ? 0 : [nested(levels - 1)]);
  // The root object and its key are the first level.
  checkPolicyInput({ a: nested(MAX_POLICY_INPUT_DEPTH - 1) });
  assert.throws(() => checkPolicyInput({ a: nested(MAX_POLICY_INPUT_DEPTH) }), /nests deeper than 256 levels/);
});

test.run();
