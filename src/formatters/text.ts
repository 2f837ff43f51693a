import type { FileResult, Finding, ScanReport, Severity } from "../model/index.js";
import { lineStart, plainText } from "./escape.js";
import { otherSteps, traceLine } from "./trace.js";
import type { FormatContext, Formatter } from "./types.js";

const SEVERITY_COLOR: Record<Severity, string> = {
  critical: "35",
  high: "31",
  medium: "33",
  low: "36",
  info: "37",
};

function paint(ctx: FormatContext, code: string, s: string): string {
  return ctx.color ? `\u001b[${code}m${s}\u001b[0m` : s;
}

function findingLine(f: Finding, ctx: FormatContext): string {
  const where = `${lineStart(f.file)}:${f.range.start.line}:${f.range.start.column}`;
  const sev = paint(ctx, SEVERITY_COLOR[f.severity], f.severity.padEnd(8));
  const status = f.status === "unknown" ? paint(ctx, "2", "unknown ") : "fail    ";
  const subject = `${plainText(f.subject.type ?? f.subject.kind)} '${plainText(f.subject.name)}'`;
  const accepted = f.suppression ? paint(ctx, "2", ` [suppressed (${f.suppression.kind}): ${plainText(f.suppression.justification)}]`) : "";
  const steps = otherSteps(f);
  const related =
    steps.length > 0
      ? steps
          .map(
            ({ step: s, before }) =>
              `\n      ${"  ".repeat(Math.max(0, s.depth - 1))}${paint(ctx, "2", `${before ? "→" : "←"} ${plainText(traceLine(s, {}))}`)}`,
          )
          .join("")
      : (f.related ?? []).map((r) => `\n      ${paint(ctx, "2", lineStart(`${r.file}:${r.range.start.line}:${r.range.start.column}: ${r.message}`))}`).join("");
  return `  ${where}  ${sev} ${status} ${f.ruleId}  ${plainText(f.message)}${accepted}\n      ${paint(ctx, "2", `${subject}  ${f.helpUri}`)}${related}`;
}

function fileBlock(r: FileResult, ctx: FormatContext): string[] {
  if (r.error) {
    const where = r.error.line ? `${plainText(r.file)}:${r.error.line}:${r.error.column}` : plainText(r.file);
    return [paint(ctx, "1", lineStart(r.file)), `  ${paint(ctx, "31", "error")}  ${where}: ${plainText(r.error.message)}`, ""];
  }
  const findings = ctx.quiet ? r.findings.filter((f) => ctx.isFailing(f)) : r.findings;
  const notices = ctx.quiet ? [] : r.notices;
  const errors = r.errors ?? [];
  if (findings.length === 0 && notices.length === 0 && errors.length === 0) return [];
  return [
    paint(ctx, "1", lineStart(r.file)),
    ...errors.map((e) => `  ${paint(ctx, "31", "error")}  ${plainText(e.line ? `${e.file}:${e.line}:${e.column}` : e.file)}: ${plainText(e.message)}`),
    ...findings.map((f) => findingLine(f, ctx)),
    ...notices.map((n) => plainText(`  notice  ${n.file}${n.pointer ? ` (${n.pointer})` : ""}: ${n.message}`)),
    "",
  ];
}

function summaryLine(report: ScanReport, ctx: FormatContext): string {
  const s = report.summary;
  const severities = (Object.entries(s.bySeverity) as Array<[Severity, number]>).filter(([, n]) => n > 0).map(([sev, n]) => `${n} ${sev}`);
  const parts = [
    `${s.fail} failing${severities.length ? ` (${severities.join(", ")})` : ""}`,
    `${s.unknown} unknown`,
    `${s.suppressed} suppressed`,
    `${s.filesScanned} template${s.filesScanned === 1 ? "" : "s"} scanned`,
    `${s.filesSkipped} skipped`,
    `${s.filesWithErrors} error${s.filesWithErrors === 1 ? "" : "s"}`,
  ];
  const files = [...new Set(report.errors.map((e) => e.file))];
  const unreadable =
    files
      .slice(0, 3)
      .map((f) => plainText(f))
      .join(", ") + (files.length > 3 ? ", ..." : "");
  const verdict =
    s.filesWithErrors > 0
      ? paint(ctx, "31", `✖ errors in ${unreadable}`)
      : s.failing > 0
        ? paint(ctx, "31", `✖ ${s.failing} finding${s.failing === 1 ? "" : "s"} at or above ${s.failOn}`)
        : paint(ctx, "32", "✔ passed");
  return `${verdict}: ${parts.join(", ")}`;
}

/** Findings grouped by file as `file:line:col  severity  status  RULE  message`, then run notices and a summary line. */
export const formatText: Formatter = (report, ctx) => {
  const runNotices = ctx.quiet ? [] : report.notices.filter((n) => n.file === "").map((n) => `notice  ${plainText(n.message)}`);
  const quietAndClean = ctx.quiet && report.summary.failing === 0 && report.summary.filesWithErrors === 0;
  const lines = [...report.files.flatMap((r) => fileBlock(r, ctx)), ...runNotices, ...(quietAndClean ? [] : [summaryLine(report, ctx)])];
  return lines.length ? lines.join("\n") + "\n" : "";
};
