import type { RuleMeta } from "./types.js";

/** The areas of the ACS security baseline a compliance summary is grouped by. */
export const BASELINE_AREAS = ["network", "identity", "encryption", "access tokens", "data residency", "logging"] as const;
export type BaselineArea = (typeof BASELINE_AREAS)[number];

// Which area each section of the baseline (as rule METADATA quotes it) belongs to; first match wins.
const SECTION_AREAS: ReadonlyArray<[RegExp, BaselineArea]> = [
  [/network security|encryption in transit|tls/i, "network"],
  [/token|hmac/i, "access tokens"],
  [/residency|compliance|gdpr/i, "data residency"],
  [/diagnostic|log/i, "logging"],
  [/data security|encryption at rest|customer managed key/i, "encryption"],
  [/identity|managed identit|least privilege/i, "identity"],
];

/** The baseline areas a rule enforces, from the baseline sections its METADATA names, in area order. */
export function areasOf(rule: RuleMeta): BaselineArea[] {
  const found = new Set<BaselineArea>();
  for (const section of rule.baseline) {
    const hit = SECTION_AREAS.find(([pattern]) => pattern.test(section));
    if (hit) found.add(hit[1]);
  }
  return BASELINE_AREAS.filter((a) => found.has(a));
}

/** True when a rule looks at resources of a type (its METADATA's resource types; `Namespace/*` covers the namespace). */
export function appliesTo(rule: RuleMeta, typeLower: string): boolean {
  return rule.resourceTypes.some((t) => {
    const lower = t.toLowerCase();
    return lower.endsWith("/*") ? typeLower.startsWith(lower.slice(0, -1)) : lower === typeLower;
  });
}
