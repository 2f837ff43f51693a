import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname } from "node:path";
import { ExpansionFault, checkPolicyInput, expandTemplate, toPolicyInput, type JsonObject } from "../arm/index.js";
import { loadCatalog, rulesById, type RuleCatalog, type RuleMeta } from "../catalog/index.js";
import { readInlineSuppressions, resolveOptions, type InlineSuppression, type ResolvedOptions, type ScanOptions } from "../config/index.js";
import { PolicyEngine, type RawFinding } from "../engine/index.js";
import { locateFindings } from "../locate/index.js";
import { InputError, SEVERITIES, isAtLeast, toError } from "../model/index.js";
import type { FileError, FileResult, Finding, Notice, ScanReport, ScanSummary, Severity, TraceStep } from "../model/index.js";
import { collectEvidence, mergeVerdicts, runEvidence } from "../evidence/index.js";
import type { ExpandedTemplate, ExpansionError } from "../arm/index.js";
import { cannotRead, insideRoots, readRegularFile, readRegularFileAsync, readSource, type SourceFile } from "../reader/index.js";
import { FORMATTERS, type FormatName } from "../formatters/index.js";
import { TOOL } from "../version.js";
import { collectFiles, type CollectError, type FileSelection } from "./collect.js";
import { describeForeignError } from "./foreign-errors.js";
import { defaultThreads, scanShared } from "./parallel.js";
import { linkedTemplatePath, pairedParameterFiles } from "./companions.js";
import { BICEP_FILE, BICEPPARAM_FILE, BicepSupport, pairedBicepParamFiles, scanOncePerTemplate, type PreparedBicep } from "../bicep/index.js";

/** What one scan may add to the scanner's options. */
export interface ScanInput {
  /** Template parameter values, over the scanner's `templateParameters`; taken literally. */
  parameters?: Record<string, unknown>;
  /**
   * Parameter files to scan the template with, each in turn, instead of those paired with it by
   * name: paths, or contents with the name to report them under.
   */
  parameterFiles?: Array<string | { path: string; content: string | Uint8Array }>;
  /** Directories the user named; linked templates are read only from inside them (default: the file's directory). */
  roots?: readonly string[];
  /** Which files directory walks keep (`scanPaths`, `scanPathsAsync`). */
  select?: FileSelection;
}

/**
 * Composes the stages: read → recognise → expand → evaluate → locate → apply options. The only
 * module that knows their order. Created once: it compiles the policy once and reuses it.
 */
export class Scanner {
  /** The rule catalog this scanner evaluates (ids, titles, severities, docs, parameter schemas). */
  readonly catalog: RuleCatalog;
  private readonly ruleMap: Map<string, RuleMeta>;
  private readonly engine: PolicyEngine;
  private readonly options: ResolvedOptions;

  private readonly given: ScanOptions;
  private readonly bicep: BicepSupport;

  /** Prefer `createScanner`. `engine` shares an already compiled policy (worker threads do). */
  constructor(options: ScanOptions = {}, engine?: PolicyEngine) {
    this.catalog = loadCatalog();
    this.ruleMap = rulesById(this.catalog);
    this.given = options;
    this.options = resolveOptions(options, this.ruleMap);
    this.engine = engine ?? PolicyEngine.load();
    this.engine.setData(this.options.policyData);
    this.bicep = new BicepSupport(options.bicep);
  }

  /**
   * Scans one file's content, once per parameter file (the same finding from several parameter
   * sets is reported once, listing the sets). Never throws for bad input: the result says why.
   */
  scanContent(file: string, content: Uint8Array | string, input: ScanInput = {}): FileResult {
    let source: SourceFile;
    let bicep: PreparedBicep | undefined;
    try {
      bicep = this.prepareBicep(file, content);
      source = bicep?.template ?? readSource(file, content);
      if (!bicep) bicep = this.bicep.compiledJson(file, source);
      if (bicep) source = bicep.template;
    } catch (e) {
      return errorResult(file, e);
    }
    if (source.kind !== "template") return { file, kind: source.kind, findings: [], notices: [] };
    let sets: Array<SourceFile | undefined>;
    try {
      sets = bicep?.parameterFile && !input.parameterFiles ? [bicep.parameterFile] : this.parameterSets(source.path, input);
    } catch (e) {
      return errorResult(file, e);
    }
    const runs: FileResult[] = [];
    for (const set of sets) {
      const run = this.scanWith(source, set, input, bicep);
      if (run.error) return run;
      runs.push(run);
    }
    return mergeRuns(file, runs, sets.map((s) => s?.path));
  }

