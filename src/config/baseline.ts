import { InputError, type ScanReport } from "../model/index.js";

/** Version of the baseline file's shape. */
export const BASELINE_VERSION = 1;

/** The fingerprints a parsed baseline document (written by `--write-baseline`) accepts; `path` names it in errors. */
export function baselineFingerprints(doc: unknown, path: string): string[] {
  const { schemaVersion, findings } = (typeof doc === "object" && doc !== null ? doc : {}) as { schemaVersion?: unknown; findings?: unknown };
  if (schemaVersion !== BASELINE_VERSION || !Array.isArray(findings)) {
    throw new InputError(path, `not an acs-baseline baseline (schemaVersion ${BASELINE_VERSION} with findings)`);
  }
  return findings.map((f: { fingerprint?: unknown } | null) => f?.fingerprint).filter((x): x is string => typeof x === "string");
}

/**
 * A baseline recording every finding of a report that is not suppressed inline or by
 * configuration (those accepted by an earlier baseline are recorded again), sorted for stable diffs.
 */
export function baselineDocument(report: ScanReport, tool: { name: string; version: string }): string {
  const findings = report.findings
    .filter((f) => !f.suppression || f.suppression.kind === "baseline")
    .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file.replace(/\\/g, "/"), resource: f.subject.name, message: f.message }))
    .sort((a, b) => (a.file + a.ruleId + a.fingerprint < b.file + b.ruleId + b.fingerprint ? -1 : 1));
  return JSON.stringify({ schemaVersion: BASELINE_VERSION, tool, findings }, null, 2) + "\n";
}
