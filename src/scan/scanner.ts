import { readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { ExpansionFault, expandTemplate, toPolicyInput, type JsonObject } from "../arm/index.js";
import { loadCatalog, rulesById, type RuleCatalog, type RuleMeta } from "../catalog/index.js";
import { readInlineSuppressions, resolveOptions, type InlineSuppression, type ResolvedOptions, type ScanOptions } from "../config/index.js";
import { PolicyEngine, type RawFinding } from "../engine/index.js";
import { locateFindings } from "../locate/index.js";
import { InputError, SEVERITIES, isAtLeast, toError } from "../model/index.js";
import type { FileError, FileResult, Finding, Notice, ScanReport, ScanSummary, Severity } from "../model/index.js";
import type { ExpandedTemplate } from "../arm/index.js";
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
      const notices: Notice[] = expanded.notices.map((n) => ({ kind: "expansion", file: n.file, message: n.message, pointer: n.pointer }));
      const { findings, matched } = this.judge(located, raw, expanded, notices);
      return { file, kind: "template", findings: sortFindings(findings), notices, matchedSuppressions: matched };
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

  /** Builds the run's report from per-file results; configured suppressions that matched nothing are reported. */
  report(results: readonly FileResult[]): ScanReport {
    const findings = results.flatMap((r) => r.findings);
    const errors = results.flatMap((r) => (r.error ? [r.error] : []));
    const used = new Set(results.flatMap((r) => r.matchedSuppressions ?? []));
    const unused = this.options.suppressions.rules.filter((_, i) => !used.has(i));
    const notices = results.flatMap((r) => r.notices);
    for (const s of unused) {
      notices.push({ kind: "suppression-unused", file: "", message: `the suppression of ${s.rule}${s.resource ? ` for ${s.resource}` : ""}${s.file ? ` in ${s.file}` : ""} matched no finding ("${s.justification}")` });
    }
    return {
      files: [...results],
      findings,
      errors,
      notices,
      skipped: results.filter((r) => r.kind === "parameters" || r.kind === "unknown").map((r) => r.file),
      summary: { ...this.summarize(results, findings), unusedSuppressions: unused.length },
    };
  }

  /** True when a finding makes the run fail under the current options. */
  isFailing(f: Finding): boolean {
    if (f.suppression) return false;
    if (!isAtLeast(f.severity, this.options.failOn)) return false;
    return f.status === "fail" || this.options.unknown === "fail";
  }

  /**
   * Applies the configuration to located findings: rule selection, unknown handling, severity
   * overrides, then suppressions (inline ones from the resource's metadata, configured ones, the
   * baseline). Expired and malformed suppressions become notices.
   */
  private judge(located: Finding[], raw: readonly RawFinding[], expanded: ExpandedTemplate, notices: Notice[]): { findings: Finding[]; matched: number[] } {
    const inlineByResource = new Map<number, InlineSuppression[]>();
    const inlineFor = (r: RawFinding): InlineSuppression[] => {
      if (r.subject.kind !== "resource") return [];
      let list = inlineByResource.get(r.subject.index);
      if (!list) {
        const resource = expanded.resources[r.subject.index]!;
        const read = readInlineSuppressions(resource.metadata);
        for (const problem of read.problems) {
          notices.push({ kind: "suppression-invalid", file: resource.source.file, message: problem, pointer: `${resource.source.pointer}/metadata` });
        }
        list = read.suppressions;
        inlineByResource.set(r.subject.index, list);
      }
      return list;
    };
    const matched = new Set<number>();
    const findings: Finding[] = [];
    located.forEach((finding, i) => {
      const rule = this.rules.get(finding.ruleId)!;
      if (!this.options.isEnabled(rule)) return;
      if (finding.status === "unknown" && this.options.unknown === "ignore") return;
      finding.severity = this.options.severityOf(rule);
      const applied = this.options.suppressions.apply(finding, inlineFor(raw[i]!));
      for (const index of applied.used) matched.add(index);
      for (const x of applied.expired) {
        notices.push({
          kind: "suppression-expired",
          file: finding.file,
          pointer: finding.pointer,
          message: `an ${x.kind} suppression of ${x.rule} for ${finding.subject.name} expired on ${x.expires} ("${x.justification}"), so ${finding.ruleId} counts again`,
        });
      }
      if (applied.suppression) finding.suppression = applied.suppression;
      findings.push(finding);
    });
    return { findings, matched: [...matched].sort((a, b) => a - b) };
  }

  private summarize(results: readonly FileResult[], findings: readonly Finding[]): ScanSummary {
    const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    const active = findings.filter((f) => !f.suppression);
    for (const f of active) if (f.status === "fail") bySeverity[f.severity]++;
    return {
      filesScanned: results.filter((r) => r.kind === "template").length,
      filesSkipped: results.filter((r) => r.kind === "parameters" || r.kind === "unknown").length,
      filesWithErrors: results.filter((r) => r.kind === "error").length,
      fail: active.filter((f) => f.status === "fail").length,
      unknown: active.filter((f) => f.status === "unknown").length,
      suppressed: findings.length - active.length,
      expiredSuppressions: results.flatMap((r) => r.notices).filter((n) => n.kind === "suppression-expired").length,
      unusedSuppressions: 0,
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
