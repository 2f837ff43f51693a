import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cliIn, repoPath } from "../helpers.js";
import { tempDir } from "../../scripts/temp-dir.js";

// The `az bicep` fallback: no --bicep, no `bicep` on PATH, only `az`. The stand-in az
// (fixtures/bicep/bin-az/az) accepts only the command lines real az accepts and refuses to do
// what a real az would do over the network (download its Bicep CLI, check for a newer release).
const fixtures = repoPath("fixtures/bicep");

function copy(name: string): string {
  const dir = tempDir("acs-bicep-az-");
  cpSync(join(fixtures, name), join(dir, name), { recursive: true });
  return join(dir, name);
}

/** An Azure CLI configuration folder, with az's own Bicep CLI installed or not. */
function azConfig(withBicep: boolean): string {
  const dir = tempDir("acs-azconfig-");
  if (withBicep) {
    mkdirSync(join(dir, "bin"));
    writeFileSync(join(dir, "bin", "bicep"), "#!/bin/sh\nexit 0\n");
    chmodSync(join(dir, "bin", "bicep"), 0o755);
  }
  return dir;
}

/** Runs the CLI with only the stand-in az (and node, for its #!/usr/bin/env node) on PATH. */
async function withAz(env: Record<string, string>, cwd: string, ...argv: string[]) {
  const names = ["PATH", "AZURE_CONFIG_DIR", "BICEP_STUB_LOG", "AZ_STUB_OLD_BUILD_PARAMS"];
  const saved = names.map((n) => process.env[n]);
  process.env["PATH"] = [join(fixtures, "bin-az"), join(process.execPath, "..")].join(delimiter);
  for (const [k, v] of Object.entries(env)) process.env[k] = v;
  try {
    return await cliIn(cwd, "", ...argv);
  } finally {
    names.forEach((n, i) => (saved[i] === undefined ? delete process.env[n] : (process.env[n] = saved[i])));
  }
}

const logged = (log: string) =>
  existsSync(log)
    ? readFileSync(log, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as unknown[])
    : [];

test("az bicep: compiles with az's documented command line, offline, and maps to the Bicep lines", async () => {
  const dir = copy("modules");
  const log = join(dir, "..", "az.log");
  const r = await withAz({ AZURE_CONFIG_DIR: azConfig(true), BICEP_STUB_LOG: log }, dir, "scan", "main.bicep", "--no-config");
  assert.is(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, "modules/comms.bicep:11:5  high     fail     ACS-IAM-001");
  assert.equal(logged(log), [
    ["az", "bicep", "build", "--file", "main.bicep", "--stdout", "--no-restore", { AZURE_BICEP_CHECK_VERSION: "false", AZURE_CORE_COLLECT_TELEMETRY: "false" }],
  ]);
});

test("az bicep build-params: a .bicepparam compiled through az drives the scan", async () => {
  const dir = copy("symbolic");
  const log = join(dir, "..", "az.log");
  const r = await withAz({ AZURE_CONFIG_DIR: azConfig(true), BICEP_STUB_LOG: log }, dir, "scan", "main.bicepparam", "--no-config", "--format", "json");
  assert.is(r.code, 1, r.stdout + r.stderr);
  const findings = (JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; file: string; related?: Array<{ file: string }> }> }).findings;
  const iam = findings.find((f) => f.ruleId === "ACS-IAM-001");
  assert.ok(iam?.file.endsWith("main.bicep"), "the value set in the .bicepparam fails ACS-IAM-001 at the template's line");
  assert.ok(
    iam?.related?.some((r) => r.file.endsWith("main.bicepparam")),
    "and points at the .bicepparam value",
  );
  assert.equal(
    logged(log).map((l) => l.slice(0, 7)),
    [["az", "bicep", "build-params", "--file", "main.bicepparam", "--stdout", "--no-restore"]],
  );
});

test("az without its Bicep CLI: a per-file error saying how to get one, az never asked to download it", async () => {
  const dir = copy("modules");
  rmSync(join(dir, "main.json"));
  const log = join(dir, "..", "az.log");
  const r = await withAz({ AZURE_CONFIG_DIR: azConfig(false), BICEP_STUB_LOG: log }, dir, "scan", "main.bicep", "modules/comms.bicep", "--no-config");
  assert.is(r.code, 2);
  assert.match(r.stdout, "the Azure CLI has no Bicep CLI installed");
  assert.match(r.stdout, "az bicep install");
  assert.match(r.stdout, "modules/comms.bicep:11:5  high     unknown  ACS-IAM-001", "the other file is scanned, from the compiled JSON committed beside it");
  assert.match(r.stdout, "the committed comms.json compiled from it was scanned");
  assert.equal(logged(log), [], "az was not run");
});

test("az bicep: a compile error lists the Bicep diagnostics at the source, without az's log prefix", async () => {
  const r = await withAz({ AZURE_CONFIG_DIR: azConfig(true) }, fixtures, "scan", "errors/broken.bicep", "--no-config");
  assert.is(r.code, 2);
  assert.match(r.stdout, "errors/broken.bicep:3:12: Bicep compilation failed with 1 error");
  assert.match(r.stdout, 'broken.bicep:3:12 BCP018: Expected the ":" character at this location.');
  assert.not.match(r.stdout, "ERROR:");
});

test("az bicep: an unrestored registry module says to run az bicep restore", async () => {
  const r = await withAz({ AZURE_CONFIG_DIR: azConfig(true) }, fixtures, "scan", "errors/registry.bicep", "--no-config");
  assert.is(r.code, 2);
  assert.match(r.stdout, "run 'az bicep restore --file errors/registry.bicep' first");
  assert.match(r.stdout, "BCP190");
});

test("an Azure CLI whose build-params has no --no-restore: an error, never a compile that may restore", async () => {
  const dir = copy("symbolic");
  const log = join(dir, "..", "az.log");
  const r = await withAz(
    { AZURE_CONFIG_DIR: azConfig(true), BICEP_STUB_LOG: log, AZ_STUB_OLD_BUILD_PARAMS: "1" },
    dir,
    "scan",
    "main.bicepparam",
    "--no-config",
  );
  assert.is(r.code, 2);
  assert.match(r.stdout, "has no --no-restore for this command");
  assert.ok(
    logged(log).every((l) => l.includes("--no-restore")),
    "every command line asked for no restore",
  );
});

test.run();
