import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createScanner, formatReport } from "../../src/index.js";
import { repoPath } from "../helpers.js";
import { report, root, scanner } from "./sample-report.js";
import { tempDir } from "../../scripts/temp-dir.js";

const render = (name: string) => scanner.format(report, name, { baseDir: root });

test("SARIF passes Microsoft's validator with its GitHub code-scanning rules, with no error", () => {
  const dir = tempDir("acs-sarif-");
  writeFileSync(join(dir, "scan.sarif"), render("sarif"));
  const multitool = createRequire(import.meta.url)("@microsoft/sarif-multitool") as string;
  execFileSync(multitool, ["validate", "--rule-kind", "Sarif;Gh", "--output", join(dir, "validation.sarif"), join(dir, "scan.sarif")], { stdio: "pipe" });
  const validation = JSON.parse(readFileSync(join(dir, "validation.sarif"), "utf8"));
  const errors = validation.runs[0].results.filter((r: { level?: string }) => (r.level ?? "warning") === "error");
  assert.equal(errors, []);
});

test("SARIF carries rules, fingerprints, relative locations and suppressions", () => {
  const sarif = JSON.parse(render("sarif"));
  const run = sarif.runs[0];
  assert.is(sarif.version, "2.1.0");
  assert.is(run.tool.driver.rules.length, 21);
  const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === "ACS-IAM-005");
  assert.is(rule.properties["security-severity"], "9.5");
  assert.ok(rule.help.markdown.includes("Fix:"));
  for (const r of run.results) {
    const loc = r.locations[0].physicalLocation;
    assert.is(loc.artifactLocation.uriBaseId, "SRCROOT");
    assert.not.ok(loc.artifactLocation.uri.startsWith("/"), "relative URIs");
    assert.ok(loc.region.startLine >= 1);
    assert.match(r.partialFingerprints["acsBaselineFinding/v1"], /^[0-9a-f]{32}$/);
  }
  const suppressed = run.results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
  assert.is(suppressed.length, 1);
  assert.equal(suppressed[0].suppressions, [{ kind: "external", status: "accepted", justification: "logs go to the central SIEM" }]);
  assert.is(run.invocations[0].executionSuccessful, false, "a file could not be read");
  assert.is(run.invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.region.startLine, 5);
});

test("JUnit: a failing case per failing finding, skipped cases for suppressed and unknown ones, an error per unreadable file", () => {
  const xml = render("junit");
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="acs-baseline" failures="\d+" errors="1">/);
  const failures = (xml.match(/<failure /g) ?? []).length;
  assert.is(failures, report.findings.filter((f) => scanner.isFailing(f)).length);
  assert.ok(xml.includes('<skipped message="suppressed (config): logs go to the central SIEM"/>'));
  assert.ok(xml.includes('<skipped message="unknown: properties.disableLocalAuth is not true when disableLocalAuth is false'));
  assert.match(xml, /<testcase classname="fixtures\/reader\/malformed.json" name="read and expand"><error message="invalid JSON/);
  assert.match(
    xml,
    /<testcase classname="ACS-IAM-001" name="ACS-IAM-001 Microsoft.Communication\/communicationServices acs-demo" file="examples\/insecure-acs-workload.json" line="28">/,
  );
});

test("GitHub annotations: escaped workflow commands at file and line; suppressed findings left out", () => {
  const lines = render("github").trim().split("\n");
  assert.ok(lines.includes(lines.find((l) => l.startsWith("::error file=examples/insecure-acs-workload.json,line=28,col=9,")) ?? "missing"));
  assert.ok(
    lines.some((l) => l.startsWith("::warning file=fixtures/rules/ACS-IAM-001/unknown-expression.json,line=17")),
    "unknowns warn",
  );
  assert.not.ok(
    lines.some((l) => l.includes("insecure-acs-workload") && l.includes("ACS-LOG-002")),
    "the suppressed finding is not annotated",
  );
  assert.ok(lines.some((l) => l.startsWith("::error file=fixtures/reader/malformed.json,line=5,col=77,title=acs-baseline::invalid JSON")));
  for (const l of lines.filter((x) => x.startsWith("::"))) assert.not.ok(/\n|\r/.test(l));
  assert.match(lines.at(-1)!, /^acs-baseline: \d+ failing, 1 unknown, 1 suppressed, 2 templates, 1 errors$/);
});

