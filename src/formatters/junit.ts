import type { Finding } from "../model/index.js";
import { xmlText as xml } from "./escape.js";
import { relativePath } from "./paths.js";
import type { Formatter } from "./types.js";

/**
 * JUnit XML, as Azure DevOps and GitLab read it: a test suite per file; a test case per rule and
 * resource, failing for a failing finding (an unknown or suppressed one is a skipped case with the
 * reason); a passing case per rule the run enabled that found nothing in the file (none for a
 * disabled rule); an errored case per file that could not be read.
 */
export const formatJunit: Formatter = (report, ctx) => {
  const enabledRules = report.run.rules.filter((r) => r.enabled).map((r) => r.id);
  const suites = report.files
    .filter((r) => r.kind === "template" || r.kind === "error")
    .map((r) => {
      const file = relativePath(r.file, ctx);
      const cases: string[] = [];
      if (r.error) {
        cases.push(`    <testcase classname="${xml(file)}" name="read and expand"><error message="${xml(r.error.message)}"/></testcase>`);
      }
      for (const e of r.errors ?? []) {
        cases.push(`    <testcase classname="${xml(file)}" name="expand line ${e.line ?? 0}"><error message="${xml(e.message)}"/></testcase>`);
      }
      // a finding may be in another file than the one scanned (a Bicep module, a linked template)
      for (const f of r.findings) cases.push(testcase(f, relativePath(f.file, ctx), ctx.isFailing(f)));
      const judged = new Set(r.findings.map((f) => f.ruleId));
      for (const id of enabledRules) {
        if (r.error || judged.has(id)) continue;
        cases.push(`    <testcase classname="${xml(id)}" name="${xml(`${id} ${file}`)}" file="${xml(file)}"/>`);
      }
      const failures = r.findings.filter((f) => ctx.isFailing(f)).length;
      const skipped = r.findings.filter((f) => !ctx.isFailing(f)).length;
      return `  <testsuite name="${xml(file)}" tests="${cases.length}" failures="${failures}" errors="${r.error ? 1 : (r.errors?.length ?? 0)}" skipped="${skipped}">\n${cases.join("\n")}\n  </testsuite>`;
    });
  const s = report.summary;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(ctx.tool.name)}" failures="${s.failing}" errors="${s.filesWithErrors}">\n${suites.join("\n")}\n</testsuites>\n`;
};

function testcase(f: Finding, file: string, failing: boolean): string {
  const name = xml(`${f.ruleId} ${f.subject.kind === "resource" ? f.subject.type : f.subject.kind} ${f.subject.name}`);
  const where = `${file}:${f.range.start.line}:${f.range.start.column}`;
  const head = `    <testcase classname="${xml(f.ruleId)}" name="${name}" file="${xml(file)}" line="${f.range.start.line}">`;
  if (failing) {
    return `${head}<failure message="${xml(f.message)}" type="${f.severity}">${xml(`${where} ${f.title}\n${f.message}\nFix: ${f.remediation}`)}</failure></testcase>`;
  }
  const why = f.suppression
    ? `suppressed (${f.suppression.kind}): ${f.suppression.justification}`
    : f.status === "unknown"
      ? `unknown: ${f.message}`
      : `below the threshold: ${f.message}`;
  return `${head}<skipped message="${xml(why)}"/></testcase>`;
}
