export { resolveOptions, type ResolvedOptions, type ScanOptions, type SchemaCompiler } from "./options.js";
export { AJV_OPTIONS, ajvSchemaCompiler } from "./ajv-schemas.js";
export type { UnknownHandling } from "../model/index.js";
export { Suppressions, matchingInline, type AppliedSuppression, type ExpiredSuppression, type SuppressionRule } from "./suppressions.js";
export { isCalendarDate } from "./date.js";
export { readInlineSuppressions, type InlineSuppression } from "./inline.js";
export { compileGlob, GlobError, MAX_GLOB_LENGTH, type Glob } from "./glob.js";
export { baselineFingerprints, baselineDocument, BASELINE_VERSION } from "./baseline.js";
