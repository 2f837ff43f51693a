/**
 * The fuzzing harness (`npm run fuzz`, not part of `npm test`). Mutates the fixtures' templates,
 * parameter files and Bicep sources (see fuzz-mutate.ts) and random bytes, runs each input through
 * the library in a worker it can kill, with a time and a memory budget per input, and records
 * crashes, hangs, budget overruns, foreign error messages, non-deterministic output, and
 * disagreement between the CLI's `--jobs 1` and `--jobs 2`. A hang or overrun is run again at the
 * end in a process of its own and timed by CPU: one within the budget then was the machine's load.
 * Inputs that found something are written to fuzz-out/ to be kept as regression fixtures
 * (fixtures/fuzz/).
 *
 * Usage: npm run fuzz -- [--inputs 100000] [--seconds 0] [--workers 2] [--seed 1] [--budget-ms 10000]
 *   [--budget-mb 1024] [--jobs-every 1000]
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { inputFiles, type FuzzJob, type FuzzOutcome } from "./fuzz-job.js";
import { Random, mutate, mutateBicep } from "./fuzz-mutate.js";
import { keepTempDir, tempDir } from "./temp-dir.js";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const INPUTS = arg("inputs", 100_000);
const SECONDS = arg("seconds", 0);
const WORKERS = arg("workers", 2);
const SEED = arg("seed", 1);
/** A scan past half of this is an overrun; past all of it the worker is killed (a hang). */
const BUDGET_MS = arg("budget-ms", 10_000);
/** The worker's JavaScript heap: one input at a time, so the memory budget of each input. */
const BUDGET_MB = arg("budget-mb", 1024);
const JOBS_CHECK_EVERY = arg("jobs-every", 1000);
/** Inputs kept for the next `--jobs` comparison. */
const RECENT = 24;
const PROBLEMS = ["crash", "hang", "overrun", "memory", "foreign", "nondeterministic", "jobsDisagree", "jobsFlaky"] as const;

const root = new URL("../../", import.meta.url).pathname;
const cli = join(root, "bin", "acs-baseline.js");
const replay = new URL("./fuzz-replay.js", import.meta.url).pathname;
const out = join(root, "fuzz-out");
mkdirSync(out, { recursive: true });

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}
// Seeds: the fixtures and examples, but not the inputs already known to be slow to evaluate.
const fixtures = [...files(join(root, "fixtures")), ...files(join(root, "examples"))].filter((f) => !f.includes("fuzz-pending")).sort();
const PARAMETER_FILE = /\.parameters(\.[^/]*)?\.json$/;
/** Files with what they are scanned with: a parameter file's template, a Bicep source's compiled JSON. */
const paired = (pattern: RegExp, companion: (f: string) => string) =>
  fixtures.filter((f) => pattern.test(f) && existsSync(companion(f))).map((f) => ({ bytes: readFileSync(f), companion: readFileSync(companion(f)) }));
const seeds = {
  template: fixtures.filter((f) => f.endsWith(".json")).map((f) => readFileSync(f)),
  parameters: paired(PARAMETER_FILE, (f) => f.replace(PARAMETER_FILE, ".json")),
  bicep: paired(/\.bicep$/, (f) => f.replace(/\.bicep$/, ".json")),
};

/** Each worker's directory: it holds a template to link to, so links resolve to real files. */
function workerHome(): string {
  const home = tempDir("acs-fuzz-");
  writeFileSync(join(home, "self.json"), seeds.template[0]!);
  return home;
}

const counts: Record<string, number> = { run: 0, template: 0, parameters: 0, bicep: 0, clean: 0, refused: 0, twice: 0, jobsChecks: 0, unconfirmed: 0 };
for (const k of PROBLEMS) counts[k] = 0;
const random = new Random(SEED);
const recent: FuzzJob[] = [];
const suspects: Array<{ kind: "hang" | "overrun"; job: FuzzJob; detail: string }> = [];
let slowestMs = 0;
const started = performance.now();

