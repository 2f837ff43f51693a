import { statSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname } from "node:path";
import type { RuleCatalog, RuleMeta } from "../catalog/index.js";
import type { ScanOptions } from "../config/index.js";
import type { PolicyEngine } from "../engine/index.js";
import { InputError } from "../model/index.js";
import type { FileResult, Finding, ScanReport } from "../model/index.js";
import { readSource, type SourceFile } from "../reader/index.js";
import { cannotRead, loadCatalog, loadEngine, nodeSchemaCompiler, readRegularFile, readRegularFileAsync, renderOnNode } from "../node/index.js";
import { Pipeline, mergeRuns, templateObjectText } from "../pipeline/index.js";
import { collectFiles, type CollectError, type FileSelection } from "./collect.js";
import { defaultThreads, scanShared } from "./parallel.js";
import { linkedTemplatePath } from "./companions.js";
import { parameterSets, type ParameterFileEntry } from "./parameter-sets.js";
import { BICEP_FILE, BICEPPARAM_FILE, BicepSupport, scanOncePerTemplate, type PreparedBicep } from "../bicep/index.js";

/** What one scan may add to the scanner's options. */
export interface ScanInput {
  /** Template parameter values, over the scanner's `templateParameters`; taken literally. */
  parameters?: Record<string, unknown>;
  /**
   * Parameter files to scan the template with, each in turn, instead of those paired with it by
   * name: paths, or contents with the name to report them under.
   */
  parameterFiles?: ParameterFileEntry[];
  /** Directories the user named; linked templates are read only from inside them (default: the file's directory). */
  roots?: readonly string[];
  /** Which files directory walks keep (`scanPaths`, `scanPathsAsync`). */
  select?: FileSelection;
}

/**
 * The Node layer over the pure pipeline: reads files, walks directories, compiles Bicep, pairs
 * parameter files by name and runs worker threads; expanding, evaluating, locating and judging are
 * the pipeline's. Created once: it compiles the policy once and reuses it.
 */
export class Scanner {
  /** The rule catalog this scanner evaluates (ids, titles, severities, docs, parameter schemas). */
  readonly catalog: RuleCatalog;
  private readonly pipeline: Pipeline;
  private readonly given: ScanOptions;
  private readonly bicep: BicepSupport;

  /** Prefer `createScanner`. `engine` shares an already compiled policy (worker threads do). */
  constructor(options: ScanOptions = {}, engine?: PolicyEngine) {
    this.catalog = loadCatalog();
    this.given = options;
    this.pipeline = new Pipeline({ engine: engine ?? loadEngine(), catalog: this.catalog }, options, nodeSchemaCompiler);
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
      bicep = this.prepareBicep(file, content, input.roots ?? [dirname(file)]);
      source = bicep?.template ?? readSource(file, content);
      if (!bicep) bicep = this.bicep.compiledJson(file, source, input.roots ?? [dirname(file)]);
      if (bicep) source = bicep.template;
    } catch (e) {
      return this.pipeline.errorResult(file, e);
    }
    if (source.kind !== "template") return { file, kind: source.kind, findings: [], notices: [] };
    let sets: Array<SourceFile | undefined>;
    try {
      const configured = this.pipeline.options.parameterFile;
      const named = input.parameterFiles ?? (configured ? [configured] : undefined);
      sets =
        bicep?.parameterFile && !input.parameterFiles
          ? [bicep.parameterFile]
          : parameterSets(source.path, named, input.roots ?? [dirname(source.path)], this.bicep);
    } catch (e) {
      return this.pipeline.errorResult(file, e, "reading the parameter files");
    }
    const roots = input.roots ?? [dirname(source.path)];
    const linked = new Map<string, SourceFile>(); // a file linked twice is read once
    const readLinked = (from: string, relativePath: string): SourceFile | undefined => {
      const path = linkedTemplatePath(from, relativePath, roots);
      if (path === undefined) return undefined;
      const read = linked.get(path) ?? readSource(path, readRegularFile(path));
      linked.set(path, read);
      return read;
    };
    const runs: FileResult[] = [];
    for (const set of sets) {
      const run = this.pipeline.scanTemplate(source, set, {
        ...(input.parameters ? { parameters: input.parameters } : {}),
        readLinked,
        ...(bicep?.mapper ? { mapping: bicep.mapper } : {}),
        ...(bicep ? { notices: bicep.notices } : {}),
      });
      if (run.error) return run;
      runs.push(run);
    }
    return mergeRuns(
      file,
      runs,
      sets.map((s) => s?.path),
    );
  }

  /** A `.bicep` or `.bicepparam` file compiled (undefined for other files). */
  private prepareBicep(file: string, content: Uint8Array | string, roots: readonly string[]): PreparedBicep | undefined {
    if (BICEP_FILE.test(file)) return this.bicep.template(file, content, roots);
    if (BICEPPARAM_FILE.test(file)) return this.bicep.parameters(file, content, roots);
    return undefined;
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
    const text = templateObjectText(template, file);
    return text instanceof InputError ? this.pipeline.errorResult(file, text) : this.scanContent(file, text, input);
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
    const wantedThreads = this.given.bicep?.compile ? 1 : (wanted ?? defaultThreads(files.length, availableParallelism(), loadavg()[0]));
    const threads = Math.max(1, Math.min(wantedThreads, files.length));
    onProgress?.(0, files.length);
    const scanHere = (f: string) => this.scanFile(f, { ...rest, roots });
    const progress = onProgress && ((done: number) => onProgress(done, files.length));
    const module = this.pipeline.engine.compiledModule;
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
    return this.pipeline.report(results);
  }

  /** The rules of the pack, with their metadata. */
  get rules(): readonly RuleMeta[] {
    return this.catalog.rules;
  }

  /**
   * Renders a report in a format, applying its run's threshold. `baseDir` makes absolute file paths
   * relative (SARIF's SRCROOT); `color` is for `text` only; `time` is when the scan ran (default:
   * now), for reports that record it.
   */
  format(report: ScanReport, format: string, options: { color?: boolean; baseDir?: string; quiet?: boolean; time?: { start: Date; end: Date } } = {}): string {
    return renderOnNode(report, format, { ...options, catalog: this.catalog });
  }

  /** True when a finding makes the run fail under the current options. */
  isFailing(f: Finding): boolean {
    return this.pipeline.isFailing(f);
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
  const error = cannotRead(file, e);
  return { file, kind: "error", findings: [], notices: [], error: { file, message: error.message } };
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
