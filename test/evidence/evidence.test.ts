import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadCatalog } from "../../src/node/index.js";
import { createScanner, type Finding } from "../../src/index.js";
import { readSource } from "../../src/reader/index.js";
import { excerptAt, lineStarts } from "../../src/evidence/excerpt.js";
import { cli, repoPath } from "../helpers.js";

const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(repoPath("schemas/report.schema.json"), "utf8")));
const catalog = loadCatalog();

interface Verdict {
  ruleId: string;
  verdict: "pass" | "fail" | "unknown" | "suppressed";
  subject: { kind: string; name: string; id?: string; type?: string };
  template: string;
  file: string;
  findings: string[];
  evidence: Array<{ label: string; trace: unknown[] }>;
}

interface JsonReport {
  evidence?: { verdicts: Verdict[]; notApplicable: Array<{ ruleId: string; resourceTypes: string[] }> };
  findings: Array<Pick<Finding, "fingerprint" | "ruleId" | "file" | "range" | "status" | "suppression" | "trace">>;
}

/** Where each rule's verdict was given, once per rule and subject. */
const pairKey = (v: Verdict) => `${v.ruleId}|${v.template}|${v.subject.kind}|${v.subject.id ?? v.subject.name}`;

for (const rule of catalog.rules) {
  test(`${rule.id} fixtures: --evidence gives one verdict per applicable rule × subject, covering every finding once`, async () => {
    const dir = repoPath(`fixtures/rules/${rule.id}`);
    const r = await cli("scan", dir, "--format", "json", "--evidence", "--enable", rule.id);
    const out = JSON.parse(r.stdout) as JsonReport;
    assert.ok(validate(out), `report schema: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    const evidence = out.evidence!;
    const verdicts = evidence.verdicts;
    // fail + pass + unknown + suppressed cover the pairs exactly once
    const keys = verdicts.map(pairKey);
    assert.is(new Set(keys).size, keys.length, "no pair is judged twice");
    const by = (k: Verdict["verdict"]) => verdicts.filter((v) => v.verdict === k).length;
    assert.is(by("fail") + by("pass") + by("unknown") + by("suppressed"), verdicts.length);
    // every finding belongs to exactly one verdict, which agrees with it
    for (const f of out.findings) {
      const holders = verdicts.filter((v) => v.findings.includes(f.fingerprint));
      assert.is(holders.length, 1, `finding ${f.ruleId} ${f.file}:${f.range.start.line} is in one verdict`);
      const v = holders[0]!;
      assert.is(v.ruleId, f.ruleId);
      if (!f.suppression && f.status === "fail") assert.is(v.verdict, "fail");
      if (v.verdict === "suppressed") assert.ok(f.suppression);
    }
    for (const v of verdicts) assert.is(v.verdict === "pass", v.findings.length === 0, `${pairKey(v)}: a pass has no findings, the rest have some`);
    // passes and not-applicable rules are listed
    assert.ok(
      verdicts.some((v) => v.ruleId === rule.id && v.verdict === "pass"),
      `${rule.id} passes somewhere in its fixtures`,
    );
    const applied = new Set(verdicts.map((v) => v.ruleId));
    for (const na of evidence.notApplicable) {
      assert.not.ok(applied.has(na.ruleId), `${na.ruleId} is either applicable or not`);
      assert.ok(na.resourceTypes.length > 0);
    }
    const enabled = catalog.rules.filter((x) => x.defaultEnabled || x.id === rule.id).length;
    assert.is(applied.size + evidence.notApplicable.length, enabled, "every rule that ran is applicable or not applicable");
  });
}

test("the number of verdicts is the number of applicable rule × resource pairs, counted independently", () => {
  const scanner = createScanner({ evidence: true });
  const file = repoPath("examples/insecure-acs-workload.json");
  const result = scanner.scanFile(file);
  const template = readSource(file, readFileSync(file)).value as { resources: Array<{ type: string }> };
  // The example has no loops, conditions or nested deployments: its resources are the ones written.
  const types: string[] = [];
  const walk = (resources: Array<{ type: string; resources?: unknown[] }>, parent = "") => {
    for (const r of resources) {
      const type = parent && !r.type.includes(".") ? `${parent}/${r.type}` : r.type;
      types.push(type.toLowerCase());
      if (r.resources) walk(r.resources as typeof resources, type);
    }
  };
  walk(template.resources);
  let expected = 0;
  for (const rule of catalog.rules.filter((x) => x.defaultEnabled)) {
    const looks = rule.resourceTypes.map((t) => t.toLowerCase());
    const matches = (t: string) => looks.some((l) => (l.endsWith("/*") ? t.startsWith(l.slice(0, -1)) : l === t));
    expected += types.filter(matches).length + (matches("microsoft.resources/deployments") ? 1 : 0);
  }
  assert.is(result.evidence!.length, expected);
});

test("a pass carries the value that satisfied the rule and where it came from", () => {
  const scanner = createScanner({ evidence: true });
  const report = scanner.report([scanner.scanFile(repoPath("fixtures/rules/ACS-IAM-001/pass-parameter-file.json"))]);
  const pass = report.evidence!.verdicts.find((v) => v.ruleId === "ACS-IAM-001");
  assert.is(pass?.verdict, "pass");
  const value = pass!.evidence.find((e) => e.label === "properties.disableLocalAuth");
  assert.is(value?.value, "true");
  const origin = value!.trace.at(-1)!;
  assert.is(origin.origin, "parameter-file");
  assert.match(origin.file, /pass-parameter-file\.parameters\.json$/);
  assert.is(origin.label, "parameters('disableLocalAuth') = true from the parameter file");
  assert.ok(pass!.excerpt && pass!.excerpt.lines.length > 0, "an excerpt of the template");
});

test("plain scans record no evidence", async () => {
  const r = await cli("scan", repoPath("examples"), "--format", "json");
  const out = JSON.parse(r.stdout) as JsonReport;
  assert.is(out.evidence, undefined);
  assert.ok(validate(out), JSON.stringify(validate.errors?.slice(0, 3)));
  // (a finding whose value was written at the property itself has no trace: it would only repeat its place)
  assert.ok(out.findings.every((f) => f.trace === undefined || f.trace.length >= 1));
  assert.ok(out.findings.some((f) => (f.trace?.length ?? 0) >= 2));
  assert.ok(out.findings.some((f) => f.trace === undefined));
});

test("an excerpt: the lines around the place, cut to a readable length, at the start and end of a file", () => {
  const text = ["a", "b", "c", "d", "e", "f", "g", "x".repeat(300)].join("\r\n");
  const starts = lineStarts(text);
  assert.equal(excerptAt(text, starts, 1), { startLine: 1, lines: ["a", "b", "c", "d"], focusLine: 1 });
  const end = excerptAt(text, starts, 8);
  assert.equal(end.lines.slice(0, 3), ["e", "f", "g"]);
  assert.is(end.lines[3], `${"x".repeat(200)}…`);
});

test.run();
