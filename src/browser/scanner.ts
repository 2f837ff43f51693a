import type { RuleCatalog, RuleMeta } from "../catalog/index.js";
import { InputError } from "../model/index.js";
import type { FileResult, Finding, ScanReport } from "../model/index.js";
import { scanSources, templateObjectText, type Pipeline, type Source } from "../pipeline/index.js";
import { formatReport, type RenderOptions } from "./render.js";

/** What one scan may add to the scanner's options. */
export interface BrowserScanInput {
  /** Template parameter values, over the scanner's `templateParameters`; taken literally. */
  parameters?: Record<string, unknown>;
  /** Parameter files to scan the template with, each in turn: their contents, with the names to report them under. */
  parameterFiles?: Array<{ path: string; content: string | Uint8Array }>;
}

/**
 * The scanner where there are no files: it scans text, objects and sets of named sources, builds
 * reports and renders them, as the Node `Scanner` does for the same content. Created by
 * `createScannerAsync`.
 */
export class BrowserScanner {
  /** The rule catalog this scanner evaluates (ids, titles, severities, docs, parameter schemas). */
  readonly catalog: RuleCatalog;

  /** @internal */
  constructor(private readonly pipeline: Pipeline) {
    this.catalog = pipeline.catalog;
  }

  /**
   * Scans one file's content, once per parameter file given (the same finding from several
   * parameter sets is reported once, listing the sets). Never throws for bad input: the result says why.
   */
  scanContent(file: string, content: string | Uint8Array, input: BrowserScanInput = {}): FileResult {
    const sets = input.parameterFiles ?? [];
    const sources: Source[] = [{ name: file, content, parameterFiles: sets.map((s) => s.path) }, ...sets.map((s) => ({ name: s.path, content: s.content }))];
    return scanSources(this.pipeline, sources, input.parameters).files[0]!;
  }

  /** Scans a template given as text; `file` names it in findings (default `template.json`). */
  scanText(text: string, file = "template.json", input: BrowserScanInput = {}): FileResult {
    return this.scanContent(file, text, input);
  }

  /**
   * Scans a template given as a parsed object. Findings point into its JSON text as
   * `JSON.stringify(template, null, 2)` writes it.
   */
  scanTemplate(template: object, file = "template.json", input: BrowserScanInput = {}): FileResult {
    const text = templateObjectText(template, file);
    return text instanceof InputError ? this.pipeline.errorResult(file, text) : this.scanContent(file, text, input);
  }

  /**
   * Scans files held in memory, in order, as a directory scan would: templates linked by
   * `relativePath` are found among them by name, each template is scanned with the parameter
   * files it names, and parameter files and other JSON are skipped.
   */
  scanSources(sources: readonly Source[], input: Pick<BrowserScanInput, "parameters"> = {}): ScanReport {
    return scanSources(this.pipeline, sources, input.parameters);
  }

  /** Builds the run's report from per-file results; configured suppressions that matched nothing are reported. */
  report(results: readonly FileResult[]): ScanReport {
    return this.pipeline.report(results);
  }

  /** Renders a report in a format (json, sarif, text, junit, …), applying its run's threshold. */
  format(report: ScanReport, format: string, options: Omit<RenderOptions, "isFailing"> = {}): string {
    return formatReport(report, format, options);
  }

  /** True when a finding makes the run fail under the current options. */
  isFailing(f: Finding): boolean {
    return this.pipeline.isFailing(f);
  }

  /** The rules of the pack, with their metadata. */
  get rules(): readonly RuleMeta[] {
    return this.catalog.rules;
  }
}
