import { BASELINE_AREAS, areasOf, type BaselineArea, type RuleCatalog } from "../catalog/index.js";
import type { ScanReport, VerdictKind } from "../model/index.js";

/** Counts of one baseline area: verdicts when evidence was recorded, else findings (and no passes). */
export interface AreaCounts {
  area: BaselineArea;
  rules: number;
  pass?: number;
  fail: number;
  unknown: number;
  suppressed: number;
}

/**
 * Per baseline area (a rule counts in each area it enforces): how many rules, and the verdicts or,
 * without evidence, the findings by status.
 */
export function areaCounts(report: ScanReport, catalog: RuleCatalog): AreaCounts[] {
  const areasByRule = new Map(catalog.rules.map((r) => [r.id, areasOf(r)]));
  const counts = new Map<BaselineArea, AreaCounts>(
    BASELINE_AREAS.map((area) => [area, { area, rules: 0, fail: 0, unknown: 0, suppressed: 0, ...(report.evidence ? { pass: 0 } : {}) }]),
  );
  for (const r of catalog.rules) for (const a of areasByRule.get(r.id)!) counts.get(a)!.rules++;
  const add = (ruleId: string, kind: VerdictKind) => {
    for (const a of areasByRule.get(ruleId) ?? []) {
      const c = counts.get(a)!;
      if (kind === "pass") c.pass = (c.pass ?? 0) + 1;
      else c[kind]++;
    }
  };
  if (report.evidence) for (const v of report.evidence.verdicts) add(v.ruleId, v.verdict);
  else for (const f of report.findings) add(f.ruleId, f.suppression ? "suppressed" : f.status);
  return [...counts.values()];
}
