import { readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { ExpansionFault, expandTemplate, toPolicyInput, type JsonObject } from "../arm/index.js";
import { loadCatalog, rulesById, type RuleCatalog, type RuleMeta } from "../catalog/index.js";
import { resolveOptions, type ResolvedOptions, type ScanOptions } from "../config/index.js";
import { PolicyEngine } from "../engine/index.js";
import { locateFindings } from "../locate/index.js";
import { InputError, SEVERITIES, isAtLeast, toError } from "../model/index.js";
import type { FileError, FileResult, Finding, ScanReport, ScanSummary, Severity } from "../model/index.js";
import { readSource, type SourceFile } from "../reader/index.js";
import { collectFiles } from "./collect.js";
import { linkedTemplatePath, pairedParameterFile } from "./companions.js";

/** Where a file being scanned sits: the scanned tree bounds which linked templates may be read. */
export interface ScanContext {
  /** Directories (or files) the user named; linked templates are read only from inside them. */
  roots?: readonly string[];
}

/**
 * Composes the stages: read → recognise → expand → evaluate → locate → apply options. The only
 * module that knows their order. Created once: it compiles the policy once and reuses it.
 */
export class Scanner {
  readonly catalog: RuleCatalog;
  private readonly rules: Map<string, RuleMeta>;
  private readonly engine: PolicyEngine;
  private readonly options: ResolvedOptions;

  constructor(options: ScanOptions = {}) {
    this.catalog = loadCatalog();
    this.rules = rulesById(this.catalog);
    this.options = resolveOptions(options, this.rules);
    this.engine = PolicyEngine.load();
    this.engine.setData(this.options.policyData);
  }

  /** Scans one file's content. Never throws for bad input: the result carries the error. */
  scanContent(file: string, content: Uint8Array | string, context: ScanContext = {}): FileResult {
    let source: SourceFile;
    try {
      source = readSource(file, content);
    } catch (e) {
      return errorResult(file, e);
    }
    if (source.kind !== "template") return { file, kind: source.kind, findings: [], notices: [] };
    const sources = new Map<string, SourceFile>([[file, source]]);
    try {
      const parameterFile = this.parameterFileFor(file);
      if (parameterFile) sources.set(parameterFile.path, parameterFile);
      const roots = context.roots ?? [dirname(file)];
      const expanded = expandTemplate(file, source.value as JsonObject, {
        context: this.options.context,
        parameters: this.options.templateParameters,
        ...(parameterFile ? { parameterFile: { file: parameterFile.path, value: parameterFile.value } } : {}),
        loadLinkedTemplate: (from, relativePath) => {
          const path = linkedTemplatePath(from, relativePath, roots);
          if (!path) return undefined;
          const linked = sources.get(path) ?? readSource(path, readFileSync(path));
          sources.set(path, linked);
          return linked.kind === "template" ? { file: path, value: linked.value } : undefined;
        },
      });
      const raw = this.engine.evaluate(toPolicyInput(expanded));
      const located = locateFindings(raw, expanded, sources, this.rules);
      return {
        file,
        kind: "template",
        findings: sortFindings(this.applyOptions(located)),
        notices: expanded.notices.map((n) => ({ file: n.file, message: n.message, pointer: n.pointer })),
      };
    } catch (e) {
      if (e instanceof ExpansionFault) {
        const at = e.pointer === undefined ? undefined : source.locate([e.pointer]).get(e.pointer);
        const position = at ? source.lineIndex.position(at.keyStart) : undefined;
        return errorResult(file, new InputError(file, `template cannot be expanded: ${e.message}`, position));
      }
      return errorResult(file, e);
    }
  }

  /** The explicit parameter file, else the one paired by name; throws `InputError` if it cannot be read. */
  private parameterFileFor(template: string): SourceFile | undefined {
    const path = this.options.parameterFile ?? pairedParameterFile(template);
    if (!path) return undefined;
    let content: Uint8Array;
    try {
      content = readFileSync(path);
    } catch (e) {
      throw new InputError(path, `cannot read parameter file: ${(e as NodeJS.ErrnoException).code ?? toError(e).message}`);
    }
    const source = readSource(path, content);
    if (source.kind !== "parameters") throw new InputError(path, "is not a parameter file (deploymentParameters)");
    return source;
  }

  /** Reads and scans one file. */
  scanFile(file: string, context: ScanContext = {}): FileResult {
    let content: Uint8Array;
    try {
      content = readFileSync(file);
    } catch (e) {
      return errorResult(file, new InputError(file, `cannot read file: ${(e as NodeJS.ErrnoException).code ?? toError(e).message}`));
    }
    return this.scanContent(file, content, context);
  }

  /** Scans files and directories (recursively); one bad file never stops the others. */
  scanPaths(paths: readonly string[]): ScanReport {
    const { files, errors } = collectFiles(paths);
    const roots = paths.map((p) => (statSync(p, { throwIfNoEntry: false })?.isDirectory() ? p : dirname(p)));
    const results = files.map((f) => this.scanFile(f, { roots }));
    for (const e of errors) results.push({ file: e.path, kind: "error", findings: [], notices: [], error: { file: e.path, message: e.message } });
    return this.report(results);
  }

  /** Builds the run's report from per-file results. */
  report(results: readonly FileResult[]): ScanReport {
    const findings = results.flatMap((r) => r.findings);
    const errors = results.flatMap((r) => (r.error ? [r.error] : []));
    return {
      files: [...results],
      findings,
      errors,
      notices: results.flatMap((r) => r.notices),
      skipped: results.filter((r) => r.kind === "parameters" || r.kind === "unknown").map((r) => r.file),
      summary: this.summarize(results, findings),
    };
  }

  /** True when a finding makes the run fail under the current options. */
  isFailing(f: Finding): boolean {
    if (!isAtLeast(f.severity, this.options.failOn)) return false;
    return f.status === "fail" || this.options.unknown === "fail";
  }

  private applyOptions(findings: Finding[]): Finding[] {
    return findings.filter(
      (f) => this.options.isEnabled(this.rules.get(f.ruleId)!) && !(f.status === "unknown" && this.options.unknown === "ignore"),
    );
  }

  private summarize(results: readonly FileResult[], findings: readonly Finding[]): ScanSummary {
    const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    for (const f of findings) if (f.status === "fail") bySeverity[f.severity]++;
    return {
      filesScanned: results.filter((r) => r.kind === "template").length,
      filesSkipped: results.filter((r) => r.kind === "parameters" || r.kind === "unknown").length,
      filesWithErrors: results.filter((r) => r.kind === "error").length,
      fail: findings.filter((f) => f.status === "fail").length,
      unknown: findings.filter((f) => f.status === "unknown").length,
      bySeverity,
      failing: findings.filter((f) => this.isFailing(f)).length,
      failOn: this.options.failOn,
    };
  }
}

function errorResult(file: string, e: unknown): FileResult {
  // A companion file (a parameter file) that fails is named in the template's error.
  const message = e instanceof InputError && e.file !== file ? `${e.file}: ${e.message}` : toError(e).message;
  const error: FileError = { file, message };
  if (e instanceof InputError && e.position) {
    error.line = e.position.line;
    error.column = e.position.column;
  }
  return { file, kind: "error", findings: [], notices: [], error };
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.column - b.range.start.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
