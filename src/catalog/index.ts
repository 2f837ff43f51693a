export { parseCatalog, rulesById } from "./parse.js";
export type { RuleCatalog, RuleMeta, RuleReference } from "./types.js";
export { BASELINE_AREAS, appliesTo, areasOf, type BaselineArea } from "./areas.js";