test("Markdown: a summary table and the findings", () => {
  const md = render("markdown");
  assert.match(md, /^## ACS security baseline: ❌ errors/);
  assert.ok(md.includes("| 🟣 critical | 1 |"));
  assert.ok(md.includes("| suppressed | 1 |"));
  assert.ok(md.includes("| 🔴 | ACS-IAM-001 | `examples/insecure-acs-workload.json:28` | acs-demo |"));
});

test("JSON: versioned, with summary, findings marked failing, and versions of tool and rule pack", () => {
  const json = JSON.parse(render("json"));
  assert.is(json.schemaVersion, 1);
  assert.is(json.rulePack.rules, 21);
  assert.is(json.rulePack.opaVersion, "1.22.3");
  assert.is(json.summary.suppressed, 1);
  assert.ok(json.findings.every((f: { failing: boolean; suppression?: unknown }) => typeof f.failing === "boolean" && (!f.suppression || !f.failing)));
});

test("text: grouped by file with file:line:col, colour only when asked", () => {
  const plain = render("text");
  assert.ok(plain.includes(`${repoPath("examples/insecure-acs-workload.json")}:28:9  high     fail     ACS-IAM-001`));
  assert.not.ok(plain.includes("\u001b["));
  assert.ok(scanner.format(report, "text", { color: true }).includes("\u001b[31m"));
  assert.match(plain, /1 suppressed/);
});

test("formatReport renders without a scanner, with the caller's idea of failing", () => {
  const none = formatReport(report, "markdown", { isFailing: () => false, baseDir: root });
  assert.ok(none.includes("| 🔴 | ACS-IAM-001 |"));
  assert.throws(() => formatReport(report, "xml" as never, { isFailing: () => true }), /unknown format 'xml'/);
});

test("provenance: SARIF code flows in chain order with related locations; text and Markdown one line per step; unknowns name what they wait on", () => {
  const finding = report.findings.find((f) => f.ruleId === "ACS-DATA-001" && f.file.endsWith("insecure-acs-workload.json"))!;
  assert.equal(
    finding.trace!.map((s) => [s.label, s.range.start.line, s.origin ?? s.kind]),
    [
      ["properties.dataLocation", 27, "property"],
      ["parameters('dataLocation') = \"Antarctica\" (its default)", 9, "default"],
    ],
  );
  const run = JSON.parse(render("sarif")).runs[0];
  const result = run.results.find(
    (r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints["acsBaselineFinding/v1"] === finding.fingerprint,
  );
  const flow = result.codeFlows[0].threadFlows[0].locations;
  assert.equal(
    flow.map((l: { location: { message: { text: string } } }) => l.location.message.text),
    finding.trace!.map((s) => s.label),
  );
  assert.equal(
    flow.map((l: { executionOrder: number }) => l.executionOrder),
    [1, 2],
  );
  assert.is(result.relatedLocations[0].message.text, finding.trace![1]!.label);
  assert.is(result.relatedLocations[0].physicalLocation.region.startLine, 9);
  const text = scanner.format(report, "text");
  assert.match(text, /\n {6}← parameters\('dataLocation'\) = "Antarctica" \(its default\) {2}\S*examples\/insecure-acs-workload\.json:9:41\n/);
  assert.ok(
    render("markdown").includes(
      "↳ properties.dataLocation ← parameters('dataLocation') = \"Antarctica\" (its default) (examples/insecure-acs-workload.json:9:41)",
    ),
  );
  const unknown = report.findings.find((f) => f.status === "unknown")!;
  const waits = unknown.trace!.find((s) => s.waitsOn)!;
  assert.is(waits.label, "parameters('disableLocalAuth') has no value (declared here)");
  assert.is(waits.range.start.line, 5);
  assert.match(text, /← parameters\('disableLocalAuth'\) has no value \(declared here\) \(waits on this\) {2}.*unknown-expression\.json:5:5/);
});

test("a finding placed where its value is written (a variable) shows the property that uses it, not its own place again", () => {
  const finding = report.findings.find((f) => f.ruleId === "ACS-IAM-007")!;
  assert.equal([finding.range.start.line, finding.trace!.map((s) => s.range.start.line)], [18, [67, 18]]);
  const text = scanner.format(report, "text");
  assert.match(text, /\n {6}→ properties\.roleDefinitionId {2}\S*examples\/insecure-acs-workload\.json:67:9\n/);
  assert.not.match(text, "← variables('ownerRole')");
  const run = JSON.parse(render("sarif")).runs[0];
  const result = run.results.find(
    (r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints["acsBaselineFinding/v1"] === finding.fingerprint,
  );
  assert.equal(
    result.relatedLocations.map((l: { physicalLocation: { region: { startLine: number } } }) => l.physicalLocation.region.startLine),
    [67],
  );
});

test("Markdown: a table per baseline area", () => {
  const md = render("markdown");
  assert.ok(md.includes("| Area | Rules | Fail | Unknown | Suppressed |"));
  assert.match(md, /\| identity \| 10 \| \d+ \| \d+ \| \d+ \|/);
  const withEvidence = createScanner({ evidence: true });
  const md2 = withEvidence.format(withEvidence.scanPaths([repoPath("examples")]), "markdown");
  assert.ok(md2.includes("| Area | Rules | Pass | Fail | Unknown | Suppressed |"));
});

test.run();
