export { collectEvidence, type EvidenceInput } from "./collect.js";
export { mergeVerdicts, runEvidence, subjectKey } from "./run.js";
