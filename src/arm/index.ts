export { expandTemplate, type ExpandOptions } from "./expand.js";
export { toPolicyInput } from "./policy-input.js";
export { DEFAULT_CONTEXT, type DeploymentContext } from "./context.js";
export { Unknown, UNKNOWN_KEY, isUnknown, type UnknownReason, type UnknownTarget } from "./unknown.js";
export type { Value, JsonObject } from "./json.js";
export type {
  ExpandedOutput,
  ExpandedParameter,
  ExpandedResource,
  ExpandedTemplate,
  ExpansionNotice,
  ResourceSource,
} from "./model.js";
