export { PolicyEngine, type EngineMemoryOptions, type PolicyLoader } from "./policy-engine.js";
export type { RawFinding } from "./raw-finding.js";
