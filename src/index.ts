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
import type { FormatName } from "./formatters/index.js";
import type { ScanOptions } from "./config/index.js";
import type { Finding, ScanReport } from "./model/index.js";
import type { RuleCatalog } from "./catalog/index.js";
import { DEFAULT_POLICY_URL, loadCatalog, loadEngine, renderOnNode } from "./node/index.js";
import { Scanner } from "./scan/index.js";

export { Scanner, type ScanInput, type FileSelection } from "./scan/index.js";
export { findConfig, loadConfig, readBaseline, type LoadedConfig } from "./node/index.js";
export type { PolicyEngine } from "./engine/index.js";
export type { BicepCompile, BicepCompileResult, BicepOptions } from "./bicep/index.js";
export * from "./public-api.js";

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
  return new Scanner(options, loadEngine(module));
}

/** The rule catalog: every rule's id, title, severity, default, docs and parameter schema. */
export function ruleCatalog(): RuleCatalog {
  return loadCatalog();
}

/**
 * Renders a report in one of the formats, as `Scanner.format` does. `isFailing` tells which
 * findings fail the run (default: the threshold the report's run was configured with); `color` is
 * for `text` only.
 */
export function formatReport(
  report: ScanReport,
  format: FormatName,
  context: { isFailing?: (finding: Finding) => boolean; color?: boolean; catalog?: RuleCatalog; baseDir?: string; time?: { start: Date; end: Date } } = {},
): string {
  return renderOnNode(report, format, context);
}
