export { SEVERITIES, isAtLeast } from "./finding.js";
export type { Finding, FindingStatus, FindingSubject, Position, RelatedLocation, Severity, SourceRange, TraceStep, TraceTiming } from "./finding.js";
export { InputError, toError } from "./errors.js";
export type { FileError, FileResult, Notice, RuleSelection, RunConfiguration, ScanReport, ScanSummary, UnknownHandling } from "./report.js";
export type { Evidence, EvidenceValue, Excerpt, NotApplicable, Verdict, VerdictKind } from "./evidence.js";
