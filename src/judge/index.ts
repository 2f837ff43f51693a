export { judge, unknownRuleReason, type JudgedResource, type Judgement } from "./judge.js";
export { buildReport, isFailing, runConfiguration } from "./report.js";
