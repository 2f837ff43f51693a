import { writeFileSync, copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cli, repoPath } from "../helpers.js";
import { tempDir } from "../../scripts/temp-dir.js";

test("the README example prints a finding with file:line:col and exits 1", async () => {
  const file = repoPath("examples/insecure-acs-workload.json");
  const r = await cli("scan", file);
  assert.is(r.code, 1);
  assert.match(r.stdout, `${file}:28:9  high     fail     ACS-IAM-001`);
  assert.is(r.stderr, "");
});

test("a compliant template exits 0", async () => {
  const r = await cli("scan", repoPath("fixtures/cli/compliant.json"));
  assert.is(r.code, 0);
  assert.match(r.stdout, "✔ passed");
});

test("malformed JSON exits 2 with a one-line reason and no stack trace", async () => {
  const file = repoPath("fixtures/reader/malformed.json");
  const r = await cli("scan", file);
  assert.is(r.code, 2);
  assert.match(r.stdout, `${file}:5:77: invalid JSON: expected a property name in double quotes`);
  assert.not.match(r.stdout + r.stderr, /\n\s+at /);
});

test("one bad file does not stop the others; errors win over findings for the exit code", async () => {
  const dir = tempDir("acs-cli-");
  copyFileSync(repoPath("examples/insecure-acs-workload.json"), join(dir, "a.json"));
  writeFileSync(join(dir, "b.json"), "{ nope");
  copyFileSync(repoPath("fixtures/reader/not-a-template.json"), join(dir, "c.json"));
  mkdirSync(join(dir, "node_modules"));
  writeFileSync(join(dir, "node_modules", "d.json"), "{ also bad");
  const r = await cli("scan", dir, "--format", "json");
  assert.is(r.code, 2);
  const out = JSON.parse(r.stdout);
  assert.ok(out.findings.length > 0);
  assert.ok(out.findings.every((f: { file: string }) => f.file === join(dir, "a.json")));
  assert.is(out.errors.length, 1);
  assert.is(out.errors[0].file, join(dir, "b.json"));
  assert.equal(out.skipped, [join(dir, "c.json")]);
  assert.is(out.summary.filesScanned, 1);
  assert.is(out.summary.filesSkipped, 1);
});

test("a missing path is an input error", async () => {
  const r = await cli("scan", "/no/such/file.json");
  assert.is(r.code, 2);
  assert.match(r.stdout, "/no/such/file.json: no such file or directory");
});

test("--fail-on raises the threshold; --unknown fail counts unknowns", async () => {
  const example = repoPath("examples/insecure-acs-workload.json");
  assert.is((await cli("scan", example, "--fail-on", "critical")).code, 1, "the example has a critical finding");
  const noCritical = repoPath("fixtures/rules/ACS-IAM-001/fail-false.json");
  assert.is((await cli("scan", noCritical, "--fail-on", "critical")).code, 0);
  assert.is((await cli("scan", noCritical, "--fail-on", "high")).code, 1);
  const unknown = repoPath("fixtures/cli/needs-parameter.json");
  const only = ["--disable", "ACS-IAM-002", "--disable", "ACS-LOG-001", "--disable", "ACS-LOG-002"];
  assert.is((await cli("scan", unknown, ...only)).code, 0, "unknowns warn by default");
  assert.is((await cli("scan", unknown, ...only, "--unknown", "fail")).code, 1);
  const ignored = JSON.parse((await cli("scan", unknown, ...only, "--unknown", "ignore", "--format", "json")).stdout);
  assert.is(ignored.findings.length, 0);
});

test("--disable turns a rule off; an unknown rule id is a usage error", async () => {
  const failFalse = repoPath("fixtures/rules/ACS-IAM-001/fail-false.json");
  const ids = async (argv: string[]) =>
    JSON.parse((await cli("scan", failFalse, "--format", "json", ...argv)).stdout).findings.map((f: { ruleId: string }) => f.ruleId);
  assert.ok((await ids([])).includes("ACS-IAM-001"));
  assert.not.ok((await ids(["--disable", "ACS-IAM-001"])).includes("ACS-IAM-001"));
  const r = await cli("scan", repoPath("examples"), "--disable", "ACS-NOPE-001");
  assert.is(r.code, 2);
  assert.match(r.stderr, "unknown rule id ACS-NOPE-001");
});

test("usage errors exit 2 with a hint", async () => {
  for (const argv of [[], ["scan"], ["frobnicate"], ["scan", "x", "--format", "xml"], ["scan", "x", "--bogus"]]) {
    const r = await cli(...argv);
    assert.is(r.code, 2, argv.join(" "));
    assert.match(r.stderr, "acs-baseline --help");
  }
});

test("rules lists the catalog with severities; --version names the rule pack", async () => {
  const r = await cli("rules");
  assert.is(r.code, 0);
  assert.match(r.stdout, /ACS-IAM-001\s+high\s+on\s+Local \(access key\) authentication disabled/);
  assert.match((await cli("--version")).stdout, /^acs-baseline \d+\.\d+\.\d+ \(rule pack: 21 rules, policy [0-9a-f]{12}, OPA 1\.22\.3\)/);
});

test.run();
