/**
 * Measures what the closing notes report:
 *  - policy size and load cost, and each stage's cost on the bundled example (or on given files);
 *  - the size series: ACS workload templates from 14 KB to ~4 MB (scan, per-KB cost, peak RSS),
 *    each with the pinned Go OPA (`opa eval`) on the same policy and the same normalized input;
 *  - 16, 50 and 500 typical templates in one CLI call, for the default and each `--jobs` value;
 *  - what mapping findings to Bicep lines adds to a scan.
 * Usage: npm run bench [-- file.json ...]   (with files: only the stage costs of those files;
 *        with --bicep: only the Bicep mapping figures; with --many [count ...]: only the CLI runs)
 * Timings are medians; run on a quiet machine.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { expandTemplate, toPolicyInput, type JsonObject } from "../src/arm/index.js";
import { DEFAULT_POLICY_URL, loadEngine } from "../src/node/index.js";
import { readSource } from "../src/reader/index.js";
import { Scanner } from "../src/scan/index.js";
import type { SizeRow } from "./bench-size.js";
import { syntheticBicep } from "./synthetic-bicep.js";
import { acsWorkloadTemplate, syntheticTemplate } from "./synthetic-template.js";
import { tempDir } from "./temp-dir.js";

const repo = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median milliseconds per call over enough calls to fill about half a second. */
function perCall(fn: () => unknown): number {
  const [, once] = time(fn);
  const n = Math.max(5, Math.min(2000, Math.round(500 / Math.max(once, 0.01))));
  return median(Array.from({ length: n }, () => time(fn)[1]));
}

