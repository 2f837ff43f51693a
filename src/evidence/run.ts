import type { RuleMeta } from "../catalog/index.js";
import type { Evidence, FileResult, Verdict, VerdictKind } from "../model/index.js";

/** The run's evidence: every file's verdicts, and the rules that applied to nothing anywhere. */
export function runEvidence(results: readonly FileResult[], rules: readonly RuleMeta[]): Evidence {
  const verdicts = results.flatMap((r) => r.evidence ?? []);
  const applied = new Set(verdicts.map((v) => v.ruleId));
  return {
    verdicts,
    notApplicable: rules.filter((r) => !applied.has(r.id)).map((r) => ({ ruleId: r.id, resourceTypes: [...r.resourceTypes] })),
  };
}

const WORST: readonly VerdictKind[] = ["fail", "unknown", "suppressed", "pass"];

/**
 * One template's verdicts from its runs with several parameter sets: per rule and subject, the
 * worst verdict of any set (a rule that fails with one set fails), with the findings of every set.
 */
export function mergeVerdicts(runs: ReadonlyArray<readonly Verdict[]>): Verdict[] {
  const merged = new Map<string, Verdict>();
  for (const run of runs) {
    for (const v of run) {
      const key = `${v.ruleId}|${subjectKey(v)}`;
      const seen = merged.get(key);
      if (!seen) merged.set(key, { ...v, findings: [...v.findings] });
      else {
        const findings = [...new Set([...seen.findings, ...v.findings])];
        merged.set(key, WORST.indexOf(v.verdict) < WORST.indexOf(seen.verdict) ? { ...v, findings } : { ...seen, findings });
      }
    }
  }
  return [...merged.values()];
}

/** What a verdict is about: the template it comes from and the subject in it. */
export function subjectKey(v: Verdict): string {
  return `${v.template}|${v.subject.kind}|${"id" in v.subject && v.subject.id ? v.subject.id : v.subject.name}`;
}
