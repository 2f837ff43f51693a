import type { ScanOptions, SchemaCompiler } from "../config/index.js";
import { InputError } from "../model/index.js";
import type { FileResult, ScanReport } from "../model/index.js";
import { normalizePosix } from "../portable/index.js";
import { readSource, type SourceFile } from "../reader/index.js";
import { mergeRuns } from "./file-results.js";
import { Pipeline, type CompiledPolicy } from "./pipeline.js";

/** A file's content, with the name findings report it under. */
export interface Source {
  name: string;
  content: string | Uint8Array;
  /** Names of other sources to scan this template with, each in turn (parameter files). */
  parameterFiles?: readonly string[];
}

/**
 * Scans sources already in memory, in order: each template once per parameter file it names (the
 * same finding from several is reported once), templates linked by `relativePath` found among the
 * sources by name; parameter files and other JSON are skipped. Never throws for bad input.
 */
export function scanSources(pipeline: Pipeline, sources: readonly Source[], parameters?: Record<string, unknown>): ScanReport {
  const byName = new Map(sources.map((s) => [normalizePosix(s.name), s]));
  const parsed = new Map<string, SourceFile>();
  const parse = (source: Source): SourceFile => {
    let file = parsed.get(source.name);
    if (!file) parsed.set(source.name, (file = readSource(source.name, source.content)));
    return file;
  };
  const named = (name: string): Source | undefined => byName.get(normalizePosix(name));
  const readLinked = (from: string, relativePath: string): SourceFile | undefined => {
    const target = named(`${from.slice(0, from.lastIndexOf("/") + 1)}${relativePath}`);
    return target && parse(target);
  };
  const scanOne = (source: Source): FileResult => {
    let template: SourceFile;
    let sets: Array<SourceFile | undefined>;
    try {
      template = parse(source);
      if (template.kind !== "template") return { file: source.name, kind: template.kind, findings: [], notices: [] };
      sets = (source.parameterFiles ?? []).map((name) => {
        const found = named(name);
        if (!found) throw new InputError(name, "is not among the sources scanned");
        const set = parse(found);
        if (set.kind !== "parameters") throw new InputError(name, "is not a parameter file (deploymentParameters)");
        return set;
      });
    } catch (e) {
      return pipeline.errorResult(source.name, e);
    }
    if (sets.length === 0) sets = [undefined];
    const runs: FileResult[] = [];
    for (const set of sets) {
      const run = pipeline.scanTemplate(template, set, { ...(parameters ? { parameters } : {}), readLinked });
      if (run.error) return run;
      runs.push(run);
    }
    return mergeRuns(
      source.name,
      runs,
      sets.map((s) => s?.path),
    );
  };
  return pipeline.report(sources.map(scanOne));
}

/**
 * `scanSources` with a pipeline made for this call: `policy` is the compiled rule pack and its
 * catalog; `compileSchema` checks rule parameters (needed only when some are given).
 */
export function scan(sources: readonly Source[], options: ScanOptions & { policy: CompiledPolicy; compileSchema?: SchemaCompiler }): ScanReport {
  const { policy, compileSchema, ...scanOptions } = options;
  return scanSources(new Pipeline(policy, scanOptions, compileSchema), sources);
}