  /** A `.bicep` or `.bicepparam` file compiled (undefined for other files). */
  private prepareBicep(file: string, content: Uint8Array | string): PreparedBicep | undefined {
    if (BICEP_FILE.test(file)) return this.bicep.template(file, content);
    if (BICEPPARAM_FILE.test(file)) return this.bicep.parameters(file, content);
    return undefined;
  }

  /** One expansion and evaluation of a template with one parameter file (or none). */
  private scanWith(source: SourceFile, parameterFile: SourceFile | undefined, input: ScanInput, bicep?: PreparedBicep): FileResult {
    const file = source.path;
    const sources = new Map<string, SourceFile>([[file, source]]);
    if (parameterFile) sources.set(parameterFile.path, parameterFile);
    const roots = input.roots ?? [dirname(file)];
    let stage = "expanding the template";
    try {
      const expanded = expandTemplate(file, source.value as JsonObject, {
        context: this.options.context,
        parameters: { ...this.options.templateParameters, ...input.parameters },
        ...(parameterFile ? { parameterFile: { file: parameterFile.path, value: parameterFile.value } } : {}),
        loadLinkedTemplate: (from, relativePath) => {
          const path = linkedTemplatePath(from, relativePath, roots);
          if (!path) return undefined;
          const linked = sources.get(path) ?? readSource(path, readRegularFile(path));
          sources.set(path, linked);
          return linked.kind === "template" ? { file: path, value: linked.value } : undefined;
        },
      });
      stage = "building the input of the rules";
      const policyInput = toPolicyInput(expanded);
      checkPolicyInput(policyInput);
      stage = "evaluating the rules";
      const raw = this.engine.evaluate(policyInput);
      stage = "locating the findings";
      const located = locateFindings(raw, expanded, sources, this.ruleMap);
      bicep?.mapper?.remap(located, parameterFile);
      const notices: Notice[] = [...(bicep?.notices ?? []), ...expanded.notices.map((n): Notice => ({ kind: "expansion", file: n.file, message: n.message, pointer: n.pointer }))];
      const subjects = new Map(located.map((f, i) => [f, raw[i]!.subject]));
      const { findings, matched } = this.judge(located, raw, expanded, notices, bicep?.mapper);
      notices.push(...(bicep?.mapper?.directiveNotices() ?? []));
      const result: FileResult = { file, kind: "template", findings: sortFindings(findings), notices, matchedSuppressions: matched };
      if (this.given.evidence) {
        stage = "collecting the evidence";
        const textOf = (f: string) => bicep?.mapper?.sourceText(f) ?? sources.get(f)?.text;
        const place = (steps: TraceStep[]) => bicep?.mapper?.placeTrace(steps);
        result.evidence = collectEvidence({ expanded, findings: findings.map((f) => ({ finding: f, subject: subjects.get(f)! })), rules: this.enabledRules(), sources, place, textOf });
      }
      // (as for a whole-file fault, the lines of a Bicep source's compiled JSON are not shown)
      if (expanded.errors.length > 0) result.errors = expanded.errors.map((e) => partError(e, bicep ? new Map() : sources, parameterFile));
      return result;
    } catch (e) {
      if (e instanceof ExpansionFault) {
        // (the compiled JSON of a Bicep source is never shown, so its lines are not either)
        const at = e.pointer === undefined || bicep ? undefined : source.locate([e.pointer]).get(e.pointer);
        const position = at ? source.lineIndex.position(at.keyStart) : undefined;
        const withSet = parameterFile ? ` (with parameter file ${parameterFile.path})` : "";
        const what = stage === "expanding the template" ? "expanded" : "scanned"; // the policy input's limits
        return errorResult(file, new InputError(file, `template cannot be ${what}${withSet}: ${e.message}`, position));
      }
      return errorResult(file, e, stage);
    }
  }

  /** The parameter files to scan a template with: given, configured, or paired by name (or none). */
  private parameterSets(template: string, input: ScanInput): Array<SourceFile | undefined> {
    const paired = () => (BICEP_FILE.test(template) ? [...pairedBicepParamFiles(template), ...pairedParameterFiles(template.replace(BICEP_FILE, ".json"))] : pairedParameterFiles(template));
    const named = input.parameterFiles ?? (this.options.parameterFile ? [this.options.parameterFile] : undefined);
    const given = named ?? paired();
    if (given.length === 0) return [undefined];
    const roots = input.roots ?? [dirname(template)];
    return given.map((entry) => {
      const path = typeof entry === "string" ? entry : entry.path;
      // A file paired by name is read only if it resolves inside the scanned tree; one the user named is read where it is.
      if (!named && !insideRoots(path, roots)) throw new InputError(path, "the paired parameter file resolves outside the scanned directories (a symbolic link); not read");
      if (typeof entry === "string" && BICEPPARAM_FILE.test(entry)) return this.bicep.parameterSet(entry);
      const content = typeof entry === "string" ? readRegularFile(entry) : entry.content;
      const parsed = readSource(path, content);
      if (parsed.kind !== "parameters") throw new InputError(path, "is not a parameter file (deploymentParameters)");
      return parsed;
    });
  }

