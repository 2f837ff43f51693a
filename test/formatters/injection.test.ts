import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { lineStart, markdownCode, sarifText, uriPath, xmlText } from "../../src/formatters/escape.js";
import { errorResult } from "../../src/pipeline/index.js";
import { tempDir } from "../../scripts/temp-dir.js";
import { hostileReport } from "./hostile-report.js";

// Class 6 of the hostile-input suite: every formatter escapes everything it did not write itself.

const HOSTILE_NAME = "acs\n::error title=pwned::owned\r::stop-commands::tok\u001b[32m✔ passed\u001b[0m\u009b2J <!-- |x| `c` \ufffe\uffff\ud800 \u202eevil";
const { dir, file, scanner, report } = hostileReport({
  fileName: "a#frag?q=1 [x]%.json",
  missingName: "missing\n::error::x.json",
  resourceName: HOSTILE_NAME,
  properties: { dataLocation: "Europe", disableLocalAuth: false, publicNetworkAccess: "{0}}{" },
});
const render = (format: string) => scanner.format(report, format, { baseDir: dir });

test("the hostile name reaches the report (the test would catch nothing otherwise)", () => {
  // The reader reads the unpaired surrogate escape as U+FFFD, as ARM does.
  assert.ok(report.findings.some((f) => f.subject.name === HOSTILE_NAME.replace("\ud800", "\ufffd")));
  assert.is(report.errors.length, 1);
});

const noWorkflowCommand = (out: string) => out.split("\n").every((l) => !l.trimStart().startsWith("::"));

test("text: no line break, carriage return, ANSI or reordering character from the input, so no workflow command", () => {
  for (const color of [false, true]) {
    const text = scanner.format(report, "text", { baseDir: dir, color });
    assert.ok(noWorkflowCommand(text));
    assert.not.ok(/[\r\u009b\u202e\u2028]/.test(text));
    // eslint-disable-next-line no-control-regex -- ANSI escapes are what this strips
    assert.not.ok(text.replace(/\u001b\[[0-9;]*m(?=[^]*)/g, (m) => (/^\u001b\[(0|1|2|3[0-7])m$/.test(m) ? "" : m)).includes("\u001b[32m✔"));
    assert.ok(text.includes("\\u001b[32m✔"), "the name's ANSI sequence is shown escaped");
    assert.ok(text.includes("\\n::error title=pwned"));
  }
  assert.is(lineStart("::error::x"), "./::error::x");
  assert.is(lineStart("  ::x"), "./  ::x");
});

test("Markdown: CR, HTML, comments and pipes cannot break the table", () => {
  const md = render("markdown");
  assert.not.ok(md.includes("\r"));
  assert.not.ok(md.includes("<!--"));
  const rows = md.split("\n").filter((l) => l.includes("ACS-IAM-001"));
  assert.is(rows.length, 1);
  assert.is(rows[0]!.split(/(?<!\\)\|/).length, 7, "six cells, pipes inside escaped");
  assert.is(markdownCode("a`b"), "``a`b``");
});

test("JUnit: well-formed XML 1.0 whatever the input holds", () => {
  const xml = render("junit");
  assert.not.ok(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.test(xml));
  assert.is(xmlText("a\ufffe\ud800<b\n"), "a\ufffd\ufffd&lt;b&#10;");
});

/** Runs Microsoft's SARIF validator with its GitHub rules; returns the results at level error. */
function validatorErrors(sarif: string): unknown[] {
  const out = tempDir("acs-sarif-validate-");
  writeFileSync(join(out, "scan.sarif"), sarif);
  const multitool = createRequire(import.meta.url)("@microsoft/sarif-multitool") as string;
  execFileSync(multitool, ["validate", "--rule-kind", "Sarif;Gh", "--output", join(out, "validation.sarif"), join(out, "scan.sarif")], { stdio: "pipe" });
  const validation = JSON.parse(readFileSync(join(out, "validation.sarif"), "utf8"));
  return validation.runs[0].results.filter((r: { level?: string }) => (r.level ?? "warning") === "error");
}

test("SARIF: artifact URIs percent-encoded; Microsoft's validator passes", () => {
  const sarif = render("sarif");
  const uri = JSON.parse(sarif).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
  assert.is(uri, "a%23frag%3Fq%3D1%20%5Bx%5D%25.json");
  assert.is(uriPath("d:/x#y"), "d%3A/x%23y");
  assert.equal(validatorErrors(sarif), []);
});

test("SARIF: literal braces in message text are doubled (SARIF 2.1.0 §3.11.5), so no {0} is read as a placeholder", () => {
  const results = JSON.parse(render("sarif")).runs[0].results as Array<{ message: { text: string } }>;
  const text = results.map((r) => r.message.text).find((t) => t.includes("publicNetworkAccess"))!;
  assert.ok(text.includes('"{{0}}}}{{"'), text);
  for (const r of results) assert.not.match(r.message.text.replace(/\{\{|\}\}/g, ""), /[{}]/);
  assert.is(sarifText("a{b}}"), "a{{b}}}}");
});

test("SARIF: an internal error's stack is a notification's exception only when the scan keeps it (--debug), as in text and JSON", () => {
  const bug = new TypeError("x is {undefined}");
  for (const debug of [false, true]) {
    const result = errorResult("bug.json", bug, "judging the findings", debug);
    const sarif = scanner.format(scanner.report([result]), "sarif", {});
    const notification = JSON.parse(sarif).runs[0].invocations[0].toolExecutionNotifications[0];
    assert.match(notification.message.text, /^internal error while judging the findings: x is \{\{undefined\}\}\./);
    const json = JSON.parse(scanner.format(scanner.report([result]), "json", {}));
    assert.is(json.errors[0].stack !== undefined, debug);
    if (!debug) {
      assert.is(notification.exception, undefined);
      continue;
    }
    assert.is(notification.exception.kind, "TypeError");
    assert.is(notification.exception.message, "TypeError: x is {undefined}");
    assert.ok(notification.exception.stack.frames.length > 0);
    assert.match(notification.exception.stack.frames[0].location.message.text, /^at /);
    assert.equal(validatorErrors(sarif), []);
  }
});

test("GitHub: each annotation one line; data and properties escaped per the workflow-command rules", () => {
  const lines = render("github").trimEnd().split("\n");
  for (const l of lines.slice(0, -1)) assert.match(l, /^::(error|warning) [^\r]*$/);
  const error = lines.find((l) => l.includes("missing"))!;
  assert.ok(error.startsWith("::error file=missing%0A%3A%3Aerror%3A%3Ax.json,title=acs-baseline::"));
  // messages are for reading: ANSI, controls and reordering characters shown as escapes, never raw
  for (const format of ["github", "azure-pipelines"]) {
    const quoting = { ...report, findings: report.findings.map((f) => ({ ...f, message: HOSTILE_NAME })) };
    const out = scanner.format(quoting, format, { baseDir: dir });
    assert.ok(out.includes("acs\\n"), "the line break is shown as \\n");
    // eslint-disable-next-line no-control-regex -- raw controls are what must not appear
    assert.not.match(out.replace(/\n/g, ""), /[\u0000-\u001f\u007f-\u009f\u202e]/, format);
  }
});

test("text: a file named like a workflow command starts no line, findings and related places included", () => {
  const named = scanner.report([scanner.scanContent("::error title=pwned::x.json", readFileSync(file))]);
  assert.ok(named.findings.length > 0);
  assert.ok(noWorkflowCommand(scanner.format(named, "text", {})));
});

test.run();