function save(name: string, job: FuzzJob, detail: string): void {
  writeFileSync(join(out, `${name}.input`), job.bytes);
  if (job.companion) writeFileSync(join(out, `${name}.companion`), job.companion);
  writeFileSync(
    join(out, `${name}.txt`),
    `${job.kind} (${basename(inputFiles("", job.kind).scanned)}${job.companion ? `, companion ${basename(inputFiles("", job.kind).companion!)}` : ""}): ${detail}\n`,
  );
}

function record(kind: string, job: FuzzJob, detail: string): void {
  counts[kind] = (counts[kind] ?? 0) + 1;
  save(`${kind}-${SEED}-${job.id}`, job, detail);
}

type Verdict = { kind: "ok"; outcome: FuzzOutcome } | { kind: (typeof PROBLEMS)[number]; detail: string };

class Slot {
  private worker!: Worker;
  private pending: { timer: NodeJS.Timeout; done: (v: Verdict) => void } | undefined;
  readonly home = workerHome();

  constructor() {
    this.spawn();
  }

  private spawn(): void {
    this.worker = new Worker(new URL("./fuzz-worker.js", import.meta.url), {
      workerData: { home: this.home },
      resourceLimits: { maxOldGenerationSizeMb: BUDGET_MB },
    });
    this.worker.on("message", (o: FuzzOutcome) => this.finish(o));
    this.worker.on("error", (e: Error & { code?: string }) =>
      this.lost(
        e.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? { kind: "memory", detail: `past the ${BUDGET_MB} MiB heap: ${e.message}` }
          : { kind: "crash", detail: `worker died: ${e.message}` },
      ),
    );
    this.worker.on("exit", (code) => code !== 0 && this.lost({ kind: "crash", detail: `worker exited with code ${code}` }));
  }

  run(job: FuzzJob): Promise<Verdict> {
    return new Promise((done) => {
      // The budget is per scan; an input checked for determinism is scanned twice.
      const limit = job.twice ? 2 * BUDGET_MS : BUDGET_MS;
      const timer = setTimeout(() => this.lost({ kind: "hang", detail: `no result in ${limit} ms: the worker was killed` }), limit);
      this.pending = { timer, done };
      this.worker.postMessage(job);
    });
  }

  private finish(o: FuzzOutcome): void {
    const p = this.pending;
    if (!p) return;
    clearTimeout(p.timer);
    this.pending = undefined;
    if (o.crash) p.done({ kind: "crash", detail: o.crash });
    else if (o.foreign) p.done({ kind: "foreign", detail: o.foreign });
    else if (o.memory) p.done({ kind: "memory", detail: o.memory });
    else if (o.nondeterministic) p.done({ kind: "nondeterministic", detail: "two scans of the same input differ" });
    else if (o.ms > BUDGET_MS / 2) p.done({ kind: "overrun", detail: `took ${o.ms.toFixed(0)} ms (budget ${BUDGET_MS / 2} ms)` });
    else p.done({ kind: "ok", outcome: o });
  }

