/**
 * A worker thread of a parallel scan: builds its own scanner on the compiled policy module it is
 * given (no recompilation), scans its share of the files, and posts the results back in order.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ScanOptions } from "../config/index.js";
import { PolicyEngine } from "../engine/index.js";
import { Scanner, type ScanInput } from "./scanner.js";

interface Job {
  options: ScanOptions;
  module: WebAssembly.Module;
  files: string[];
  input: ScanInput;
}

const job = workerData as Job;
const scanner = new Scanner(job.options, PolicyEngine.load(job.module));
parentPort!.postMessage(job.files.map((file) => scanner.scanFile(file, job.input)));
