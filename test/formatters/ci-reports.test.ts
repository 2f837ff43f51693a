import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type Finding, type ScanReport } from "../../src/index.js";
import { plainText } from "../../src/formatters/escape.js";
import { cliRun, repoPath } from "../helpers.js";
import { report, root, scanner } from "./sample-report.js";
import { ruleDocUrl } from "../../src/version.js";
import { tempDir } from "../../scripts/temp-dir.js";

const { Ajv } = createRequire(import.meta.url)("ajv") as typeof import("ajv");
const schemas = (name: string) => JSON.parse(readFileSync(repoPath(`test/formats/schemas/${name}`), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false });
/** Validates without narrowing the document's type (ajv's guard would make it `unknown`). */
const valid = (check: (d: unknown) => boolean, doc: unknown): boolean => check(doc);
const validSast = ajv.compile(schemas("sast-report-format-15.2.1.json"));
const validCodeQuality = ajv.compile(schemas("gitlab-codequality.schema.json"));

const time = { start: new Date("2026-01-02T03:04:05.678Z"), end: new Date("2026-01-02T03:04:09Z") };
const render = (name: string, r: ScanReport = report) => scanner.format(r, name, { baseDir: root, time });

/** A report with one finding whose every text field is hostile to the formats' syntax. */
function hostileReport(): ScanReport {
  const f = report.findings.find((x) => !x.suppression && x.status === "fail")!;
  const evil = "a;b]c%d%AZP25e\r\nf##vso[task.complete result=Succeeded]::error::x,y:z\u0000\"'<>";
  const finding: Finding = {
    ...f,
    file: join(root, `dir;]%/${evil.slice(0, 8)}.json`),
    message: evil,
    title: evil,
    remediation: evil,
    subject: { ...f.subject, name: evil },
  };
  return { ...report, files: [], findings: [finding], errors: [{ file: join(root, "bad];%.json"), message: `broken\n${evil}`, line: 3, column: 4 }] };
}

/**
 * Reads one Azure Pipelines logging command the way the agent does: `##vso[` then `area.event`,
 * properties up to the first `]` split on `;` and at the first `=`, then the message; values and
 * message unescaped (`%AZP25` last, so escapes of a literal `%` are not decoded twice).
 */
function parseVso(line: string): { command: string; props: Record<string, string>; message: string } | undefined {
  const at = line.indexOf("##vso[");
  if (at < 0) return undefined;
  const end = line.indexOf("]", at);
  const head = line.slice(at + 6, end);
  const space = head.indexOf(" ");
  const command = space < 0 ? head : head.slice(0, space);
  const unescape = (s: string) =>
    s
      .replace(/%3B/g, ";")
      .replace(/%0D/g, "\r")
      .replace(/%0A/g, "\n")
      .replace(/%5D/g, "]")
      .replace(/%AZP25/g, "%");
  const props: Record<string, string> = {};
  for (const pair of (space < 0 ? "" : head.slice(space + 1)).split(";")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    props[pair.slice(0, eq)] = unescape(pair.slice(eq + 1));
  }
  return { command, props, message: unescape(line.slice(end + 1)) };
}

