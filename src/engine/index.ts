export { PolicyEngine, type EngineMemoryOptions, type PolicyLoader } from "./policy-engine.js";
export type { FindingMessage, RawFinding } from "./raw-finding.js";
