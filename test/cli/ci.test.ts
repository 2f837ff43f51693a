import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readSource } from "../../src/reader/index.js";
import { cliIn, repoPath } from "../helpers.js";
import { tempDir } from "../../scripts/temp-dir.js";

const example = repoPath("examples/insecure-acs-workload.json");
/** The example as an object (it has comments, which JSON.parse does not take). */
const exampleTemplate = () => structuredClone(readSource(example, readFileSync(example)).value) as { resources: Array<Record<string, unknown>> };

/** A fresh directory holding the example template and, when given, a configuration file. */
function project(config?: string): string {
  const dir = tempDir("acs-ci-");
  mkdirSync(join(dir, "infra"));
  copyFileSync(example, join(dir, "infra", "main.json"));
  if (config !== undefined) writeFileSync(join(dir, ".acs-baseline.yaml"), config);
  return dir;
}

const json = async (cwd: string, ...argv: string[]) => {
  const r = await cliIn(cwd, "", "scan", ...argv, "--format", "json");
  return { ...r, out: r.stdout ? JSON.parse(r.stdout) : undefined };
};
const ruleIds = (out: { findings: Array<{ ruleId: string; suppression?: unknown }> }) => [
  ...new Set(out.findings.filter((f) => !f.suppression).map((f) => f.ruleId)),
];

test("the configuration file is found by walking up, and sets rules, severities, parameters and the threshold", async () => {
  const dir = project(`
failOn: critical
rules:
  ACS-IAM-001: off
  ACS-DATA-004: on
  ACS-NET-001: { severity: critical }
  ACS-DATA-001:
    parameters:
      allowedDataLocations: [Antarctica]
`);
  const r = await json(join(dir, "infra"), "main.json");
  const ids = ruleIds(r.out);
  assert.not.ok(ids.includes("ACS-IAM-001"));
  assert.ok(ids.includes("ACS-DATA-004"));
  assert.is(r.out.findings.find((f: { ruleId: string }) => f.ruleId === "ACS-NET-001").severity, "critical");
  assert.equal(
    r.out.findings.filter((f: { ruleId: string }) => f.ruleId === "ACS-DATA-001").map((f: { subject: { name: string } }) => f.subject.name),
    ["acs-demo-mail"],
  );
  assert.is(r.out.summary.failOn, "critical");
  assert.is((await cliIn(join(dir, "infra"), "", "scan", "main.json", "--fail-on", "low", "--quiet")).code, 1, "flags win over the file");
  assert.ok(ruleIds((await json(dir, "infra", "--no-config")).out).includes("ACS-IAM-001"), "--no-config ignores it");
});

test("configuration errors name the file, the line and the offending key", async () => {
  const cases: Array<[string, RegExp]> = [
    ["failOn: medium\nfailon: high\n", /\.acs-baseline\.yaml:2:1: failon: is not a known setting/],
    ["unknown: sometimes\n", /\.acs-baseline\.yaml:1:1: unknown: must be one of warn, fail, ignore/],
    ["rules:\n  ACS-XYZ-001: off\n", /\.acs-baseline\.yaml:2:3: rules\.ACS-XYZ-001: is not a rule id/],
    ["rules:\n  ACS-IAM-999: off\n", /\.acs-baseline\.yaml:2:3: rules\.ACS-IAM-999: unknown rule id ACS-IAM-999/],
    [
      "rules:\n  ACS-DATA-001:\n    parameters:\n      allowedDataLocations: Europe\n",
      /:4:7: rules\.ACS-DATA-001\.parameters\.allowedDataLocations: must be array/,
    ],
    ["suppressions:\n  - rule: ACS-NET-001\n", /:2:5: suppressions\.0: must have required property 'justification'/],
    ["rules: [\n", /\.acs-baseline\.yaml:\d+:\d+: invalid YAML/],
  ];
  for (const [config, expected] of cases) {
    const dir = project(config);
    const r = await cliIn(dir, "", "scan", "infra");
    assert.is(r.code, 2, config);
    assert.match(r.stderr, expected);
    assert.not.match(r.stderr, /\n\s+at /, "no stack trace");
  }
});

