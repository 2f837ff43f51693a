import type { ScanReport, Severity } from "../model/index.js";
import { SEVERITIES } from "../model/index.js";
import { markdownCode, markdownText } from "./escape.js";
import { relativePath } from "./paths.js";
import { areaCounts } from "./areas.js";
import { traceSummary } from "./trace.js";
import type { FormatContext, Formatter } from "./types.js";

const ICON: Record<Severity, string> = { critical: "🟣", high: "🔴", medium: "🟠", low: "🔵", info: "⚪" };

/** A summary for a pull-request comment or a job summary: counts by severity, then a table of findings. */
export const formatMarkdown: Formatter = (report, ctx) => {
  const s = report.summary;
  const verdict = s.filesWithErrors > 0 ? "❌ errors" : s.failing > 0 ? `❌ ${s.failing} failing at or above ${s.failOn}` : "✅ passed";
  const lines = [
    `## ACS security baseline: ${verdict}`,
    "",
    `${s.filesScanned} template${s.filesScanned === 1 ? "" : "s"} scanned, ${s.filesSkipped} skipped, ${s.filesWithErrors} with errors.`,
    "",
    "| Severity | Failing |",
    "|---|---|",
    ...SEVERITIES.filter((sev) => s.bySeverity[sev] > 0).map((sev) => `| ${ICON[sev]} ${sev} | ${s.bySeverity[sev]} |`),
    `| unknown | ${s.unknown} |`,
    `| suppressed | ${s.suppressed} |`,
    "",
    ...areaTable(report, ctx),
  ];
  const shown = report.findings.filter((f) => !f.suppression);
  if (shown.length > 0) {
    lines.push("| | Rule | Where | Resource | Finding |", "|---|---|---|---|---|");
    for (const f of shown) {
      const where = markdownCode(`${relativePath(f.file, ctx)}:${f.range.start.line}`);
      const mark = f.status === "unknown" ? "❔" : ICON[f.severity];
      const why = traceSummary(f, ctx);
      lines.push(
        `| ${mark} | ${f.ruleId} | ${where} | ${markdownText(f.subject.name)} | ${markdownText(f.message)}${why ? `<br>↳ ${markdownText(why)}` : ""} |`,
      );
    }
    lines.push("");
  }
  for (const e of report.errors) lines.push(`- ❌ ${markdownCode(relativePath(e.file, ctx))}: ${markdownText(e.message)}`);
  return lines.join("\n") + "\n";
};

/** Per baseline area: rules, and passes (with evidence), failures, unknowns and suppressions. */
function areaTable(report: ScanReport, ctx: FormatContext): string[] {
  const rows = areaCounts(report, ctx.catalog);
  const withPass = report.evidence !== undefined;
  return [
    `| Area | Rules |${withPass ? " Pass |" : ""} Fail | Unknown | Suppressed |`,
    `|---|---|${withPass ? "---|" : ""}---|---|---|`,
    ...rows.map((r) => `| ${r.area} | ${r.rules} |${withPass ? ` ${r.pass} |` : ""} ${r.fail} | ${r.unknown} | ${r.suppressed} |`),
    "",
  ];
}