  private lost(verdict: Verdict): void {
    const p = this.pending;
    if (!p) return;
    clearTimeout(p.timer);
    this.pending = undefined;
    this.worker.removeAllListeners();
    void this.worker.terminate();
    this.spawn();
    p.done(verdict);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Writes a job as the files a directory scan pairs: `name.json`, with `name.parameters.json` or `name.bicep`. */
function writeJob(dir: string, name: string, job: FuzzJob): void {
  if (job.kind === "template") return writeFileSync(join(dir, `${name}.json`), job.bytes);
  writeFileSync(join(dir, `${name}.json`), job.companion!);
  writeFileSync(join(dir, job.kind === "parameters" ? `${name}.parameters.json` : `${name}.bicep`), job.bytes);
}

const run = promisify(execFile);
/** The CLI's JSON report and exit code for a directory scanned with `jobs` threads. */
async function scanWithJobs(dir: string, jobs: number): Promise<string> {
  const argv = [cli, "scan", ".", "--jobs", String(jobs), "--format", "json", "--no-config"];
  const options = { cwd: dir, maxBuffer: 1024 * 1024 * 1024, timeout: 30 * BUDGET_MS };
  try {
    return `exit 0\n${(await run(process.execPath, argv, options)).stdout}`;
  } catch (e) {
    const failed = e as { code?: number | string; stdout?: string; stderr?: string };
    return `exit ${failed.code}\n${failed.stdout ?? ""}${failed.stderr ?? ""}`;
  }
}

/** Scans the last inputs with the CLI's `--jobs 1` and `--jobs 2`: the reports must be byte-identical. */
async function compareJobs(id: number): Promise<void> {
  const dir = tempDir("acs-fuzz-jobs-");
  recent.forEach((job, i) => writeJob(dir, `t${String(i).padStart(2, "0")}`, job));
  const compare = async () => {
    const [one, two] = [await scanWithJobs(dir, 1), await scanWithJobs(dir, 2)];
    if (one === two) return undefined;
    const at = [...one].findIndex((c, i) => c !== two[i]);
    return `\n--jobs 1: …${one.slice(Math.max(0, at - 300), at + 700)}\n--jobs 2: …${two.slice(Math.max(0, at - 300), at + 700)}`;
  };
  counts["jobsChecks"]!++;
  const first = await compare();
  if (first === undefined) return rmSync(dir, { recursive: true });
  // A difference that does not come back on a second try is recorded apart, with what differed.
  const again = await compare();
  keepTempDir(dir); // the record names it: its files reproduce the difference
  const kind = again === undefined ? "jobsFlaky" : "jobsDisagree";
  counts[kind]!++;
  writeFileSync(join(out, `${kind}-${SEED}-${id}.txt`), `--jobs 1 and --jobs 2 differ on ${dir} (kept)${first}\n`);
}

function nextJob(id: number): FuzzJob {
  const twice = id % 5 === 0;
  const roll = random.next();
  if (roll < 0.15 && seeds.parameters.length > 0) {
    const p = random.pick(seeds.parameters);
    return { id, kind: "parameters", bytes: mutate(p.bytes, random), companion: p.companion, twice };
  }
  if (roll < 0.3 && seeds.bicep.length > 0) {
    const b = random.pick(seeds.bicep);
    return { id, kind: "bicep", bytes: mutateBicep(b.bytes, random), companion: b.companion, twice };
  }
  return { id, kind: "template", bytes: mutate(random.pick(seeds.template), random), twice };
}

const slots = Array.from({ length: WORKERS }, () => new Slot());
let next = 0;
const timeUp = () => SECONDS > 0 && performance.now() - started > SECONDS * 1000;
let stopping = false;
process.on("SIGINT", () => (stopping = true));

async function lane(slot: Slot): Promise<void> {
  while (next < INPUTS && !timeUp() && !stopping) {
    const job = nextJob(next++);
    counts["run"]!++;
    counts[job.kind]!++;
    if (job.twice) counts["twice"]!++;
    const verdict = await slot.run(job);
    if (verdict.kind === "ok") {
      counts[verdict.outcome.refused ? "refused" : "clean"]!++;
      slowestMs = Math.max(slowestMs, verdict.outcome.ms);
      recent.push(job);
      if (recent.length > RECENT) recent.shift();
    } else if (verdict.kind === "hang" || verdict.kind === "overrun") {
      suspects.push({ kind: verdict.kind, job, detail: verdict.detail });
      save(`suspect-${verdict.kind}-${SEED}-${job.id}`, job, verdict.detail);
    } else record(verdict.kind, job, verdict.detail);
    if (job.id > 0 && job.id % JOBS_CHECK_EVERY === 0 && recent.length > 1) await compareJobs(job.id);
    if (job.id % 1000 === 0) progress();
  }
}

/** Hangs and overruns again, each in a process of its own timed by CPU: those within the budget were the load. */
async function confirmSuspects(): Promise<void> {
  for (const { kind, job, detail } of suspects) {
    const name = `${kind}-${SEED}-${job.id}`;
    const saved = join(out, `suspect-${name}`);
    const argv = [replay, job.kind, `${saved}.input`, ...(job.companion ? [`${saved}.companion`] : [])];
    let confirmed = true;
    let again: string;
    try {
      const { cpuMs } = JSON.parse((await run(process.execPath, argv, { timeout: 10 * BUDGET_MS })).stdout) as { cpuMs: number };
      confirmed = cpuMs > BUDGET_MS / 2;
      again = `${cpuMs.toFixed(0)} ms of CPU`;
    } catch (e) {
      again = (e as Error).message.split("\n")[0]!;
    }
    counts[confirmed ? kind : "unconfirmed"]!++;
    const kept = join(out, `${confirmed ? "" : "load-"}${name}`);
    for (const ext of ["input", "companion"]) if (existsSync(`${saved}.${ext}`)) renameSync(`${saved}.${ext}`, `${kept}.${ext}`);
    rmSync(`${saved}.txt`);
    writeFileSync(`${kept}.txt`, `${job.kind}: ${detail}; alone, in a process of its own: ${again}\n`);
  }
}

const seconds = () => (performance.now() - started) / 1000;
function progress(): void {
  const problems = PROBLEMS.map((k) => `${k} ${counts[k]}`).join(", ");
  console.log(`${counts["run"]} inputs in ${seconds().toFixed(0)} s; ${problems}; ${suspects.length} to re-run alone; ${counts["jobsChecks"]} --jobs checks`);
}

await Promise.all(slots.map(lane));
await Promise.all(slots.map((s) => s.close()));
await confirmSuspects();
const summary = {
  seed: SEED,
  seconds: Math.round(seconds()),
  budgets: { msPerScan: BUDGET_MS, overrunPastMs: BUDGET_MS / 2, heapMiBPerInput: BUDGET_MB, policyEngineMiB: 1024 },
  slowestScanMs: Math.round(slowestMs),
  ...counts,
};
writeFileSync(join(out, `summary-${SEED}.json`), JSON.stringify(summary, null, 2));
const found = PROBLEMS.filter((k) => counts[k]! > 0);
console.log(
  [
    `fuzz seed ${SEED}: ${counts["run"]} inputs in ${summary.seconds} s (${(counts["run"]! / seconds()).toFixed(1)}/s)`,
    `  inputs: ${counts["template"]} templates, ${counts["parameters"]} parameter files, ${counts["bicep"]} Bicep sources (about 15% of each random bytes); ${counts["twice"]} scanned twice`,
    `  outcomes: ${counts["clean"]} scanned, ${counts["refused"]} refused with a per-file error; slowest scan ${summary.slowestScanMs} ms`,
    `  budgets: ${BUDGET_MS} ms per scan (an overrun past ${BUDGET_MS / 2} ms), ${BUDGET_MB} MiB of heap per input, the policy engine's 1 GiB`,
    `  problems: ${PROBLEMS.map((k) => `${k} ${counts[k]}`).join(", ")}`,
    `  --jobs 1 against --jobs 2 (CLI, JSON report and exit code): ${counts["jobsChecks"]} checks of ${RECENT} inputs`,
    `  hangs and overruns re-run alone (CPU time, a process of their own): ${suspects.length}, within the budget so the load: ${counts["unconfirmed"]}`,
    found.length ? `  FOUND: ${found.join(", ")} (see fuzz-out/)` : "  nothing found",
  ].join("\n"),
);
process.exitCode = found.length ? 1 : 0;
