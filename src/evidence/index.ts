export { collectEvidence, type EvidenceInput } from "./collect.js";
export { mergeVerdicts, runEvidence } from "./run.js";
