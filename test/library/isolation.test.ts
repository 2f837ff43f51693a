import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createScanner, createScannerAsync } from "../../src/index.js";
import { repoPath } from "../helpers.js";

const example = readFileSync(repoPath("examples/insecure-acs-workload.json"), "utf8");
const ruleIds = (findings: Array<{ ruleId: string }>) => [...new Set(findings.map((f) => f.ruleId))].sort();

test("two scanners with different configuration in one process do not affect each other", () => {
  const strict = createScanner({ ruleParameters: { "ACS-DATA-001": { allowedDataLocations: ["Europe"] } }, rules: { "ACS-DATA-004": true } });
  const lax = createScanner({ rules: { "ACS-IAM-001": false }, ruleParameters: { "ACS-DATA-001": { allowedDataLocations: ["Antarctica"] } } });
  const locationsRejected = (findings: Array<{ ruleId: string; subject: { name: string } }>) =>
    findings
      .filter((f) => f.ruleId === "ACS-DATA-001")
      .map((f) => f.subject.name)
      .sort();
  for (let round = 0; round < 3; round++) {
    const a = strict.scanText(example).findings;
    const b = lax.scanText(example).findings;
    assert.ok(ruleIds(a).includes("ACS-IAM-001") && ruleIds(a).includes("ACS-DATA-004"));
    assert.not.ok(ruleIds(b).includes("ACS-IAM-001"), "disabled in the second scanner only");
    assert.not.ok(ruleIds(b).includes("ACS-DATA-004"));
    assert.equal(locationsRejected(a), ["acs-demo", "acs-demo-mail"], "only Europe allowed");
    assert.equal(locationsRejected(b), ["acs-demo-mail"], "Antarctica allowed, United States not");
  }
});

test("many concurrent async scans through one scanner return correct, separate results", async () => {
  const scanner = await createScannerAsync();
  const files = [
    "examples/insecure-acs-workload.json",
    "fixtures/cli/compliant.json",
    "fixtures/rules/ACS-NET-001/fail-enabled.json",
    "fixtures/reader/malformed.json",
  ].map(repoPath);
  const expected = files.map((f) => scanner.scanFile(f));
  const results = await Promise.all(Array.from({ length: 40 }, (_, i) => scanner.scanFileAsync(files[i % files.length]!)));
  results.forEach((r, i) => assert.equal(r, expected[i % files.length], `scan ${i}`));
});

test("memory stays flat across 10,000 scans of a small template", () => {
  const scanner = createScanner();
  const small = readFileSync(repoPath("fixtures/cli/compliant.json"), "utf8");
  const settle = () => {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage();
  };
  for (let i = 0; i < 500; i++) scanner.scanText(small);
  const before = settle();
  for (let i = 0; i < 10_000; i++) scanner.scanText(small);
  const after = settle();
  const growth = after.rss + after.arrayBuffers - (before.rss + before.arrayBuffers);
  // Generous bound: a leak of even 10 KB a scan would be 100 MB.
  assert.ok(growth < 64 * 1024 * 1024, `memory grew by ${(growth / 1048576).toFixed(1)} MiB`);
});

test("a bad template is a result, never an exception; misuse of the API throws", () => {
  const scanner = createScanner();
  assert.is(scanner.scanText("{ not json").error?.message.startsWith("invalid JSON"), true);
  assert.is(scanner.scanTemplate({ $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", resources: 5 }).kind, "error");
  assert.match(scanner.scanTemplate({ contentVersion: "1.0.0.0", resources: [{ type: 5 }] }).errors?.[0]?.message ?? "", "a resource needs a literal type");
  assert.is(scanner.scanTemplate({ name: "not a template" }).kind, "unknown");
  assert.throws(() => createScanner({ rules: { "ACS-NOPE-001": true } }), /unknown rule id/);
});

test.run();
