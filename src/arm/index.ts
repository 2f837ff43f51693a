export { expandTemplate, type ExpandOptions, type LinkedTemplate } from "./expand.js";
export { comesFromElsewhere, traceProvenance, type ProvenanceStep, type RawDocuments, type TraceStart } from "./provenance.js";
export { toPolicyInput, type PolicyInput } from "./policy-input.js";
export { checkPolicyInput } from "./input-budget.js";
export { DEFAULT_CONTEXT, type DeploymentContext } from "./context.js";
export { DEFAULT_LIMITS, type ExpansionLimits } from "./limits.js";
export { ExpansionFault, LimitFault } from "./errors.js";
export { Unknown, UNKNOWN_KEY, isUnknown, type UnknownReason, type UnknownTarget } from "./unknown.js";
export { isObject, type Value, type JsonObject } from "./json.js";
export { MAX_QUOTED_EXPRESSION, clipText } from "./preview.js";
export type {
  ExpandedOutput,
  ExpandedParameter,
  ExpandedResource,
  ExpandedTemplate,
  ExpandedVariable,
  ExpansionError,
  ExpansionNotice,
  ParameterOrigin,
  ResourceSource,
} from "./model.js";