const ms = (x: number) => `${x.toFixed(x < 1 ? 3 : 1)} ms`;
const kb = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${Math.round(bytes / 1e3)} KB`);

function stageCosts(files: Array<[string, Buffer]>): void {
  console.log(`policy.wasm: ${statSync(DEFAULT_POLICY_URL).size} bytes`);
  const [engine, load] = time(() => loadEngine());
  console.log(`load policy (compile + instantiate): ${ms(load)}`);
  const [scanner, create] = time(() => new Scanner());
  console.log(`create Scanner (catalog + policy): ${ms(create)}`);
  for (const [file, bytes] of files) {
    const source = readSource(file, bytes);
    const expanded = expandTemplate(file, source.value as JsonObject);
    const input = toPolicyInput(expanded);
    console.log(`\n${file} (${bytes.length} bytes, ${expanded.resources.length} resources)`);
    const plain = bytes.toString("utf8").replace(/^\s*\/\/.*$/gm, ""); // JSON.parse cannot read comments
    console.log(`  JSON.parse alone:      ${ms(perCall(() => JSON.parse(plain)))}  (comments removed)`);
    console.log(`  read (parse + kind):   ${ms(perCall(() => readSource(file, bytes)))}`);
    const step = Math.max(1, Math.floor(expanded.resources.length / 100));
    const pointers = expanded.resources.slice(0, 100).map((_, i) => `/resources/${i * step}/properties/disableLocalAuth`);
    console.log(`  locate ${pointers.length} pointers:    ${ms(perCall(() => source.locate(pointers)))}`);
    console.log(`  expand:                ${ms(perCall(() => expandTemplate(file, source.value as JsonObject)))}`);
    const [, first] = time(() => engine.evaluate(input));
    console.log(`  evaluate, first call:  ${ms(first)}`);
    console.log(`  evaluate:              ${ms(perCall(() => engine.evaluate(input)))}`);
    console.log(`  whole scan:            ${ms(perCall(() => scanner.scanContent(file, bytes)))}`);
  }
}

/** The pinned Go OPA on the same policy and input: its query evaluation time (parsing excluded). */
function goOpa(inputFile: string): number | string {
  const run = spawnSync(
    "bash",
    [repo("scripts/opa.sh"), "eval", "--ignore", "*_test.rego", "-d", repo("policies/acs"), "-i", inputFile, "--metrics", "-f", "json", "data.acs.main.report"],
    { encoding: "utf8", maxBuffer: 1 << 30, timeout: 300_000 },
  );
  if (run.status !== 0) return run.error ? `failed (${run.error.message})` : `failed (exit ${run.status})`;
  return (JSON.parse(run.stdout) as { metrics: Record<string, number> }).metrics.timer_rego_query_eval_ns! / 1e6;
}

function sizeSeries(dir: string): void {
  const rows: Array<[bytes: number, moduleResources: number]> = [
    [14e3, 150],
    [130e3, 150],
    [432e3, 150],
    [1.3e6, 150],
    [4e6, 150],
    [4e6, 800],
  ];
  console.log("\nSize series: ACS workload slices in inner-scope nested deployments (in-process scan; Go OPA = `opa eval` query time)");
  console.log(
    "| size | module ≤ | resources | findings | scan (first) | scan | per KB | scan CPU | CPU per KB | peak RSS | WASM evaluate | Go OPA | WASM/Go |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  let perKb130: number | undefined;
  let cpuPerKb130: number | undefined;
  for (const [bytes, moduleResources] of rows) {
    const inputFile = join(dir, `input-${bytes}-${moduleResources}.json`);
    const child = spawnSync(process.execPath, [repo("dist/scripts/bench-size.js"), String(bytes), String(moduleResources), inputFile], {
      encoding: "utf8",
      timeout: 300_000,
    });
    if (child.status !== 0) {
      const why = child.error?.message ?? (child.stderr.trim().split("\n").pop() || `exit ${child.status}`);
      console.log(`| ~${kb(bytes)} | ${moduleResources} | | | failed: ${why} | | | | | | | | |`);
      continue;
    }
    const r = JSON.parse(child.stdout) as SizeRow;
    const perKb = r.scanMs / (r.bytes / 1e3);
    const cpuPerKb = r.scanCpuMs / (r.bytes / 1e3);
    if (bytes === 130e3) [perKb130, cpuPerKb130] = [perKb, cpuPerKb];
    const go = goOpa(inputFile);
    const ratio = typeof go === "number" ? `${(r.evaluateMs / go).toFixed(2)}×` : "";
    const vs130 = (x: number, at130?: number) => (at130 !== undefined && bytes > 130e3 ? ` (${(x / at130).toFixed(2)}× 130 KB)` : "");
    console.log(
      `| ${kb(r.bytes)} | ${moduleResources} | ${r.resources} | ${r.findings} | ${ms(r.firstMs)} | ${ms(r.scanMs)} | ${ms(perKb)}${vs130(perKb, perKb130)} | ` +
        `${ms(r.scanCpuMs)} | ${ms(cpuPerKb)}${vs130(cpuPerKb, cpuPerKb130)} | ` +
        `${Math.round(r.peakRssBytes / 2 ** 20)} MiB | ${ms(r.evaluateMs)} | ${typeof go === "number" ? ms(go) : go} | ${ratio} |`,
    );
  }
}

/**
 * Typical templates in one CLI call: 16, 50 and 500 files, for the default `--jobs` and each value
 * up to the cores. The choices alternate within each round, so that all see the same machine load;
 * each reports its median wall time and its median CPU time (every thread of the process, taken by
 * a preloaded module at exit), which other processes disturb less.
 */
function manyTemplates(dir: string, counts = [16, 50, 500], rounds = 5): void {
  const kinds = [
    readFileSync(repo("examples/insecure-acs-workload.json")),
    Buffer.from(syntheticTemplate(10e3)),
    readFileSync(repo("fixtures/expander/bicep-module/template.json")),
  ];
  const cores = availableParallelism();
  const cpuProbe = join(dir, "cpu-at-exit.mjs");
  writeFileSync(
    cpuProbe,
    `import { writeSync } from "node:fs";\nprocess.on("exit", () => { const u = process.cpuUsage(); writeSync(3, String(u.user + u.system)); });\n`,
  );
  const choices: Array<string[]> = [[], ...Array.from({ length: Math.max(2, cores) }, (_, i) => ["--jobs", String(i + 1)])];
  for (const count of counts) {
    const files = join(dir, `many-${count}`);
    mkdirSync(files);
    let total = 0;
    for (let i = 0; i < count; i++) {
      const bytes = kinds[i % kinds.length]!;
      writeFileSync(join(files, `t${String(i).padStart(3, "0")}.json`), bytes);
      total += bytes.length;
    }
    console.log(
      `\n${count} templates (${kb(total)}; ${kinds.map((k) => `${k.length} B`).join(", ")} in turn), one CLI call, ${cores} cores, ` +
        `load average ${loadavg()[0]!.toFixed(1)}, median of ${rounds}`,
    );
    const walls = choices.map((): number[] => []);
    const cpus = choices.map((): number[] => []);
    const statuses = choices.map((): Array<number | null> => []);
    for (let round = 0; round < rounds; round++) {
      choices.forEach((extra, c) => {
        const t = performance.now();
        const args = ["--import", cpuProbe, repo("bin/acs-baseline.js"), "scan", files, "--no-config", "--format", "json", ...extra];
        const run = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "inherit", "pipe"] });
        walls[c]!.push(performance.now() - t);
        cpus[c]!.push(Number(run.output[3]?.toString()) / 1000);
        statuses[c]!.push(run.status);
      });
    }
    choices.forEach((extra, c) => {
      const name = extra.length ? extra.join(" ") : "default";
      console.log(`  ${name.padEnd(9)} ${ms(median(walls[c]!)).padStart(10)} wall, ${ms(median(cpus[c]!)).padStart(10)} CPU (exit ${statuses[c]![0]})`);
    });
  }
}

/**
 * Bicep: what mapping findings back to Bicep lines adds to the scan of a template compiled from
 * Bicep (the same compiled JSON scanned as plain JSON, and as the output of its .bicep).
 * CPU time, the two scans alternating one by one (their order swapped every other pair) so that
 * both see the same load; each round gives one ratio of median times, and the median and spread
 * of the rounds are reported, so that neither a disturbed scan nor a disturbed round moves it.
 */
function bicepMapping(): void {
  let count = 1;
  while (syntheticBicep(count + 1).json.length <= 25_000) count++;
  const { bicep, json } = syntheticBicep(count);
  const scanner = new Scanner();
  const bicepScanner = new Scanner({ bicep: { compile: () => ({ json, sources: { "/bench/main.bicep": bicep } }) } });
  const findings = bicepScanner.scanContent("/bench/main.bicep", bicep).findings.length;
  console.log(`
