// What both entries export (src/index.ts for Node, src/browser/index.ts for runtimes without
// Node's built-ins): the report model, the options, the rule catalog's and the formats' types, and
// the pure values on them. One list, so the two entries cannot drift apart;
// test/browser/exports.test.ts checks that the browser entry has everything the Node entry has
// but what needs Node.
import { TOOL } from "./version.js";

export { baselineDocument } from "./config/index.js";
export type { ScanOptions, UnknownHandling, SuppressionRule, AppliedSuppression } from "./config/index.js";
export type {
  FileError,
  FileResult,
  Finding,
  FindingStatus,
  FindingSubject,
  Notice,
  Position,
  RelatedLocation,
  RuleSelection,
  RunConfiguration,
  ScanReport,
  ScanSummary,
  Severity,
  SourceRange,
  TraceStep,
  TraceTiming,
  Evidence,
  EvidenceValue,
  Excerpt,
  NotApplicable,
  Verdict,
  VerdictKind,
} from "./model/index.js";
export { SEVERITIES, isAtLeast } from "./model/index.js";
export type { RuleCatalog, RuleMeta, RuleReference } from "./catalog/index.js";
export type { DeploymentContext } from "./arm/index.js";
export { FORMAT_NAMES, type FormatContext, type FormatName, type Formatter } from "./formatters/index.js";

/** The tool's name and version. */
export const version: { name: string; version: string } = { name: TOOL.name, version: TOOL.version };
