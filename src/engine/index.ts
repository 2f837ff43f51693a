export { PolicyEngine, DEFAULT_POLICY_URL, type EngineMemoryOptions } from "./policy-engine.js";
export type { FindingMessage, RawFinding } from "./raw-finding.js";
