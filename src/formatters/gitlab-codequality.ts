import { sha256, toHex } from "../portable/index.js";
import type { Severity } from "../model/index.js";
import { noLogCommands } from "./escape.js";
import { relativePath } from "./paths.js";
import type { Formatter } from "./types.js";

/** Code Quality knows info, minor, major, critical and blocker. */
const SEVERITY: Record<Severity, string> = { critical: "blocker", high: "critical", medium: "major", low: "minor", info: "info" };

/**
 * GitLab's Code Quality report (`artifacts: reports: codequality`), the Code Climate subset GitLab
 * reads: one issue per finding that is not suppressed (unknown ones marked in the description)
 * and one per file that could not be read, each with the finding's stable fingerprint, a path
 * relative to the project directory and the line it starts on.
 */
export const formatGitlabCodeQuality: Formatter = (report, ctx) => {
  const issues = report.findings
    .filter((f) => !f.suppression)
    .map((f) => ({
      description: `${f.status === "unknown" ? "[unknown] " : ""}${f.ruleId} ${f.message}`,
      check_name: f.ruleId,
      fingerprint: f.fingerprint,
      severity: f.status === "unknown" && !ctx.isFailing(f) ? "info" : SEVERITY[f.severity],
      location: { path: relativePath(f.file, ctx), lines: { begin: Math.max(1, f.range.start.line) } },
    }));
  for (const e of report.errors) {
    const path = relativePath(e.file, ctx);
    issues.push({
      description: `acs-baseline could not scan this file: ${e.message}`,
      check_name: "acs-baseline/unreadable",
      fingerprint: toHex(sha256(`unreadable\u0000${path}`)).slice(0, 32),
      severity: "blocker",
      location: { path, lines: { begin: Math.max(1, e.line ?? 1) } },
    });
  }
  return noLogCommands(JSON.stringify(issues, null, 2)) + "\n";
};
