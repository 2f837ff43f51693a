/**
 * A worker thread of a parallel scan: builds its own scanner on the compiled policy module it is
 * given (no recompilation), says it is ready (an empty result message), then scans each batch of
 * file indexes it is sent and posts the results back. The parent stops it when no files are left.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ScanOptions } from "../config/index.js";
import { loadEngine } from "../node/index.js";
import type { FileResult } from "../model/index.js";
import { Scanner, type ScanInput } from "./scanner.js";

interface Job {
  options: ScanOptions;
  module: WebAssembly.Module;
  files: string[];
  input: ScanInput;
}

const job = workerData as Job;
const scanner = new Scanner(job.options, loadEngine(job.module));
const port = parentPort!;
port.on("message", (batch: number[]) => {
  port.postMessage(batch.map((i): [number, FileResult] => [i, scanner.scanFile(job.files[i]!, job.input)]));
});
port.postMessage([]);