test("suppressions from the configuration: applied, expired and unused ones reported", async () => {
  const dir = project(`
suppressions:
  - rule: ACS-NET-001
    resource: acs-demo
    justification: Browsers call ACS directly.
  - rule: ACS-LOG-*
    justification: Logs are wired by Azure Policy.
    expires: "2020-01-01"
  - rule: ACS-GOV-001
    file: "elsewhere/**"
    justification: Not this file.
`);
  const text = (await cliIn(dir, "", "scan", "infra")).stdout;
  assert.match(text, /ACS-NET-001 .*\[suppressed \(config\): Browsers call ACS directly\.\]/);
  assert.match(text, /an config suppression of ACS-LOG-\* for acs-demo expired on 2020-01-01/);
  assert.match(text, /notice {2}the suppression of ACS-GOV-001 in elsewhere\/\*\* matched no finding/);
  const out = (await json(dir, "infra")).out;
  assert.is(out.summary.suppressed, 1);
  assert.is(out.summary.expiredSuppressions, 2);
  assert.is(out.summary.unusedSuppressions, 1);
});

test("inline suppressions can be forbidden by the configuration", async () => {
  const dir = project("inlineSuppressions: false\n");
  const template = exampleTemplate();
  template.resources[0]!["metadata"] = { description: "acs-baseline:suppress ACS-NET-001: public clients" };
  writeFileSync(join(dir, "infra", "main.json"), JSON.stringify(template));
  assert.is((await json(dir, "infra")).out.summary.suppressed, 0);
  assert.is((await json(dir, "infra", "--no-config")).out.summary.suppressed, 1);
});

test("include and exclude globs select the files a directory scan reads", async () => {
  const dir = project('exclude: ["legacy/**"]\n');
  mkdirSync(join(dir, "legacy"));
  copyFileSync(example, join(dir, "legacy", "old.json"));
  assert.is((await json(dir, ".")).out.summary.filesScanned, 1);
});

test("a baseline accepts what it records; only new findings fail", async () => {
  const dir = project();
  const written = await cliIn(dir, "", "scan", "infra", "--write-baseline", "baseline.json", "--quiet");
  assert.is(written.code, 0, "writing a baseline accepts the current findings");
  const baseline = JSON.parse(readFileSync(join(dir, "baseline.json"), "utf8"));
  assert.is(baseline.schemaVersion, 1);
  assert.ok(baseline.findings.length > 10);
  assert.is((await cliIn(dir, "", "scan", "infra", "--baseline", "baseline.json")).code, 0);
  const template = exampleTemplate();
  template.resources.push({
    type: "Microsoft.Communication/emailServices/domains",
    apiVersion: "2025-05-01",
    name: "acs-demo-mail/new.example.com",
    location: "global",
    properties: { domainManagement: "CustomerManaged", userEngagementTracking: "Enabled" },
  });
  writeFileSync(join(dir, "infra", "main.json"), JSON.stringify(template, null, 2));
  const after = await json(dir, "infra", "--baseline", "baseline.json");
  assert.is(after.code, 1);
  assert.equal(
    after.out.findings.filter((f: { suppression?: unknown }) => !f.suppression).map((f: { ruleId: string }) => f.ruleId),
    ["ACS-DATA-003"],
  );
});

test("a template is scanned with each of its parameter files; a shared finding is reported once, listing the sets", async () => {
  const r = await json(repoPath("."), "fixtures/cli/fanout/main.json");
  const byRule = (id: string) => r.out.findings.filter((f: { ruleId: string }) => f.ruleId === id);
  const sets = (f: { parameterSets: string[] }) => f.parameterSets.map((p) => p.split("/").pop());
  assert.is(byRule("ACS-NET-001").length, 1);
  assert.equal(sets(byRule("ACS-NET-001")[0]), ["main.parameters.dev.json", "main.parameters.prod.json"]);
  assert.equal(byRule("ACS-IAM-001").map(sets), [["main.parameters.dev.json"]]);
});

