/**
 * One row of the bench's size series, in a process of its own so that its peak RSS is that of this
 * template alone: builds an ACS workload template of about `bytes` bytes (modules of at most
 * `moduleResources` resources), scans it in-process (first call, then the median of warm calls),
 * writes the normalized policy input to `inputFile` (for the Go OPA reference) and prints one JSON
 * line. Usage: node dist/scripts/bench-size.js <bytes> <moduleResources> <inputFile>
 */
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { expandTemplate, toPolicyInput, type JsonObject } from "../src/arm/index.js";
import { loadEngine } from "../src/node/index.js";
import { readSource } from "../src/reader/index.js";
import { Scanner } from "../src/scan/index.js";
import { acsWorkloadTemplate } from "./synthetic-template.js";

export interface SizeRow {
  bytes: number;
  resources: number;
  findings: number;
  firstMs: number;
  /** Median of the warm scans. */
  scanMs: number;
  /** Median CPU time (user + system, all threads) of the warm scans: less disturbed by a busy machine. */
  scanCpuMs: number;
  /** Median of the WebAssembly evaluation alone, on the normalized input. */
  evaluateMs: number;
  /** Peak RSS of the process over the scans (before the evaluation-only timing). */
  peakRssBytes: number;
  inputBytes: number;
}

const [bytes, moduleResources, inputFile] = process.argv.slice(2);
const sliceBytes = (acsWorkloadTemplate(101).length - acsWorkloadTemplate(1).length) / 100;
const slices = Math.max(1, Math.round(Number(bytes) / sliceBytes));
const text = Buffer.from(acsWorkloadTemplate(slices, Number(moduleResources)));
const scanner = new Scanner();

let t = performance.now();
const first = scanner.scanContent("workload.json", text);
const firstMs = performance.now() - t;
if (first.error) {
  console.error(`the workload template does not scan: ${first.error.message}`);
  process.exit(1);
}

// Enough warm runs for a stable median without making the 4 MB row take minutes; small templates
// first run for a while unmeasured, until V8 has optimised the hot code (its compiler threads count
// in the CPU time).
const small = text.length < 100e3;
const runs = small ? 31 : text.length < 1e6 ? 5 : 3;
for (let i = 0; small && i < 200; i++) scanner.scanContent("workload.json", text);
const samples: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < runs; i++) {
  const c = process.cpuUsage();
  t = performance.now();
  scanner.scanContent("workload.json", text);
  samples.push(performance.now() - t);
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1e3);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const peakRssBytes = process.resourceUsage().maxRSS * 1024;

const expanded = expandTemplate("workload.json", readSource("workload.json", text).value as JsonObject);
const input = JSON.stringify(toPolicyInput(expanded));
writeFileSync(inputFile!, input);

const engine = loadEngine();
const policyInput = JSON.parse(input) as object;
const evaluations: number[] = [];
for (let i = 0; i < runs + 1; i++) {
  t = performance.now();
  engine.evaluate(policyInput);
  evaluations.push(performance.now() - t);
}
evaluations.shift(); // the first call on a fresh instance pays memory growth and lazy compilation

const row: SizeRow = {
  bytes: text.length,
  resources: expanded.resources.length,
  findings: first.findings.length,
  firstMs,
  scanMs: median(samples),
  scanCpuMs: median(cpu),
  evaluateMs: median(evaluations),
  peakRssBytes,
  inputBytes: input.length,
};
console.log(JSON.stringify(row));
