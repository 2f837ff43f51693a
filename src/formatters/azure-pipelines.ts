import { plainText } from "./escape.js";
import { relativePath } from "./paths.js";
import type { Formatter } from "./types.js";

// Logging-command escaping as the agent decodes it: `%` becomes `%AZP25` (first, so the escapes
// below survive), CR and LF become `%0D` and `%0A` everywhere, and in property values also `;`
// (the property separator) and `]` (the end of the properties) become `%3B` and `%5D`.
const syntax = (s: string) => s.replace(/%/g, "%AZP25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
// The agent prints a message to the log decoded, where a line break would start a line of its own
// (`##[section]`, a fake result) and ANSI sequences paint: so messages are shown escaped, as text
// output shows them; a property keeps its value exactly (the source path must name the file).
const data = (s: string) => syntax(plainText(s));
const property = (s: string) => syntax(s).replace(/;/g, "%3B").replace(/]/g, "%5D");

function logIssue(type: "error" | "warning", props: Record<string, string | number>, message: string): string {
  const list = Object.entries(props).map(([k, v]) => `${k}=${property(String(v))}`);
  return `##vso[task.logissue type=${type};${list.join(";")}]${data(message)}`;
}

/**
 * Azure Pipelines logging commands: a `task.logissue` per finding that is not suppressed (an error
 * when it fails the run, else a warning) and per file that could not be read, at its file, line
 * and column with the rule id as code; then `task.complete` with the run's result (Failed,
 * SucceededWithIssues when only warnings, Succeeded) and a summary.
 */
export const formatAzurePipelines: Formatter = (report, ctx) => {
  const lines: string[] = [];
  let warnings = 0;
  for (const f of report.findings) {
    if (f.suppression) continue;
    const failing = ctx.isFailing(f);
    if (!failing) warnings++;
    const props = {
      sourcepath: relativePath(f.file, ctx),
      linenumber: f.range.start.line,
      columnnumber: f.range.start.column,
      code: f.ruleId,
    };
    lines.push(
      logIssue(
        failing ? "error" : "warning",
        props,
        `${f.ruleId} ${f.title}${f.status === "unknown" ? " (unknown)" : ""}: ${f.message}. Fix: ${f.remediation}`,
      ),
    );
  }
  for (const e of report.errors) {
    const at: Record<string, number> = e.line ? { linenumber: e.line, columnnumber: e.column ?? 1 } : {};
    lines.push(logIssue("error", { sourcepath: relativePath(e.file, ctx), ...at, code: "acs-baseline" }, e.message));
  }
  const s = report.summary;
  const result = s.failing > 0 || s.filesWithErrors > 0 ? "Failed" : warnings > 0 ? "SucceededWithIssues" : "Succeeded";
  const summary = `acs-baseline: ${s.failing} failing, ${s.unknown} unknown, ${s.suppressed} suppressed, ${s.filesScanned} templates, ${s.filesWithErrors} errors`;
  lines.push(`##vso[task.complete result=${result};]${data(summary)}`);
  return lines.join("\n") + "\n";
};
