/**
 * Scans one fuzz input in a process of its own and prints the CPU time the scan took, as JSON. The
 * harness re-runs hangs and overruns so: a process that scans on one thread has its CPU time to
 * itself, which the machine's load does not inflate as it does wall time.
 *
 * Usage: node dist/scripts/fuzz-replay.js <kind> <input> [<companion>]
 */
import { readFileSync } from "node:fs";
import { createScanner } from "../src/index.js";
import { scanJob, type FuzzKind } from "./fuzz-job.js";
import { tempDir } from "./temp-dir.js";

const [kind, input, companion] = process.argv.slice(2) as [FuzzKind, string, string | undefined];
const home = tempDir("acs-fuzz-replay-");
const scanner = createScanner();
const job = { id: 0, kind, bytes: readFileSync(input), ...(companion ? { companion: readFileSync(companion) } : {}), twice: false };
// A first scan of a small template warms the code up, so that its compile time is not counted.
scanner.scanText('{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": []}');
const cpu = process.cpuUsage();
const start = performance.now();
const report = JSON.stringify(scanJob(scanner, home, job));
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - start, reportBytes: report.length }));
