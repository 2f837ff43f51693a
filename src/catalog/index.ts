export { parseCatalog, rulesById } from "./parse.js";
export type { RuleCatalog, RuleMeta, RuleReference } from "./types.js";
