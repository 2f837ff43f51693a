/**
 * A fuzzing worker: scans each input it is sent through the library and reports how it went. The
 * parent kills it when an input overruns its time budget; its heap is capped by resourceLimits.
 */
import { createHash } from "node:crypto";
import { parentPort } from "node:worker_threads";
import { createScanner } from "../src/index.js";

export interface FuzzJob {
  id: number;
  name: string;
  bytes: Uint8Array;
  /** Scan twice and compare, to catch output that differs between runs. */
  twice: boolean;
}

export interface FuzzOutcome {
  id: number;
  /** The longest of its scans (one, or two when checked for determinism), report serialised. */
  ms: number;
  digest?: string;
  crash?: string;
  foreign?: string;
  nondeterministic?: boolean;
}

// Messages that are not ours: a report must never show these raw.
const FOREIGN =
  /maximum call stack|invalid string length|invalid array length|opa_|illegal string escape|is not a function|cannot read propert|\bundefined\b|\[object Object\]|\bNaN\b/i;

const scanner = createScanner();

function digest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

parentPort!.on("message", (job: FuzzJob) => {
  const outcome: FuzzOutcome = { id: job.id, ms: 0 };
  // Each scan (with its serialised report) is timed on its own: the budget is per scan, and the
  // determinism check's second scan must not count against the first one's.
  const timed = <T>(fn: () => T): T => {
    const start = performance.now();
    try {
      return fn();
    } finally {
      outcome.ms = Math.max(outcome.ms, performance.now() - start);
    }
  };
  try {
    const first = timed(() => {
      const report = scanner.scanContent(job.name, job.bytes);
      outcome.digest = digest(report);
      return report;
    });
    if (first.error && FOREIGN.test(first.error.message)) outcome.foreign = first.error.message.slice(0, 300);
    if (job.twice && timed(() => digest(scanner.scanContent(job.name, job.bytes))) !== outcome.digest) outcome.nondeterministic = true;
  } catch (e) {
    outcome.crash = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ""}`.slice(0, 2000) : String(e);
  }
  parentPort!.postMessage(outcome);
});
