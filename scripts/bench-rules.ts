/**
 * Where a template's evaluation goes, rule by rule: builds the policy with one entrypoint per rule
 * (besides acs/main/report) and times each on the normalized input of the given template, by CPU
 * time (user + system), which a busy machine disturbs less than wall time. Each entrypoint's floor
 * is the cost of reading the input into the module; a rule costs what it adds to it.
 * Usage: npm run build && node dist/scripts/bench-rules.js [template.json]   (default: the bundled example)
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { LoadedPolicy } from "@open-policy-agent/opa-wasm";
import { expandTemplate, toPolicyInput, type JsonObject } from "../src/arm/index.js";
import { readSource } from "../src/reader/index.js";
import { tempDir } from "./temp-dir.js";

const repo = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;
const opa = createRequire(import.meta.url)("@open-policy-agent/opa-wasm") as {
  loadPolicySync(wasm: WebAssembly.Module, memory: WebAssembly.MemoryDescriptor): LoadedPolicy;
};

function rulePackages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return rulePackages(path);
    if (!name.endsWith(".rego") || name.endsWith("_test.rego")) return [];
    const match = /^package\s+(\S+)/m.exec(readFileSync(path, "utf8"));
    return match ? [match[1]!.replace(/\./g, "/")] : [];
  });
}

function buildPolicy(): Uint8Array {
  const tmp = tempDir("acs-bench-rules-");
  try {
    const entrypoints = ["acs/main/report", ...rulePackages(repo("policies/acs/rules")).map((p) => `${p}/deny`)];
    const capabilities = join(tmp, "capabilities.json");
    const current = execFileSync("bash", [repo("scripts/opa.sh"), "capabilities", "--current"]);
    writeFileSync(capabilities, execFileSync("node", [repo("dist/scripts/wasm-capabilities.js")], { input: current }));
    const bundle = join(tmp, "bundle.tar.gz");
    execFileSync("bash", [
      repo("scripts/opa.sh"),
      "build",
      "-t",
      "wasm",
      ...entrypoints.flatMap((e) => ["-e", e]),
      "--capabilities",
      capabilities,
      "--ignore",
      "*_test.rego",
      "-o",
      bundle,
      repo("policies/acs"),
    ]);
    execFileSync("tar", ["-xzf", bundle, "-C", tmp, "/policy.wasm"], { stdio: "ignore" });
    return readFileSync(join(tmp, "policy.wasm"));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const file = process.argv[2] ?? repo("examples/insecure-acs-workload.json");
const source = readSource(file, readFileSync(file));
const input = new TextEncoder().encode(JSON.stringify(toPolicyInput(expandTemplate(file, source.value as JsonObject))));
const policy = opa.loadPolicySync(new WebAssembly.Module(buildPolicy()), { initial: 4096, maximum: 16384 });
const entrypoints = Object.keys(policy.entrypoints);
const buffer = input.slice().buffer;

// Warm every entrypoint first, so that the engine's tiers have compiled what each one runs.
for (let i = 0; i < 300; i++) for (const e of entrypoints) policy.evaluate(buffer, e);
const samples = new Map<string, number[]>(entrypoints.map((e) => [e, []]));
for (let round = 0; round < 25; round++) {
  for (const e of entrypoints) {
    const start = process.cpuUsage();
    for (let i = 0; i < 20; i++) policy.evaluate(buffer, e);
    const used = process.cpuUsage(start);
    samples.get(e)!.push((used.user + used.system) / 1000 / 20);
  }
}
// The first quartile: the rounds the rest of the machine disturbed least.
const quartile = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 4)]!;
console.log(`${file}: ${input.byteLength} bytes of policy input; CPU ms per evaluation (first quartile of 25 rounds)`);
for (const [e, ms] of [...samples].map(([e, xs]) => [e, quartile(xs)] as const).sort((a, b) => b[1] - a[1])) {
  console.log(`${ms.toFixed(3).padStart(8)}  ${e}`);
}
