/**
 * The fuzzing harness (`npm run fuzz`, not part of `npm test`). Mutates the fixtures (see
 * fuzz-mutate.ts) and random bytes, runs each input through the library in a worker it can kill,
 * with a time budget per input and a heap budget per worker, and records crashes, hangs, budget
 * overruns, foreign error messages, non-deterministic output, and disagreement between a scan with
 * one worker and with two. Inputs that found something are written to fuzz-out/ to be kept as
 * regression fixtures (fixtures/fuzz/).
 *
 * Usage: npm run fuzz -- [--inputs 100000] [--seconds 0] [--workers 2] [--seed 1] [--budget-ms 10000]
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { createScanner } from "../src/index.js";
import type { FuzzJob, FuzzOutcome } from "./fuzz-worker.js";
import { Random, mutate } from "./fuzz-mutate.js";
import { keepTempDir, tempDir } from "./temp-dir.js";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const INPUTS = arg("inputs", 100_000);
const SECONDS = arg("seconds", 0);
const WORKERS = arg("workers", 2);
const SEED = arg("seed", 1);
const BUDGET_MS = arg("budget-ms", 10_000);
const HEAP_MB = 1024;
const JOBS_CHECK_EVERY = 2_000;

const root = new URL("../../", import.meta.url).pathname;
const out = join(root, "fuzz-out");
mkdirSync(out, { recursive: true });

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? jsonFiles(full) : name.endsWith(".json") ? [full] : [];
  });
}
// Seeds: the fixtures and examples, but not the inputs already known to be slow to evaluate.
const seeds = [...jsonFiles(join(root, "fixtures")), ...jsonFiles(join(root, "examples"))]
  .filter((f) => !f.includes("fuzz-pending"))
  .sort()
  .map((f) => readFileSync(f));

// The directory inputs are "in": it holds a template to link to, so links resolve to real files.
const home = tempDir("acs-fuzz-");
writeFileSync(join(home, "self.json"), seeds[0]!);
const inputName = join(home, "input.json");

const counts: Record<string, number> = {
  run: 0,
  ok: 0,
  error: 0,
  crash: 0,
  hang: 0,
  overrun: 0,
  foreign: 0,
  nondeterministic: 0,
  jobsDisagree: 0,
  jobsFlaky: 0,
  jobsChecks: 0,
};
const random = new Random(SEED);
const recent: Uint8Array[] = [];
const started = performance.now();

function record(kind: string, id: number, bytes: Uint8Array, detail: string): void {
  counts[kind] = (counts[kind] ?? 0) + 1;
  writeFileSync(join(out, `${kind}-${SEED}-${id}.input`), bytes);
  writeFileSync(join(out, `${kind}-${SEED}-${id}.txt`), `${detail}\n`);
}

class Slot {
  private worker!: Worker;
  private pending: { job: FuzzJob; timer: NodeJS.Timeout; done: () => void } | undefined;

  constructor() {
    this.spawn();
  }

  private spawn(): void {
    this.worker = new Worker(new URL("./fuzz-worker.js", import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    this.worker.on("message", (o: FuzzOutcome) => this.finish(o));
    this.worker.on("error", (e) => this.lost("overrun", `worker died: ${e.message}`));
    this.worker.on("exit", (code) => code !== 0 && this.lost("crash", `worker exited with code ${code}`));
  }

  run(job: FuzzJob): Promise<void> {
    return new Promise((done) => {
      // The budget is per scan; an input checked for determinism is scanned twice.
      const limit = job.twice ? 2 * BUDGET_MS : BUDGET_MS;
      const timer = setTimeout(() => this.lost("hang", `no result in ${limit} ms`), limit);
      this.pending = { job, timer, done };
      this.worker.postMessage(job);
    });
  }

  private finish(o: FuzzOutcome): void {
    const p = this.pending;
    if (!p) return;
    clearTimeout(p.timer);
    this.pending = undefined;
    const { job } = p;
    if (o.crash) record("crash", job.id, job.bytes, o.crash);
    else if (o.foreign) record("foreign", job.id, job.bytes, o.foreign);
    else if (o.nondeterministic) record("nondeterministic", job.id, job.bytes, "two scans of the same input differ");
    else if (o.ms > BUDGET_MS / 2) record("overrun", job.id, job.bytes, `took ${o.ms.toFixed(0)} ms`);
    else {
      counts["ok"]!++;
      recent.push(job.bytes);
      if (recent.length > 16) recent.shift();
    }
    p.done();
  }

  private lost(kind: string, why: string): void {
    const p = this.pending;
    if (!p) return;
    clearTimeout(p.timer);
    this.pending = undefined;
    record(kind, p.job.id, p.job.bytes, why);
    this.worker.removeAllListeners();
    void this.worker.terminate();
    this.spawn();
    p.done();
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** Scans the last inputs that passed with one worker and with two: the reports must be identical. */
async function compareJobs(id: number): Promise<void> {
  const dir = tempDir("acs-fuzz-jobs-");
  recent.forEach((bytes, i) => writeFileSync(join(dir, `t${String(i).padStart(2, "0")}.json`), bytes));
  const scanner = createScanner();
  const compare = async () => {
    const one = await scanner.scanPathsAsync([dir], { workers: 1 });
    const two = await scanner.scanPathsAsync([dir], { workers: 2 });
    const differs = one.files.findIndex((f, i) => JSON.stringify(f) !== JSON.stringify(two.files[i]));
    if (differs < 0 && JSON.stringify(one) === JSON.stringify(two)) return undefined;
    return differs >= 0 ? `\n--jobs 1: ${JSON.stringify(one.files[differs])}\n--jobs 2: ${JSON.stringify(two.files[differs])}`.slice(0, 4000) : "";
  };
  counts["jobsChecks"]!++;
  const first = await compare();
  if (first === undefined) return rmSync(dir, { recursive: true });
  // A difference that does not come back on a second try is recorded apart, with what differed.
  const again = await compare();
  keepTempDir(dir); // the record names it: its templates reproduce the difference
  record(again === undefined ? "jobsFlaky" : "jobsDisagree", id, Buffer.concat(recent), `--jobs 1 and --jobs 2 differ on ${dir}${first}`);
}

