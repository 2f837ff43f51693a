import type { RuleCatalog } from "../catalog/index.js";
import type { ResolvedOptions } from "../config/index.js";
import { SEVERITIES, isAtLeast } from "../model/index.js";
import type { FileResult, Finding, RunConfiguration, ScanReport, ScanSummary, Severity } from "../model/index.js";

/** True when a finding makes the run fail under `run`'s threshold and unknown handling. */
export function isFailing(f: Finding, run: Pick<RunConfiguration, "failOn" | "unknown">): boolean {
  if (f.suppression) return false;
  if (!isAtLeast(f.severity, run.failOn)) return false;
  return f.status === "fail" || run.unknown === "fail";
}

/** The run's configuration as a report carries it: each rule's selection and severity, the threshold. */
export function runConfiguration(catalog: RuleCatalog, options: ResolvedOptions): RunConfiguration {
  return {
    failOn: options.failOn,
    unknown: options.unknown,
    rules: catalog.rules.map((rule) => ({ id: rule.id, enabled: options.isEnabled(rule), severity: options.severityOf(rule) })),
  };
}

/** Builds the run's report from per-file results; configured suppressions that matched nothing are reported. */
export function buildReport(results: readonly FileResult[], options: ResolvedOptions, run: RunConfiguration): ScanReport {
  const findings = results.flatMap((r) => r.findings);
  const errors = results.flatMap((r) => (r.error ? [r.error] : (r.errors ?? [])));
  const used = new Set(results.flatMap((r) => r.matchedSuppressions ?? []));
  const unused = options.suppressions.rules.filter((_, i) => !used.has(i));
  const notices = results.flatMap((r) => r.notices);
  for (const s of unused) {
    notices.push({
      kind: "suppression-unused",
      file: "",
      message: `the suppression of ${s.rule}${s.resource ? ` for ${s.resource}` : ""}${s.file ? ` in ${s.file}` : ""} matched no finding ("${s.justification}")`,
    });
  }
  return {
    files: [...results],
    findings,
    errors,
    notices,
    skipped: results.filter((r) => r.kind === "parameters" || r.kind === "unknown").map((r) => r.file),
    summary: { ...summarize(results, findings, run), unusedSuppressions: unused.length },
    run,
  };
}

function summarize(results: readonly FileResult[], findings: readonly Finding[], run: RunConfiguration): ScanSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const active = findings.filter((f) => !f.suppression);
  for (const f of active) if (f.status === "fail") bySeverity[f.severity]++;
  return {
    filesScanned: results.filter((r) => r.kind === "template").length,
    filesSkipped: results.filter((r) => r.kind === "parameters" || r.kind === "unknown").length,
    filesWithErrors: results.filter((r) => r.kind === "error" || (r.errors?.length ?? 0) > 0).length,
    fail: active.filter((f) => f.status === "fail").length,
    unknown: active.filter((f) => f.status === "unknown").length,
    suppressed: findings.length - active.length,
    expiredSuppressions: results.flatMap((r) => r.notices).filter((n) => n.kind === "suppression-expired").length,
    unusedSuppressions: 0,
    bySeverity,
    failing: findings.filter((f) => isFailing(f, run)).length,
    failOn: run.failOn,
  };
}
