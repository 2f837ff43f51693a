export { loadCatalog, rulesById, DEFAULT_CATALOG_URL } from "./load.js";
export type { RuleCatalog, RuleMeta, RuleReference } from "./types.js";
export { BASELINE_AREAS, appliesTo, areasOf, type BaselineArea } from "./areas.js";