const slots = Array.from({ length: WORKERS }, () => new Slot());
let next = 0;
const timeUp = () => SECONDS > 0 && performance.now() - started > SECONDS * 1000;
let stopping = false;
process.on("SIGINT", () => (stopping = true));

async function lane(slot: Slot): Promise<void> {
  while (next < INPUTS && !timeUp() && !stopping) {
    const id = next++;
    const bytes = mutate(random.pick(seeds), random);
    counts["run"]!++;
    await slot.run({ id, name: inputName, bytes, twice: id % 5 === 0 });
    if (id > 0 && id % JOBS_CHECK_EVERY === 0 && recent.length > 1) await compareJobs(id);
    if (id % 1000 === 0) report();
  }
}

function report(): void {
  const seconds = (performance.now() - started) / 1000;
  const problems = ["crash", "hang", "overrun", "foreign", "nondeterministic", "jobsDisagree", "jobsFlaky"].map((k) => `${k} ${counts[k] ?? 0}`).join(", ");
  console.log(
    `${counts["run"]} inputs in ${seconds.toFixed(0)} s (${(counts["run"]! / seconds).toFixed(1)}/s); ${problems}; ${counts["jobsChecks"]} jobs checks`,
  );
}

await Promise.all(slots.map(lane));
await Promise.all(slots.map((s) => s.close()));
rmSync(home, { recursive: true });
report();
writeFileSync(join(out, `summary-${SEED}.json`), JSON.stringify({ seed: SEED, seconds: (performance.now() - started) / 1000, ...counts }, null, 2));
const found = ["crash", "hang", "overrun", "foreign", "nondeterministic", "jobsDisagree", "jobsFlaky"].some((k) => counts[k]! > 0);
process.exitCode = found ? 1 : 0;
