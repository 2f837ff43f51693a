import type { ExpansionError } from "../arm/index.js";
import { mergeVerdicts } from "../evidence/index.js";
import { InputError, toError } from "../model/index.js";
import type { FileError, FileResult, Finding, Notice } from "../model/index.js";
import type { SourceFile } from "../reader/index.js";
import { describeForeignError } from "./foreign-errors.js";

/**
 * The result of a file that could not be scanned. An `InputError` (and a JavaScript or policy
 * engine limit the input hit) is the input's fault; anything else thrown is a bug of the scanner,
 * reported as an internal error that names the file and asks for a report (its stack trace with `debug`).
 */
export function errorResult(file: string, e: unknown, stage = "reading the file", debug = false): FileResult {
  // A companion file (a parameter file) that fails is named in the template's error.
  if (e instanceof InputError) {
    const error: FileError = { file, message: e.file !== file ? `${e.file}: ${e.message}` : e.message };
    if (e.position) {
      error.line = e.position.line;
      error.column = e.position.column;
    }
    return { file, kind: "error", findings: [], notices: [], error };
  }
  const foreign = describeForeignError(e, stage);
  if (foreign) return { file, kind: "error", findings: [], notices: [], error: { file, message: foreign } };
  const thrown = toError(e);
  const error: FileError = {
    file,
    message: `internal error while ${stage}: ${thrown.message}. This is a bug in acs-baseline, not a fault of the file; please report it, with this message, to its maintainers`,
    internal: true,
  };
  if (debug && thrown.stack) error.stack = thrown.stack;
  return { file, kind: "error", findings: [], notices: [], error };
}

/** An error of one part of a template, at its line and column. */
export function partError(e: ExpansionError, sources: ReadonlyMap<string, SourceFile>, parameterFile: SourceFile | undefined): FileError {
  const withSet = parameterFile ? ` (with parameter file ${parameterFile.path})` : "";
  const error: FileError = { file: e.file, message: `cannot be expanded${withSet}: ${e.message}` };
  const source = sources.get(e.file);
  const at = source?.locate([e.pointer]).get(e.pointer);
  if (source && at) Object.assign(error, source.lineIndex.position(at.keyStart));
  return error;
}

/** The most notices reported for one file: a hostile template can make one per directive, value or loop instance. */
export const MAX_NOTICES = 200;

/** The first `MAX_NOTICES` notices, and one saying how many more there were. */
export function capNotices(notices: Notice[], file: string): Notice[] {
  if (notices.length <= MAX_NOTICES) return notices;
  const more = notices.length - MAX_NOTICES;
  return [
    ...notices.slice(0, MAX_NOTICES),
    { kind: notices[MAX_NOTICES]!.kind, file, message: `${more} more notices of this file are not shown (at most ${MAX_NOTICES} are)` },
  ];
}

/**
 * One file's result from its runs with several parameter sets: a finding (by fingerprint) is kept
 * once and lists the sets that produced it; notices are kept once.
 */
export function mergeRuns(file: string, runs: FileResult[], sets: Array<string | undefined>): FileResult {
  if (runs.length === 1 && sets[0] === undefined) return runs[0]!;
  const byFingerprint = new Map<string, Finding>();
  const notices = new Map<string, Notice>();
  const matched = new Set<number>();
  const errors = new Map<string, FileError>();
  runs.forEach((run, i) => {
    for (const f of run.findings) {
      const seen = byFingerprint.get(f.fingerprint);
      if (seen) seen.parameterSets!.push(sets[i]!);
      // (the run's own finding, not a copy: a spread would read, so compute, its lazy trace)
      else byFingerprint.set(f.fingerprint, Object.assign(f, { parameterSets: [sets[i]!] }));
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

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.column - b.range.start.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
