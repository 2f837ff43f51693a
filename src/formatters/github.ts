import { noLogCommands, plainText } from "./escape.js";
import { relativePath } from "./paths.js";
import type { Formatter } from "./types.js";

// Workflow commands escape %, CR and LF in data, and also : and , in property values; no other
// logging command may appear further on in the line (see noLogCommands).
const syntax = (s: string) => noLogCommands(s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
// A message is for reading: its line breaks, controls, ANSI and reordering characters are shown as
// escapes, as in text output, so none can paint or fake a line of the annotation.
const data = (s: string) => syntax(plainText(s));
// (a property keeps the value exactly: the file path must name the file)
const property = (s: string) => syntax(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/**
 * GitHub Actions workflow commands: an `::error` (failing), `::warning` (unknown, or below the
 * threshold) annotation per finding at its file and line; suppressed findings are left out; files
 * that could not be read are errors; then a summary line.
 */
export const formatGithub: Formatter = (report, ctx) => {
  const lines: string[] = [];
  for (const f of report.findings) {
    if (f.suppression) continue;
    const level = ctx.isFailing(f) ? "error" : "warning";
    const props = [
      `file=${property(relativePath(f.file, ctx))}`,
      `line=${f.range.start.line}`,
      `col=${f.range.start.column}`,
      `endLine=${f.range.end.line}`,
      `endColumn=${f.range.end.column}`,
      `title=${property(`${f.ruleId} ${f.title}${f.status === "unknown" ? " (unknown)" : ""}`)}`,
    ];
    lines.push(`::${level} ${props.join(",")}::${data(`${f.message}. Fix: ${f.remediation}`)}`);
  }
  for (const e of report.errors) {
    const at = e.line ? `,line=${e.line},col=${e.column ?? 1}` : "";
    lines.push(`::error file=${property(relativePath(e.file, ctx))}${at},title=acs-baseline::${data(e.message)}`);
  }
  const s = report.summary;
  lines.push(`acs-baseline: ${s.failing} failing, ${s.unknown} unknown, ${s.suppressed} suppressed, ${s.filesScanned} templates, ${s.filesWithErrors} errors`);
  return lines.join("\n") + "\n";
};