test("several formats in one run: text to the terminal and SARIF to a file", async () => {
  const dir = project();
  const r = await cliIn(dir, "", "scan", "infra", "--format", "text", "--format", "sarif=out/scan.sarif", "--format", "junit=junit.xml");
  assert.is(r.code, 2, "out/ does not exist: writing fails clearly");
  assert.match(r.stderr, /cannot write out\/scan\.sarif: no such file or directory \(ENOENT\)/);
  mkdirSync(join(dir, "out"));
  const ok = await cliIn(dir, "", "scan", "infra", "--format", "text", "--format", "sarif=out/scan.sarif", "--format", "junit=junit.xml");
  assert.is(ok.code, 1);
  assert.match(ok.stdout, /infra\/main\.json:28:9/);
  assert.is(
    JSON.parse(readFileSync(join(dir, "out/scan.sarif"), "utf8")).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri,
    "infra/main.json",
  );
  assert.match(readFileSync(join(dir, "junit.xml"), "utf8"), /^<\?xml/);
  const twice = await cliIn(dir, "", "scan", "infra", "--format", "text", "--format", "json");
  assert.is(twice.code, 2);
  assert.match(twice.stderr, /only one --format may write to standard output/);
});

test("a template read from standard input", async () => {
  const r = await cliIn(repoPath("."), readFileSync(example), "scan", "-", "--format", "json");
  const out = JSON.parse(r.stdout);
  assert.is(r.code, 1);
  assert.ok(out.findings.every((f: { file: string }) => f.file === "stdin.json"));
  const bad = await cliIn(repoPath("."), new Uint8Array([0x7b, 0xff, 0x7d]), "scan", "-");
  assert.is(bad.code, 2);
  assert.match(bad.stdout, /stdin\.json: file is not valid UTF-8/);
});

test("--quiet prints only what fails the run", async () => {
  const clean = await cliIn(repoPath("."), "", "scan", repoPath("fixtures/cli/compliant.json"), "--quiet");
  assert.is(clean.stdout, "");
  const failing = await cliIn(repoPath("."), "", "scan", example, "--quiet", "--fail-on", "critical");
  assert.equal(failing.stdout.split("\n").filter((l) => /:\d+:\d+ .*ACS-[A-Z]+-\d{3}/.test(l)).length, 1);
});

test("explain prints a rule's page; init writes a starter configuration that loads", async () => {
  const explained = await cliIn(repoPath("."), "", "explain", "acs-iam-001");
  assert.match(explained.stdout, /^<!-- Generated[^\n]*\n# ACS-IAM-001: Local \(access key\) authentication disabled/);
  assert.is((await cliIn(repoPath("."), "", "explain", "ACS-NOPE-001")).code, 2);
  const dir = project();
  assert.is((await cliIn(dir, "", "init")).code, 0);
  assert.is((await cliIn(dir, "", "init")).code, 2, "never overwrites");
  const scanned = await json(dir, "infra");
  assert.is(scanned.out.errors.length, 0, "the starter configuration is valid");
});

test("many files on two and three threads give the same output, in the same order, as on one", async () => {
  const dir = tempDir("acs-many-");
  const sources = [
    example,
    repoPath("fixtures/cli/compliant.json"),
    repoPath("fixtures/reader/malformed.json"),
    repoPath("fixtures/rules/ACS-IAM-001/unknown-expression.json"),
  ];
  for (let i = 0; i < 40; i++) copyFileSync(sources[i % sources.length]!, join(dir, `t${String(i).padStart(2, "0")}.json`));
  const one = await cliIn(dir, "", "scan", ".", "--jobs", "1", "--format", "json");
  const two = await cliIn(dir, "", "scan", ".", "--jobs", "2", "--format", "json");
  const three = await cliIn(dir, "", "scan", ".", "--jobs", "3", "--format", "json");
  assert.is(two.code, one.code);
  assert.is(two.stdout, one.stdout);
  assert.is(three.stdout, one.stdout);
  assert.is(JSON.parse(one.stdout).summary.filesScanned, 30);
});

test.run();