  /** Scans a template given as text; `file` names it in findings (default `template.json`). */
  scanText(text: string, file = "template.json", input: ScanInput = {}): FileResult {
    return this.scanContent(file, text, input);
  }

  /**
   * Scans a template given as a parsed object. Findings point into its JSON text as
   * `JSON.stringify(template, null, 2)` writes it.
   */
  scanTemplate(template: object, file = "template.json", input: ScanInput = {}): FileResult {
    let text: string;
    try {
      text = JSON.stringify(template, null, 2);
    } catch (e) {
      return errorResult(file, new InputError(file, `the template object cannot be written as JSON: ${toError(e).message}`));
    }
    return this.scanContent(file, text ?? "", input);
  }

  /** Reads a file without blocking the event loop, then scans it. */
  async scanFileAsync(file: string, input: ScanInput = {}): Promise<FileResult> {
    const content = await readForScan(file);
    return content instanceof Uint8Array ? this.scanContent(file, content, input) : content;
  }

  /**
   * Scans files and directories on `workers` threads, this one included (by default as measured
   * fastest: see `defaultThreads`); the report is the same, in the same order, as `scanPaths`.
   */
  async scanPathsAsync(
    paths: readonly string[],
    input: ScanInput & { workers?: number; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<ScanReport> {
    const { workers: wanted, onProgress, ...rest } = input;
    const { files, errors } = collectScanFiles(paths, rest.select);
    const roots = rest.roots ?? scanRoots(paths);
    // A compile function cannot be handed to worker threads.
    const wantedThreads = this.given.bicep?.compile ? 1 : (wanted ?? defaultThreads(files.length, availableParallelism()));
    const threads = Math.max(1, Math.min(wantedThreads, files.length));
    onProgress?.(0, files.length);
    const scanHere = (f: string) => this.scanFile(f, { ...rest, roots });
    const progress = onProgress && ((done: number) => onProgress(done, files.length));
    const module = this.engine.compiledModule;
    const results = await scanShared(files, threads - 1, this.given, module, { ...rest, roots }, scanHere, progress);
    results.push(...errors.map(collectError));
    return this.report(results);
  }

  /** Reads and scans one file. */
  scanFile(file: string, input: ScanInput = {}): FileResult {
    let content: Uint8Array;
    try {
      content = readRegularFile(file);
    } catch (e) {
      return unreadable(file, e);
    }
    return this.scanContent(file, content, input);
  }

  /** Scans files and directories (recursively); one bad file never stops the others. */
  scanPaths(paths: readonly string[], input: ScanInput = {}): ScanReport {
    const { files, errors } = collectScanFiles(paths, input.select);
    const roots = input.roots ?? scanRoots(paths);
    const results = files.map((f) => this.scanFile(f, { ...input, roots }));
    results.push(...errors.map(collectError));
    return this.report(results);
  }

  /** Builds the run's report from per-file results; configured suppressions that matched nothing are reported. */
  report(results: readonly FileResult[]): ScanReport {
    const findings = results.flatMap((r) => r.findings);
    const errors = results.flatMap((r) => (r.error ? [r.error] : r.errors ?? []));
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
      ...(this.given.evidence ? { evidence: runEvidence(results, this.enabledRules()) } : {}),
    };
  }

  /** The rules this scanner's runs evaluate. */
  private enabledRules(): RuleMeta[] {
    return this.catalog.rules.filter((r) => this.options.isEnabled(r));
  }

  /** The rules of the pack, with their metadata. */
  get rules(): readonly RuleMeta[] {
    return this.catalog.rules;
  }

  /**
   * Renders a report of this scanner's scans in a format, applying its threshold. `baseDir` makes
   * absolute file paths relative (SARIF's SRCROOT); `color` is for `text` only; `time` is when the
   * scan ran (default: now), for reports that record it.
   */
  format(report: ScanReport, format: string, options: { color?: boolean; baseDir?: string; quiet?: boolean; time?: { start: Date; end: Date } } = {}): string {
    const formatter = FORMATTERS[format as FormatName];
    if (!formatter) throw new Error(`unknown format '${format}' (one of ${Object.keys(FORMATTERS).join(", ")})`);
    return formatter(report, {
      catalog: this.catalog,
      tool: TOOL,
      isFailing: (f) => this.isFailing(f),
      color: options.color ?? false,
      quiet: options.quiet ?? false,
      time: options.time ?? { start: new Date(), end: new Date() },
      ...(options.baseDir ? { baseDir: options.baseDir } : {}),
    });
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
  private judge(
    located: Finding[],
    raw: readonly RawFinding[],
    expanded: ExpandedTemplate,
    notices: Notice[],
    source?: { suppressionsFor(f: Finding): InlineSuppression[] },
  ): { findings: Finding[]; matched: number[] } {
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
      const rule = this.ruleMap.get(finding.ruleId)!;
      if (!this.options.isEnabled(rule)) return;
      if (finding.status === "unknown" && this.options.unknown === "ignore") return;
      finding.severity = this.options.severityOf(rule);
      const inline = source ? [...inlineFor(raw[i]!), ...source.suppressionsFor(finding)] : inlineFor(raw[i]!);
      const applied = this.options.suppressions.apply(finding, inline);
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
      filesWithErrors: results.filter((r) => r.kind === "error" || (r.errors?.length ?? 0) > 0).length,
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

/** A file's bytes, or the error result when it cannot be read. */
async function readForScan(file: string): Promise<Uint8Array | FileResult> {
  try {
    return await readRegularFileAsync(file);
  } catch (e) {
    return unreadable(file, e);
  }
}

function unreadable(file: string, e: unknown): FileResult {
  return errorResult(file, cannotRead(file, e));
}

/** The result for a path the user named that does not exist or cannot be listed. */
function collectError(e: CollectError): FileResult {
  return { file: e.path, kind: "error", findings: [], notices: [], error: { file: e.path, message: e.message } };
}

/** The files a walk finds, a template compiled from Bicep scanned once (from its `.bicep`). */
function collectScanFiles(paths: readonly string[], select: FileSelection | undefined): ReturnType<typeof collectFiles> {
  const collected = collectFiles(paths, select);
  return { ...collected, files: scanOncePerTemplate(collected.files) };
}

/** The directories a scan of `paths` may read linked templates from. */
export function scanRoots(paths: readonly string[]): string[] {
  return paths.map((p) => (isDirectory(p) ? p : dirname(p)));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false; // a symbolic-link loop, a path through a file: reported by collectFiles
  }
}

/**
 * One file's result from its runs with several parameter sets: a finding (by fingerprint) is kept
 * once and lists the sets that produced it; notices are kept once.
 */
function mergeRuns(file: string, runs: FileResult[], sets: Array<string | undefined>): FileResult {
  if (runs.length === 1 && sets[0] === undefined) return runs[0]!;
  const byFingerprint = new Map<string, Finding>();
  const notices = new Map<string, Notice>();
  const matched = new Set<number>();
  const errors = new Map<string, FileError>();
  runs.forEach((run, i) => {
    for (const f of run.findings) {
      const seen = byFingerprint.get(f.fingerprint);
      if (seen) seen.parameterSets!.push(sets[i]!);
      else byFingerprint.set(f.fingerprint, { ...f, parameterSets: [sets[i]!] });
    }
    for (const n of run.notices) notices.set(`${n.kind}|${n.file}|${n.pointer}|${n.message}`, n);
    for (const m of run.matchedSuppressions ?? []) matched.add(m);
    for (const e of run.errors ?? []) errors.set(`${e.file}|${e.line}|${e.column}|${e.message}`, e);
  });
  const evidence = runs.some((r) => r.evidence) ? mergeVerdicts(runs.map((r) => r.evidence ?? [])) : undefined;
  const result: FileResult = {
    file,
    kind: "template",
    findings: sortFindings([...byFingerprint.values()]),
    notices: [...notices.values()],
    matchedSuppressions: [...matched].sort((a, b) => a - b),
  };
  if (errors.size > 0) result.errors = [...errors.values()];
  if (evidence) result.evidence = evidence;
  return result;
}

/** An error of one part of a template, at its line and column. */
function partError(e: ExpansionError, sources: ReadonlyMap<string, SourceFile>, parameterFile: SourceFile | undefined): FileError {
  const withSet = parameterFile ? ` (with parameter file ${parameterFile.path})` : "";
  const error: FileError = { file: e.file, message: `cannot be expanded${withSet}: ${e.message}` };
  const source = sources.get(e.file);
  const at = source?.locate([e.pointer]).get(e.pointer);
  if (source && at) Object.assign(error, source.lineIndex.position(at.keyStart));
  return error;
}

function errorResult(file: string, e: unknown, stage = "reading the file"): FileResult {
  // A companion file (a parameter file) that fails is named in the template's error.
  const message = e instanceof InputError && e.file !== file ? `${e.file}: ${e.message}` : (describeForeignError(e, stage) ?? toError(e).message);
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
