import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkPolicyInput, expandTemplate, toPolicyInput, type JsonObject } from "../../src/arm/index.js";
import { DEFAULT_POLICY_URL, loadCatalog, loadEngine, nodePolicyLoader } from "../../src/node/index.js";
import { ruleEntrypoints } from "../../src/engine/per-rule.js";
import { readSource } from "../../src/reader/index.js";
import { acsWorkloadTemplate } from "../../scripts/synthetic-template.js";
import { repoPath } from "../helpers.js";

// Evaluating rule by rule (large inputs) must give exactly what one evaluation of the report gives.

const whole = loadEngine(undefined, { perRuleAboveBytes: Infinity });
const perRule = loadEngine(undefined, { perRuleAboveBytes: 0 });

function* jsonFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    // The pending fuzz inputs exceed the engine's memory whichever way they are evaluated.
    if (name === "fuzz-pending") continue;
    if (statSync(path).isDirectory()) yield* jsonFiles(path);
    else if (name.endsWith(".json")) yield path;
  }
}

/** The policy input of every template among the fixtures and examples. */
function fixtureInputs(): Array<[string, object]> {
  const inputs: Array<[string, object]> = [];
  for (const root of ["fixtures", "examples"]) {
    for (const file of jsonFiles(repoPath(root))) {
      let template: JsonObject;
      try {
        const source = readSource(file, readFileSync(file));
        if (source.kind !== "template") continue;
        template = source.value as JsonObject;
      } catch {
        continue; // unreadable on purpose (reader fixtures)
      }
      try {
        const input = toPolicyInput(expandTemplate(file, template));
        checkPolicyInput(input);
        inputs.push([relative(repoPath("."), file), input]);
      } catch {
        continue; // refused on purpose (limits)
      }
    }
  }
  return inputs;
}

test("rule by rule and in one evaluation, every fixture gives byte-identical findings", () => {
  const inputs = fixtureInputs();
  assert.ok(inputs.length > 100, `only ${inputs.length} fixture templates found`);
  let findings = 0;
  for (const [file, input] of inputs) {
    const expected = JSON.stringify(whole.evaluate(input));
    assert.ok(JSON.stringify(perRule.evaluate(input)) === expected, `${file}: rule by rule, the findings differ`);
    findings += JSON.parse(expected).length;
  }
  assert.ok(findings > 500, `only ${findings} findings: the comparison would prove little`);
});

test("the same with rule parameters set, on a large template", () => {
  const input = toPolicyInput(expandTemplate("workload.json", JSON.parse(acsWorkloadTemplate(400, 150)) as JsonObject));
  assert.ok(JSON.stringify(input).length > 1024 * 1024);
  const defaults = loadEngine();
  const data = { parameters: { "ACS-DATA-001": { allowedDataLocations: ["Europe"] }, "ACS-LOG-001": { requiredLogCategories: ["ChatOperational"] } } };
  for (const engine of [whole, perRule, defaults]) engine.setData(data);
  const expected = JSON.stringify(whole.evaluate(input));
  // Compared as a whole: a diff of two megabytes of JSON would take the test runner minutes.
  assert.ok(JSON.stringify(defaults.evaluate(input)) === expected, "the default engine's findings differ");
  assert.ok(JSON.stringify(perRule.evaluate(input)) === expected, "rule by rule, the findings differ");
  for (const engine of [whole, perRule]) engine.setData({});
});

test("an input one evaluation has not the memory for is tried again rule by rule", () => {
  const input = toPolicyInput(expandTemplate("workload.json", JSON.parse(acsWorkloadTemplate(400, 150)) as JsonObject));
  // Small memories: one evaluation fails, and so does the retry, which names the rule it was in.
  const messages = [256, 384, 512].map((pages) => {
    try {
      loadEngine(undefined, { initialPages: pages, maximumPages: pages }).evaluate(input);
      return "";
    } catch (e) {
      return (e as Error).message;
    }
  });
  assert.ok(
    messages.some((m) => /^policy evaluation failed: opa_malloc: failed \(in [a-z]+\/[a-z_]+\)$/.test(m)),
    messages.join("\n"),
  );
});

test("every rule of the catalog has its own entrypoint, and a failing rule is named", () => {
  const policy = nodePolicyLoader(new WebAssembly.Module(readFileSync(DEFAULT_POLICY_URL)), { initial: 64, maximum: 16384 });
  const packages = loadCatalog()
    .rules.map((r) => `${r.package.replace(/\./g, "/")}/deny`)
    .sort();
  assert.equal([...ruleEntrypoints(policy).keys()], packages);
  // With memory for the parsed input but not for every rule, the message names the rule that failed.
  const input = toPolicyInput(expandTemplate("workload.json", JSON.parse(acsWorkloadTemplate(400, 150)) as JsonObject));
  const failures = [128, 192, 256, 384, 512].map((pages) => {
    try {
      loadEngine(undefined, { perRuleAboveBytes: 0, initialPages: pages, maximumPages: pages }).evaluate(input);
      return "";
    } catch (e) {
      return (e as Error).message;
    }
  });
  assert.ok(
    failures.some((m) => /^policy evaluation failed: opa_malloc: failed \(in [a-z]+\/[a-z_]+\)$/.test(m)),
    failures.join("\n"),
  );
});

test.run();
