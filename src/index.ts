/**
 * acs-baseline: security checks for Azure Communication Services ARM templates (and the JSON
 * Bicep compiles to), as a library.
 *
 * ```ts
 * import { createScanner } from "acs-baseline";
 * const scanner = createScanner({ failOn: "medium" });   // compiles the rule pack once
 * const result = scanner.scanText(templateJson, "main.json");
 * for (const f of result.findings) console.log(f.ruleId, f.message, f.range.start.line);
 * console.log(scanner.format(scanner.report([result]), "sarif"));
 * ```
 *
 * Everything exported here is the supported API; see docs/library.md for the stability promise.
 * @packageDocumentation
 */
import { readFile } from "node:fs/promises";
import { DEFAULT_POLICY_URL, PolicyEngine } from "./engine/index.js";
import { FORMATTERS, type FormatName } from "./formatters/index.js";
import type { ScanOptions } from "./config/index.js";
import type { Finding, ScanReport } from "./model/index.js";
import { loadCatalog, type RuleCatalog } from "./catalog/index.js";
import { Scanner } from "./scan/index.js";
import { TOOL } from "./version.js";

export { Scanner, type ScanInput, type FileSelection } from "./scan/index.js";
export { findConfig, loadConfig, readBaseline, baselineDocument, type LoadedConfig } from "./config/index.js";
export type { ScanOptions, UnknownHandling, SuppressionRule, AppliedSuppression } from "./config/index.js";
export type { PolicyEngine } from "./engine/index.js";
export type {
  FileError,
  FileResult,
  Finding,
  FindingStatus,
  FindingSubject,
  Notice,
  Position,
  RelatedLocation,
  ScanReport,
  ScanSummary,
  Severity,
  SourceRange,
  TraceStep,
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
export type { BicepCompile, BicepCompileResult, BicepOptions } from "./bicep/index.js";
export { FORMAT_NAMES, type FormatContext, type FormatName, type Formatter } from "./formatters/index.js";

/** The tool's name and version. */
export const version: { name: string; version: string } = { name: TOOL.name, version: TOOL.version };

/**
 * Creates a scanner: reads the rule catalog and compiles the rule pack once; reuse it for every
 * scan. Throws for invalid options (an unknown rule id, parameters that break a rule's schema,
 * a suppression without justification), never for a bad template.
 */
export function createScanner(options: ScanOptions = {}): Scanner {
  return new Scanner(options);
}

/** Like `createScanner`, but reads and compiles the rule pack without blocking the event loop. */
export async function createScannerAsync(options: ScanOptions = {}): Promise<Scanner> {
  const module = await WebAssembly.compile(await readFile(DEFAULT_POLICY_URL));
  return new Scanner(options, PolicyEngine.load(module));
}

/** The rule catalog: every rule's id, title, severity, default, docs and parameter schema. */
export function ruleCatalog(): RuleCatalog {
  return loadCatalog();
}

/**
 * Renders a report in one of the formats. `isFailing` tells which findings fail the run (a
 * scanner's own `isFailing` applies its threshold); `color` is for `text` only.
 */
export function formatReport(
  report: ScanReport,
  format: FormatName,
  context: { isFailing: (finding: Finding) => boolean; color?: boolean; catalog?: RuleCatalog; baseDir?: string; time?: { start: Date; end: Date } },
): string {
  const formatter = FORMATTERS[format];
  if (!formatter) throw new Error(`unknown format '${format}' (one of ${Object.keys(FORMATTERS).join(", ")})`);
  return formatter(report, {
    catalog: context.catalog ?? loadCatalog(),
    tool: version,
    isFailing: context.isFailing,
    color: context.color ?? false,
    time: context.time ?? { start: new Date(), end: new Date() },
    ...(context.baseDir ? { baseDir: context.baseDir } : {}),
  });
}
