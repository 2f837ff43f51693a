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

for (const name of readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
  test(`fuzz regression ${name}`, () => {
    const result = scanner.scanContent(join(dir, name), readFileSync(join(dir, name)));
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
