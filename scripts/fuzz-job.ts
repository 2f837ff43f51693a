/** A fuzz input as the harness hands it to a worker, and what the worker reports back. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FileResult, Scanner } from "../src/index.js";

/** What the input is: a template, a parameter file scanned with its template, a Bicep source. */
export type FuzzKind = "template" | "parameters" | "bicep";

export interface FuzzJob {
  id: number;
  kind: FuzzKind;
  /** The mutated input. */
  bytes: Uint8Array;
  /** What it is scanned with, unmutated: a parameter file's template, the compiled JSON beside a Bicep source. */
  companion?: Uint8Array;
  /** Scan twice and compare, to catch output that differs between runs. */
  twice: boolean;
}

export interface FuzzOutcome {
  id: number;
  /** The longest of its scans (one, or two when checked for determinism), report serialised. */
  ms: number;
  digest?: string;
  /** The file was refused with a per-file error (an expected outcome for hostile input). */
  refused?: boolean;
  crash?: string;
  foreign?: string;
  /** The policy engine ran out of its memory: the other limits should keep every file below it. */
  memory?: string;
  nondeterministic?: boolean;
}

/** The names an input is scanned under, in the worker's own directory (`home`, which holds self.json to link to). */
export function inputFiles(home: string, kind: FuzzKind): { scanned: string; companion?: string } {
  if (kind === "parameters") return { scanned: join(home, "input.json"), companion: join(home, "input.parameters.json") };
  if (kind === "bicep") return { scanned: join(home, "main.bicep"), companion: join(home, "main.json") };
  return { scanned: join(home, "input.json") };
}

/** Scans a job as the worker and the replay do, its files in `home`. */
export function scanJob(scanner: Scanner, home: string, job: FuzzJob): FileResult {
  const files = inputFiles(home, job.kind);
  // A parameter file is handed over as content. A Bicep source is written with its compiled twin
  // beside it: without a compiler the scanner scans the twin and maps it to the (mutated) source.
  if (job.kind === "parameters")
    return scanner.scanContent(files.scanned, job.companion!, { parameterFiles: [{ path: files.companion!, content: job.bytes }] });
  if (job.kind === "bicep") {
    writeFileSync(files.scanned, job.bytes);
    writeFileSync(files.companion!, job.companion!);
  }
  return scanner.scanContent(files.scanned, job.bytes);
}
