/**
 * Measures what the closing notes report: policy size, the cost of loading it, and per-template
 * costs for each stage. Usage: npm run bench [-- file.json ...] (default: the bundled example).
 */
import { readFileSync, statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { expandTemplate, toPolicyInput, type JsonObject } from "../src/arm/index.js";
import { DEFAULT_POLICY_URL, PolicyEngine } from "../src/engine/index.js";
import { readSource } from "../src/reader/index.js";
import { Scanner } from "../src/scan/index.js";
import { syntheticTemplate } from "./synthetic-template.js";
import { syntheticBicep } from "./synthetic-bicep.js";

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
}

/** Median milliseconds per call over enough calls to fill about half a second. */
function perCall(fn: () => unknown): number {
  const [, once] = time(fn);
  const n = Math.max(5, Math.min(2000, Math.round(500 / Math.max(once, 0.01))));
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(time(fn)[1]);
  samples.sort((a, b) => a - b);
  return samples[Math.floor(n / 2)]!;
}

const ms = (x: number) => `${x.toFixed(x < 1 ? 3 : 1)} ms`;

const files = process.argv.slice(2);
const inputs: Array<[string, Buffer]> = files.map((f) => [f, readFileSync(f)]);
if (inputs.length === 0) {
  const example = new URL("../../examples/insecure-acs-workload.json", import.meta.url).pathname;
  inputs.push([example, readFileSync(example)]);
  for (const [label, size] of [["10KB", 10e3], ["100KB", 100e3], ["1MB", 1e6], ["4MB", 4e6]] as const) {
    inputs.push([`synthetic-${label}.json`, Buffer.from(syntheticTemplate(size))]);
  }
}

console.log(`policy.wasm: ${statSync(DEFAULT_POLICY_URL).size} bytes`);
const [engine, load] = time(() => PolicyEngine.load());
console.log(`load policy (compile + instantiate): ${ms(load)}`);
const [scanner, create] = time(() => new Scanner());
console.log(`create Scanner (catalog + policy): ${ms(create)}`);

for (const [file, bytes] of inputs) {
  const source = readSource(file, bytes);
  const expanded = expandTemplate(file, source.value as JsonObject);
  const input = toPolicyInput(expanded);
  console.log(`\n${file} (${bytes.length} bytes, ${expanded.resources.length} resources)`);
  const plain = bytes.toString("utf8").replace(/^\s*\/\/.*$/gm, ""); // JSON.parse cannot read comments
  console.log(`  JSON.parse alone:      ${ms(perCall(() => JSON.parse(plain)))}  (comments removed)`);
  console.log(`  read (parse + kind):   ${ms(perCall(() => readSource(file, bytes)))}`);
  const pointers = expanded.resources.slice(0, 100).map((_, i) => `/resources/${i * Math.max(1, Math.floor(expanded.resources.length / 100))}/properties/disableLocalAuth`);
  console.log(`  locate ${pointers.length} pointers:    ${ms(perCall(() => source.locate(pointers)))}`);
  console.log(`  expand:                ${ms(perCall(() => expandTemplate(file, source.value as JsonObject)))}`);
  const [, first] = time(() => engine.evaluate(input));
  console.log(`  evaluate, first call:  ${ms(first)}`);
  console.log(`  evaluate:              ${ms(perCall(() => engine.evaluate(input)))}`);
  console.log(`  whole scan:            ${ms(perCall(() => scanner.scanContent(file, bytes)))}`);
}

// Many files: the wall time of scanning 500 templates with one worker and with two.
{
  const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dir = mkdtempSync(join(tmpdir(), "acs-bench-"));
  const kinds = [
    readFileSync(new URL("../../examples/insecure-acs-workload.json", import.meta.url)),
    Buffer.from(syntheticTemplate(10e3)),
    readFileSync(new URL("../../fixtures/expander/bicep-module/template.json", import.meta.url)),
  ];
  for (let i = 0; i < 500; i++) writeFileSync(join(dir, `t${String(i).padStart(3, "0")}.json`), kinds[i % kinds.length]!);
  console.log(`\n500 templates (${kinds.map((k) => `${k.length} B`).join(", ")} in turn)`);
  for (const workers of [1, 2]) {
    const t = performance.now();
    const report = await scanner.scanPathsAsync([dir], { workers });
    console.log(`  ${workers} worker${workers > 1 ? "s" : ""}: ${ms(performance.now() - t)} (${report.summary.filesScanned} scanned, ${report.findings.length} findings)`);
  }
  rmSync(dir, { recursive: true });
}

// Bicep: what mapping findings back to Bicep lines adds to the scan of a template compiled from
// Bicep (the same compiled JSON scanned as plain JSON, and as the output of its .bicep).
{
  let count = 1;
  while (syntheticBicep(count + 1).json.length <= 25_000) count++;
  const { bicep, json } = syntheticBicep(count);
  const bicepScanner = new Scanner({ bicep: { compile: () => ({ json, sources: { "/bench/main.bicep": bicep } }) } });
  const findings = bicepScanner.scanContent("/bench/main.bicep", bicep).findings.length;
  console.log(`
Bicep-compiled template: ${json.length} bytes of JSON from ${bicep.length} bytes of Bicep (${count} resources, ${findings} findings)`);
  // Alternate the two so that both see the same machine load; medians of many runs.
  // The scanner keeps a Bicep file's parse while its text is unchanged: a text that differs on
  // every run (a trailing comment) measures a first scan, parse included.
  let source = bicep;
  const freshScanner = new Scanner({ bicep: { compile: () => ({ json, sources: { "/bench/main.bicep": source } }) } });
  const fresh = (i: number) => {
    source = `${bicep}\n// run ${i}`;
    return freshScanner.scanContent("/bench/main.bicep", source);
  };
  const plainRuns: number[] = [];
  const mappedRuns: number[] = [];
  const freshRuns: number[] = [];
  for (let i = 0; i < 30; i++) {
    scanner.scanContent("/bench/main.json", json);
    bicepScanner.scanContent("/bench/main.bicep", bicep);
    fresh(i);
  }
  for (let i = 0; i < 300; i++) {
    plainRuns.push(time(() => scanner.scanContent("/bench/main.json", json))[1]);
    mappedRuns.push(time(() => bicepScanner.scanContent("/bench/main.bicep", bicep))[1]);
    freshRuns.push(time(() => fresh(30 + i))[1]);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
  const plain = median(plainRuns);
  const added = (x: number) => `${ms(x)}  (+${(((x - plain) / plain) * 100).toFixed(1)}%; compiling excluded)`;
  console.log(`  scan as JSON:                                   ${ms(plain)}`);
  console.log(`  scan as Bicep, mapped to lines, parse included: ${added(median(freshRuns))}`);
  console.log(`  the same Bicep text again (parse kept):         ${added(median(mappedRuns))}`);
}

