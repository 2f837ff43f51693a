import { Worker } from "node:worker_threads";
import type { ScanOptions } from "../config/index.js";
import type { FileResult } from "../model/index.js";
import type { ScanInput } from "./scanner.js";

const WORKER_URL = new URL("./worker.js", import.meta.url);
// A worker's JavaScript heap; the policy engine's WebAssembly memory is capped at 1 GiB on its own.
const WORKER_LIMITS = { maxOldGenerationSizeMb: 1024 };

/**
 * Scans files on `workers` threads. Files are dealt round-robin so that large and small ones
 * spread evenly; results come back in the order of `files`, exactly as a single thread gives them.
 */
export async function scanInWorkers(
  files: readonly string[],
  workers: number,
  options: ScanOptions,
  module: WebAssembly.Module,
  input: ScanInput,
): Promise<FileResult[]> {
  const shares = Array.from({ length: workers }, (_, w) => files.filter((_, i) => i % workers === w));
  const cloneable: ScanOptions = { ...options, ...(options.baseline ? { baseline: [...options.baseline] } : {}) };
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<FileResult[]>((resolve) => {
          const worker = new Worker(WORKER_URL, { workerData: { options: cloneable, module, files: share, input }, resourceLimits: WORKER_LIMITS });
          // A worker that dies (out of memory, a native crash) costs its own files, each reported as an
          // error, never the whole run.
          const lost = (why: string) => resolve(share.map((file) => workerLost(file, why)));
          worker.once("message", resolve);
          worker.once("error", (e) => lost(e.message));
          worker.once("exit", (code) => {
            if (code !== 0) lost(`exit code ${code}`);
          });
        }),
    ),
  );
  return files.map((_, i) => results[i % workers]![Math.floor(i / workers)]!);
}

function workerLost(file: string, why: string): FileResult {
  const message = `the scan worker holding this file stopped (${why}); it was not scanned`;
  return { file, kind: "error", findings: [], notices: [], error: { file, message } };
}