Bicep-compiled template: ${json.length} bytes of JSON from ${bicep.length} bytes of Bicep (${count} resources, ${findings} findings)`);
  // The scanner keeps a Bicep file's parse while its text is unchanged: a text that differs on
  // every run (a trailing comment) measures a first scan, parse included.
  let source = bicep;
  let run = 0;
  const freshScanner = new Scanner({ bicep: { compile: () => ({ json, sources: { "/bench/main.bicep": source } }) } });
  const scans = {
    json: () => scanner.scanContent("/bench/main.json", json),
    fresh: () => {
      source = `${bicep}\n// run ${run++}`;
      return freshScanner.scanContent("/bench/main.bicep", source);
    },
    again: () => bicepScanner.scanContent("/bench/main.bicep", bicep),
  };
  const cpu = (scan: () => unknown) => {
    const c = process.cpuUsage();
    scan();
    const used = process.cpuUsage(c);
    return used.user + used.system;
  };
  const ROUNDS = 25;
  const PAIRS = 40;
  for (let i = 0; i < 30; i++) for (const scan of Object.values(scans)) scan();
  const overhead = { fresh: [] as number[], again: [] as number[] };
  const perScan = { json: [] as number[], fresh: [] as number[], again: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const kind of ["fresh", "again"] as const) {
      const asJson: number[] = [];
      const asBicep: number[] = [];
      for (let i = 0; i < PAIRS; i++) {
        if (i % 2 === 0) {
          asJson.push(cpu(scans.json));
          asBicep.push(cpu(scans[kind]));
        } else {
          asBicep.push(cpu(scans[kind]));
          asJson.push(cpu(scans.json));
        }
      }
      // Medians within the round: a scan disturbed by another process moves one sample, not the round.
      overhead[kind].push(median(asBicep) / median(asJson) - 1);
      perScan[kind].push(median(asBicep) / 1000);
      perScan.json.push(median(asJson) / 1000);
    }
  }
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const quartiles = (xs: number[]) => {
    const s = sorted(xs);
    return [s[Math.floor((s.length - 1) / 4)]!, s[Math.floor((s.length - 1) / 2)]!, s[Math.ceil(((s.length - 1) * 3) / 4)]!] as const;
  };
  const pct = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}%`;
  const spread = (xs: number[]) => {
    const [q1, med, q3] = quartiles(xs);
    const s = sorted(xs);
    return `${pct(med)} (middle half of the rounds ${pct(q1)} to ${pct(q3)}; all ${pct(s[0]!)} to ${pct(s[s.length - 1]!)})`;
  };
  console.log(
    `  CPU time per scan, medians: as JSON ${ms(median(perScan.json))}, as Bicep ${ms(median(perScan.fresh))} (first scan of a text), ${ms(median(perScan.again))} (same text again)`,
  );
  console.log(
    `  Bicep mapping overhead (budget +10%): median over ${ROUNDS} rounds of the ratio of median CPU times of ${PAIRS} alternating pairs; compiling excluded`,
  );
  console.log(`    first scan of a text, parse included: ${spread(overhead.fresh)}`);
  console.log(`    the same text again (parse kept):     ${spread(overhead.again)}`);
}

const given = process.argv.slice(2);
if (given[0] === "--bicep") {
  bicepMapping();
} else if (given[0] === "--many") {
  const dir = tempDir("acs-bench-");
  try {
    manyTemplates(dir, given.length > 1 ? given.slice(1).map(Number) : undefined);
  } finally {
    rmSync(dir, { recursive: true });
  }
} else if (given.length > 0) {
  stageCosts(given.map((f) => [f, readFileSync(f)]));
} else {
  const example = repo("examples/insecure-acs-workload.json");
  stageCosts([
    [example, readFileSync(example)],
    ["acs-workload-14KB.json", Buffer.from(acsWorkloadTemplate(4))],
    ["synthetic-1MB.json", Buffer.from(syntheticTemplate(1e6))],
  ]);
  const dir = tempDir("acs-bench-");
  try {
    sizeSeries(dir);
    manyTemplates(dir);
    bicepMapping();
  } finally {
    rmSync(dir, { recursive: true });
  }
}
