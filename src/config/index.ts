export { resolveOptions, type ResolvedOptions, type ScanOptions, type UnknownHandling } from "./options.js";
export { Suppressions, type AppliedSuppression, type ExpiredSuppression, type SuppressionRule } from "./suppressions.js";
export { readInlineSuppressions, type InlineSuppression } from "./inline.js";
export { compileGlob, GlobError, MAX_GLOB_LENGTH, type Glob } from "./glob.js";
export { findConfig, loadConfig, CONFIG_NAMES, type LoadedConfig } from "./file.js";
export { readBaseline, baselineDocument, BASELINE_VERSION } from "./baseline.js";
