/**
 * A fuzzing worker: scans each input it is sent through the library and reports how it went. The
 * parent kills it when an input overruns its time budget; its heap, the memory budget of the one
 * input it scans at a time, is capped by resourceLimits (past it the worker dies, and the parent
 * records the input).
 */
import { createHash } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { createScanner } from "../src/index.js";
import { scanJob, type FuzzJob, type FuzzOutcome } from "./fuzz-job.js";

// Messages that are not ours: a report must never show these raw.
const FOREIGN =
  /maximum call stack|invalid string length|invalid array length|opa_|illegal string escape|is not a function|cannot read propert|\bundefined\b|\[object Object\]|\bNaN\b/i;
const ENGINE_MEMORY = /policy engine's 1 GiB of memory/;

const home = (workerData as { home: string }).home;
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
      const report = scanJob(scanner, home, job);
      outcome.digest = digest(report);
      return report;
    });
    const message = first.error?.message;
    if (message !== undefined) {
      outcome.refused = true;
      if (FOREIGN.test(message)) outcome.foreign = message.slice(0, 300);
      else if (ENGINE_MEMORY.test(message)) outcome.memory = message.slice(0, 300);
    }
    if (job.twice && timed(() => digest(scanJob(scanner, home, job))) !== outcome.digest) outcome.nondeterministic = true;
  } catch (e) {
    outcome.crash = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ""}`.slice(0, 2000) : String(e);
  }
  parentPort!.postMessage(outcome);
});
