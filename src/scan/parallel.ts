import { Worker } from "node:worker_threads";
import type { ScanOptions } from "../config/index.js";
import type { FileResult } from "../model/index.js";
import type { ScanInput } from "./scanner.js";

const WORKER_URL = new URL("./worker.js", import.meta.url);

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
        new Promise<FileResult[]>((resolve, reject) => {
          const worker = new Worker(WORKER_URL, { workerData: { options: cloneable, module, files: share, input } });
          worker.once("message", resolve);
          worker.once("error", reject);
          worker.once("exit", (code) => {
            if (code !== 0) reject(new Error(`scan worker stopped with exit code ${code}`));
          });
        }),
    ),
  );
  return files.map((_, i) => results[i % workers]![Math.floor(i / workers)]!);
}