test("gitlab-sast validates against GitLab's published Security report schema 15.2.1", () => {
  const doc = JSON.parse(render("gitlab-sast"));
  assert.ok(valid(validSast, doc), ajv.errorsText(validSast.errors));
  assert.is(doc.version, "15.2.1");
  assert.is(doc.scan.type, "sast");
  assert.is(doc.scan.start_time, "2026-01-02T03:04:05");
  assert.is(doc.scan.end_time, "2026-01-02T03:04:09");
  assert.is(doc.scan.status, "failure", "a file could not be read");
  assert.match(doc.scan.messages[0].value, /^fixtures\/reader\/malformed\.json: invalid JSON/);
  const active = report.findings.filter((f) => !f.suppression);
  assert.is(doc.vulnerabilities.length, active.length, "suppressed findings are left out");
  const v = doc.vulnerabilities.find((x: { identifiers: Array<{ value: string }> }) => x.identifiers[0]!.value === "ACS-IAM-001");
  assert.equal(v.location, { file: "examples/insecure-acs-workload.json", start_line: 28, end_line: v.location.end_line });
  assert.is(v.severity, "High");
  assert.match(v.identifiers[0].url, /\/docs\/rules\/ACS-IAM-001\.md$/);
  assert.match(v.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.is(new Set(doc.vulnerabilities.map((x: { id: string }) => x.id)).size, doc.vulnerabilities.length, "ids are unique");
  assert.is(JSON.parse(render("gitlab-sast")).vulnerabilities[0].id, doc.vulnerabilities[0].id, "and stable across runs");
});

test("the schema check is real: a report missing what GitLab requires is refused", () => {
  const doc = JSON.parse(render("gitlab-sast"));
  delete doc.vulnerabilities[0].identifiers;
  assert.not.ok(valid(validSast, doc));
  const bad = JSON.parse(render("gitlab-sast"));
  bad.scan.start_time = "2026-01-02T03:04:05.678Z";
  assert.not.ok(valid(validSast, bad));
  assert.not.ok(
    valid(validCodeQuality, [{ description: "x", check_name: "y", fingerprint: "z", severity: "high", location: { path: "a", lines: { begin: 1 } } }]),
  );
});

test("gitlab-codequality validates against GitLab's documented Code Quality format", () => {
  const issues = JSON.parse(render("gitlab-codequality"));
  assert.ok(valid(validCodeQuality, issues), ajv.errorsText(validCodeQuality.errors));
  const active = report.findings.filter((f) => !f.suppression);
  assert.is(issues.length, active.length + report.errors.length);
  assert.is(new Set(issues.map((i: { fingerprint: string }) => i.fingerprint)).size, issues.length, "fingerprints are unique");
  const iam = issues.find(
    (i: { check_name: string; location: { path: string } }) => i.check_name === "ACS-IAM-001" && i.location.path === "examples/insecure-acs-workload.json",
  );
  assert.equal(iam.location, { path: "examples/insecure-acs-workload.json", lines: { begin: 28 } });
  assert.is(iam.severity, "critical", "high maps to critical");
  assert.ok(
    issues.some(
      (i: { check_name: string; location: { lines: { begin: number } } }) => i.check_name === "acs-baseline/unreadable" && i.location.lines.begin === 5,
    ),
  );
  assert.ok(issues.some((i: { description: string; severity: string }) => i.description.startsWith("[unknown] ACS-IAM-001") && i.severity === "info"));
});

test("hostile text stays valid in both GitLab reports", () => {
  const hostile = hostileReport();
  assert.ok(valid(validSast, JSON.parse(render("gitlab-sast", hostile))), ajv.errorsText(validSast.errors));
  assert.ok(valid(validCodeQuality, JSON.parse(render("gitlab-codequality", hostile))), ajv.errorsText(validCodeQuality.errors));
});

test("paths named as ./x on the command line are reported as x, the repository path GitLab and Azure DevOps compare", async () => {
  const dir = checkout();
  const r = await cliRun(
    { cwd: dir },
    "scan",
    "./infra/main.json",
    "--format",
    "gitlab-codequality=cq.json",
    "--format",
    "gitlab-sast=sast.json",
    "--format",
    "azure-pipelines",
  );
  assert.is(r.code, 1);
  const cq = JSON.parse(readFileSync(join(dir, "cq.json"), "utf8"));
  assert.ok(valid(validCodeQuality, cq), ajv.errorsText(validCodeQuality.errors));
  assert.equal([...new Set(cq.map((i: { location: { path: string } }) => i.location.path))], ["infra/main.json"]);
  const sast = JSON.parse(readFileSync(join(dir, "sast.json"), "utf8"));
  assert.equal([...new Set(sast.vulnerabilities.map((v: { location: { file: string } }) => v.location.file))], ["infra/main.json"]);
  assert.match(r.stdout, /sourcepath=infra\/main\.json;/);
});

test("azure-pipelines: a logissue per finding and per unreadable file, then task.complete", () => {
  const lines = render("azure-pipelines").trimEnd().split("\n");
  const commands = lines.map(parseVso);
  assert.ok(commands.every(Boolean), "every line is a logging command");
  const issues = commands.filter((c) => c!.command === "task.logissue");
  const active = report.findings.filter((f) => !f.suppression);
  assert.is(issues.length, active.length + report.errors.length);
  const iam = issues.find((c) => c!.props["code"] === "ACS-IAM-001" && c!.props["sourcepath"] === "examples/insecure-acs-workload.json")!;
  assert.equal(iam.props, { type: "error", sourcepath: "examples/insecure-acs-workload.json", linenumber: "28", columnnumber: "9", code: "ACS-IAM-001" });
  assert.ok(
    issues.some((c) => c!.props["type"] === "warning" && c!.props["code"] === "ACS-IAM-001"),
    "an unknown finding warns",
  );
  assert.ok(issues.some((c) => c!.props["sourcepath"] === "fixtures/reader/malformed.json" && c!.props["linenumber"] === "5" && c!.props["type"] === "error"));
  const last = commands.at(-1)!;
  assert.is(last.command, "task.complete");
  assert.is(last.props["result"], "Failed");
  const unknownOnly = report.findings.filter((f) => f.status === "unknown" && !scanner.isFailing(f));
  assert.ok(unknownOnly.length > 0);
  const clean = { ...report, errors: [], findings: unknownOnly, summary: { ...report.summary, failing: 0, filesWithErrors: 0 } };
  assert.is(parseVso(render("azure-pipelines", clean).trimEnd().split("\n").at(-1)!)!.props["result"], "SucceededWithIssues");
});

test("azure-pipelines escapes per the logging-command rules: hostile text round-trips and cannot inject a command", () => {
  const hostile = hostileReport();
  const out = render("azure-pipelines", hostile);
  const lines = out.trimEnd().split("\n");
  assert.is(lines.length, 3, "line breaks in values never start a new line");
  const [finding, error, complete] = lines.map(parseVso);
  const f = hostile.findings[0]!;
  assert.is(finding!.props["sourcepath"], "dir;]%/a;b]c%d%.json");
  // (messages shown as text output shows them: a decoded line break would start a log line of its own)
  assert.is(finding!.message, plainText(`${f.ruleId} ${f.title}: ${f.message}. Fix: ${f.remediation}`));
  // eslint-disable-next-line no-control-regex -- raw controls are what must not appear
  assert.not.match(finding!.message, /[\r\n\u0000]/);
  assert.is(error!.props["sourcepath"], "bad];%.json");
  assert.is(error!.message, plainText(hostile.errors[0]!.message));
  assert.is(complete!.props["result"], "Failed");
  // The agent acts on the first `##vso[` of a line; every line starts with ours, so text after it is only a message.
  for (const l of lines) assert.match(l, /^##vso\[task\.(logissue type=(error|warning);|complete result=)/);
});

test("links: SARIF helpUri and the text output point at the rule's own page in docs/rules; no informationUri, as the project has no public home yet", () => {
  const repo = ruleDocUrl("X").replace(/\/blob\/main\/docs\/rules\/X\.md$/, "");
  const driver = JSON.parse(render("sarif")).runs[0].tool.driver;
  assert.is(driver.informationUri, undefined);
  for (const rule of driver.rules) {
    assert.is(rule.helpUri, `${repo}/blob/main/docs/rules/${rule.id}.md`);
    assert.ok(existsSync(repoPath(`docs/rules/${rule.id}.md`)), `${rule.id} has its page`);
  }
  const text = render("text");
  for (const f of report.findings) assert.ok(text.includes(`  ${repo}/blob/main/docs/rules/${f.ruleId}.md`));
});

/** A scratch project as a CI checkout: infra/main.json (the insecure example). */
function checkout(): string {
  const dir = tempDir("acs-ci-report-");
  mkdirSync(join(dir, "infra"));
  copyFileSync(repoPath("examples/insecure-acs-workload.json"), join(dir, "infra", "main.json"));
  return dir;
}

test("run as a GitLab job would: report files named as GitLab expects, valid, and the exit code", async () => {
  const dir = checkout();
  const env = { GITLAB_CI: "true", CI: "true", CI_PROJECT_DIR: dir, CI_COMMIT_SHA: "0123456789abcdef" };
  const r = await cliRun(
    { cwd: dir, env },
    "scan",
    "infra",
    "--format",
    "text",
    "--format",
    "gitlab-sast=gl-sast-report.json",
    "--format",
    "gitlab-codequality=gl-code-quality-report.json",
  );
  assert.is(r.code, 1, "failing findings fail the job");
  const sast = JSON.parse(readFileSync(join(dir, "gl-sast-report.json"), "utf8"));
  assert.ok(valid(validSast, sast), ajv.errorsText(validSast.errors));
  assert.ok(
    sast.vulnerabilities.every((v: { location: { file: string } }) => v.location.file === "infra/main.json"),
    "paths relative to CI_PROJECT_DIR",
  );
  const cq = JSON.parse(readFileSync(join(dir, "gl-code-quality-report.json"), "utf8"));
  assert.ok(valid(validCodeQuality, cq), ajv.errorsText(validCodeQuality.errors));
  assert.ok(cq.length > 0);
});

test("run as an Azure Pipelines script step would: logging commands on stdout, exit code 1", async () => {
  const dir = checkout();
  const env = { TF_BUILD: "True", SYSTEM_DEFAULTWORKINGDIRECTORY: dir, BUILD_SOURCESDIRECTORY: dir, AGENT_OS: "Linux" };
  const r = await cliRun(
    { cwd: dir, env },
    "scan",
    "infra",
    "--format",
    "azure-pipelines",
    "--format",
    "junit=acs-baseline.junit.xml",
    "--format",
    "sarif=acs-baseline.sarif",
  );
  assert.is(r.code, 1);
  const commands = r.stdout.trimEnd().split("\n").map(parseVso);
  assert.ok(commands.every((c) => c && ["task.logissue", "task.complete"].includes(c.command)));
  assert.ok(commands.every((c) => c!.command !== "task.logissue" || c!.props["sourcepath"] === "infra/main.json"));
  assert.is(commands.at(-1)!.props["result"], "Failed");
  assert.match(readFileSync(join(dir, "acs-baseline.junit.xml"), "utf8"), /^<\?xml/);
});

test.run();
