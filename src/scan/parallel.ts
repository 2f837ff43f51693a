import { Worker } from "node:worker_threads";
import type { ScanOptions } from "../config/index.js";
import type { FileResult } from "../model/index.js";
import type { ScanInput } from "./scanner.js";

const WORKER_URL = new URL("./worker.js", import.meta.url);
/**
 * A worker's JavaScript heap (V8's old generation, where a scan's large values live); the policy
 * engine's WebAssembly memory is capped at 1 GiB on its own. The other limits keep a file far below
 * it: this is the backstop that turns a scan we failed to bound into an error of the worker's files.
 */
export const WORKER_LIMITS = { maxOldGenerationSizeMb: 1024 };

/** Files a worker is handed at a time: few enough to share the tail evenly, enough to keep messages rare. */
const BATCH = 4;
/**
 * Batches a worker holds at once. With one, a worker that posted its results sat idle until this
 * thread, busy scanning a file of its own, got round to sending the next batch (25 ms a batch on a
 * loaded machine, 10% of the worker's time); with two, it scans the next one meanwhile.
 */
const IN_FLIGHT = 2;

/**
 * Scans files on this thread and `helpers` worker threads, from one shared queue: a worker takes
 * the next batch when it is ready, so the files this thread scans while the workers start (about
 * 100 ms each: module imports and a policy instance) are not lost, and large and small files even
 * out. `scanHere` reads and scans one file on this thread, synchronously: a small file costs about
 * 20 µs of CPU that way against about 200 µs through fs/promises, whose open, stat, read and close
 * steps each wait for this thread's event loop, so they could not overlap a synchronous scan
 * anyway (they left it idle for 0.4 s of 500 files). Between files this thread lets the workers'
 * messages in. Results come back in the order of `files`, exactly as a single thread gives them.
 */
export async function scanShared(
  files: readonly string[],
  helpers: number,
  options: ScanOptions,
  module: WebAssembly.Module,
  input: ScanInput,
  scanHere: (file: string) => FileResult,
  onResult?: (done: number) => void,
  workerEntry: URL = WORKER_URL, // tests hand in a stand-in that runs out of heap
): Promise<FileResult[]> {
  const results: FileResult[] = new Array(files.length);
  let claimed = 0;
  let done = 0;
  const claim = (n: number): number[] => {
    const start = claimed;
    claimed = Math.min(files.length, claimed + n);
    return Array.from({ length: claimed - start }, (_, k) => start + k);
  };
  const cloneable: ScanOptions = { ...options, ...(options.baseline ? { baseline: [...options.baseline] } : {}) };

  // A worker with no batch in flight when the queue runs dry is stopped at once: one still starting
  // when this thread has scanned everything costs nothing but its start.
  const idle = new Set<Worker>();
  const stoppers: Array<(evenIfBusy: boolean) => void> = [];
  const workers = Array.from(
    { length: helpers },
    () =>
      new Promise<void>((resolve) => {
        const worker = new Worker(workerEntry, { workerData: { options: cloneable, module, files, input }, resourceLimits: WORKER_LIMITS });
        idle.add(worker);
        let stopping = false;
        const inFlight: number[][] = []; // batches sent and not yet answered, oldest first
        // A worker that dies (out of memory, a native crash) costs the files it held, each reported
        // as an error, never the whole run: the others go on.
        const lost = (why: string) => {
          if (stopping) return;
          stopping = true;
          idle.delete(worker);
          const held = inFlight.flat();
          for (const i of held) results[i] = workerLost(files[i]!, why);
          done += held.length;
          if (held.length > 0) onResult?.(done);
          resolve();
        };
        const stop = () => {
          stopping = true;
          idle.delete(worker);
          void worker.terminate();
        };
        // The first message (empty) says the worker is ready; each later one answers the oldest batch.
        worker.on("message", (scanned: Array<[number, FileResult]>) => {
          if (stopping) return;
          if (scanned.length > 0) inFlight.shift();
          for (const [i, r] of scanned) results[i] = r;
          done += scanned.length;
          if (scanned.length > 0) onResult?.(done);
          while (inFlight.length < IN_FLIGHT) {
            const batch = claim(BATCH);
            if (batch.length === 0) break;
            inFlight.push(batch);
            worker.postMessage(batch);
          }
          if (inFlight.length === 0) return stop();
          idle.delete(worker);
        });
        worker.once("error", (e: NodeJS.ErrnoException) =>
          lost(e.code === "ERR_WORKER_OUT_OF_MEMORY" ? `ran out of its ${WORKER_LIMITS.maxOldGenerationSizeMb} MiB heap` : e.message),
        );
        worker.once("exit", (code) => (stopping ? resolve() : lost(`exit code ${code}`)));
        stoppers.push((evenIfBusy) => (evenIfBusy || idle.has(worker)) && stop());
      }),
  );

  const finished = Promise.all(workers);
  try {
    for (let i = claim(1)[0]; i !== undefined; i = claim(1)[0]) {
      results[i] = scanHere(files[i]!);
      onResult?.(++done);
      if (helpers > 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (e) {
    for (const stop of stoppers) stop(true); // workers left running would keep the process alive
    throw e;
  }
  for (const stop of stoppers) stop(false);
  await finished;
  return results;
}

/**
 * The number of threads a scan of `files` files uses by default on `cores` cores whose recent load
 * (the 1-minute load average, 0 where the system gives none) is `load`: one below 16 files, else
 * one per two cores that other processes leave idle, at least one. A scanning thread keeps about
 * one and a half cores busy: V8 compiles its hot code and collects its garbage on background
 * threads (for 500 files, about 1.1 s of CPU beside the scanning thread's 1.7–2.4 s). A worker
 * repeats that compilation and its own start (about 1 s of CPU in all), so on two cores one
 * thread was the fastest for 16, 50 and 500 files (`npm run bench`; docs/performance.md).
 */
export function defaultThreads(files: number, cores: number, load = 0): number {
  if (files < 16) return 1;
  return Math.max(1, Math.min(cores, Math.floor((cores - load) / 2)));
}

function workerLost(file: string, why: string): FileResult {
  const message = `the scan worker holding this file stopped (${why}); it was not scanned`;
  return { file, kind: "error", findings: [], notices: [], error: { file, message } };
}
