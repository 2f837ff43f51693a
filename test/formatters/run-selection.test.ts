import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { formatReport, version } from "../../src/index.js";
import { PolicyEngine } from "../../src/engine/index.js";
import { Scanner } from "../../src/scan/index.js";
import { cli, repoPath } from "../helpers.js";

// Reports render the run's rule selection and configuration, carried by the report itself.

const fixture = repoPath("fixtures/cli/compliant.json");
const time = { start: new Date(0), end: new Date(0) };
const validReport = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(repoPath("schemas/report.schema.json"), "utf8")));
const cases = (junit: string, rule: string) => junit.split("\n").filter((l) => l.includes(`classname="${rule}"`)).length;

test("JUnit: a case per enabled rule, none for a disabled one, one for a rule enabled that found nothing", () => {
  const defaults = new Scanner();
  const junit = defaults.format(defaults.scanPaths([fixture]), "junit", { time });
  assert.is(cases(junit, "ACS-IAM-001"), 1);
  assert.is(cases(junit, "ACS-DATA-004"), 0, "off by default");

  const disabled = new Scanner({ rules: { "ACS-IAM-001": false } });
  assert.is(cases(disabled.format(disabled.scanPaths([fixture]), "junit", { time }), "ACS-IAM-001"), 0);

  const enabled = new Scanner({ rules: { "ACS-DATA-004": true } });
  const report = enabled.scanPaths([fixture]);
  assert.not.ok(report.findings.some((f) => f.ruleId === "ACS-DATA-004"));
  assert.is(cases(enabled.format(report, "junit", { time }), "ACS-DATA-004"), 1);
});

test("JSON: the run's selection and configuration, so a consumer sees which rules were judged", () => {
  const scanner = new Scanner({ rules: { "ACS-IAM-001": false, "ACS-DATA-004": true }, severity: { "ACS-NET-001": "critical" }, failOn: "high" });
  const json = JSON.parse(scanner.format(scanner.scanPaths([fixture]), "json", { time }));
  assert.is(json.run.failOn, "high");
  const rule = (id: string) => json.run.rules.find((r: { id: string }) => r.id === id);
  assert.equal(
    [rule("ACS-IAM-001"), rule("ACS-DATA-004"), rule("ACS-NET-001")],
    [
      { id: "ACS-IAM-001", enabled: false, severity: "high" },
      { id: "ACS-DATA-004", enabled: true, severity: "low" },
      { id: "ACS-NET-001", enabled: true, severity: "critical" },
    ],
  );
  assert.ok(validReport(json), JSON.stringify(validReport.errors));
});

test("SARIF: the run's selection and severities are rule configuration overrides; defaults stay the rules' own", () => {
  const scanner = new Scanner({ rules: { "ACS-IAM-001": false, "ACS-DATA-004": true }, severity: { "ACS-NET-001": "critical" } });
  const sarif = JSON.parse(scanner.format(scanner.scanPaths([fixture]), "sarif", { time }));
  const run = sarif.runs[0];
  const overrides = run.invocations[0].ruleConfigurationOverrides as Array<{ descriptor: { id: string; index: number }; configuration: object }>;
  assert.equal(
    overrides.map((o) => [o.descriptor.id, o.configuration]),
    [
      ["ACS-IAM-001", { enabled: false, level: "error" }],
      ["ACS-NET-001", { enabled: true, level: "error" }],
      ["ACS-DATA-004", { enabled: true, level: "note" }],
    ].sort(
      (a, b) => run.tool.driver.rules.findIndex((r: { id: string }) => r.id === a[0]) - run.tool.driver.rules.findIndex((r: { id: string }) => r.id === b[0]),
    ),
  );
  for (const o of overrides) assert.is(run.tool.driver.rules[o.descriptor.index].id, o.descriptor.id);
  const defaults = new Scanner();
  const plain = JSON.parse(defaults.format(defaults.scanPaths([fixture]), "sarif", { time }));
  assert.is(plain.runs[0].invocations[0].ruleConfigurationOverrides, undefined, "a default run overrides nothing");
});

test("one rendering path: Scanner.format and formatReport give the same text; tool is { name, version }", () => {
  const scanner = new Scanner({ failOn: "high" });
  const report = scanner.scanPaths([fixture]);
  for (const format of ["json", "sarif", "junit", "text"] as const) {
    assert.is(formatReport(report, format, { time }), scanner.format(report, format, { time }), format);
  }
  assert.equal(JSON.parse(formatReport(report, "json", { time })).tool, { name: version.name, version: version.version });
  assert.equal(Object.keys(version), ["name", "version"]);
});

test("an internal error exits 3 and asks for a bug report; --debug prints the stack trace", async () => {
  const evaluate = PolicyEngine.prototype.evaluate;
  PolicyEngine.prototype.evaluate = () => {
    throw new TypeError("Cannot read properties of null (reading 'findings')");
  };
  try {
    const plain = await cli("scan", fixture, "--jobs", "1", "--format", "json");
    assert.is(plain.code, 3);
    const error = JSON.parse(plain.stdout).errors[0];
    assert.is(error.file, fixture);
    assert.is(error.internal, true);
    assert.match(error.message, "internal error while evaluating the rules");
    assert.not.match(plain.stderr, "TypeError: Cannot read");
    assert.ok(validReport(JSON.parse(plain.stdout)), JSON.stringify(validReport.errors));
    const debug = await cli("scan", fixture, "--jobs", "1", "--debug", "--quiet");
    assert.is(debug.code, 3);
    assert.match(debug.stderr, "TypeError: Cannot read properties of null");
    const debugJson = JSON.parse((await cli("scan", fixture, "--jobs", "1", "--debug", "--format", "json")).stdout);
    assert.match(debugJson.errors[0].stack, "TypeError: Cannot read properties of null");
    assert.ok(validReport(debugJson), JSON.stringify(validReport.errors));
  } finally {
    PolicyEngine.prototype.evaluate = evaluate;
  }
});

test.run();
