export { readSource, SourceFile, MAX_SOURCE_BYTES } from "./read-source.js";
export { detectKind, deploymentScope, type SourceKind, type DeploymentScope } from "./detect-kind.js";
export { formatPointer, parsePointer, type PointerLocation } from "./positions.js";
export { parseJsonc } from "./parse-jsonc.js";
export { ScanError } from "./json-structure.js";
export { collidingKeys, quoteKey } from "./case-collisions.js";
