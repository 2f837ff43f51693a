import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join, relative } from "node:path";
import { InputError } from "../model/index.js";
import { fsFault } from "../node/index.js";
import { MAX_SOURCE_BYTES } from "../reader/index.js";
import { NOT_RESTORED, parseDiagnostics, type BicepDiagnostic } from "./diagnostics.js";
import type { BicepCompile } from "../config/bicep-options.js";

/** A Bicep CLI found on this machine: the standalone `bicep`, or the Azure CLI's `az bicep`. */
export interface BicepCli {
  executable: string;
  /** `bicep` takes the file as an argument; `az bicep` takes `--file <path>`. */
  flavour: "bicep" | "az";
}

export const DEFAULT_COMPILE_TIMEOUT_MS = 120_000;
const MAX_DIAGNOSTICS_SHOWN = 10;
const MAX_STDERR_BYTES = 1024 * 1024;

export const NO_COMPILER_MESSAGE =
  "no Bicep compiler found: install the Bicep CLI (https://aka.ms/bicep/install) or the Azure CLI and run 'az bicep install', " +
  "put it on PATH, or name it with --bicep <path> (bicep.path in .acs-baseline.yaml)";

export const AZ_WITHOUT_BICEP_MESSAGE =
  "the Azure CLI has no Bicep CLI installed (az would download it, and the scanner never uses the network): run 'az bicep install' first, " +
  "or install the Bicep CLI (https://aka.ms/bicep/install) and put it on PATH";

/**
 * What `az` is told for every compile: no check for a newer Bicep release and no telemetry (both
 * are network calls az makes by default, read from its configuration or these variables).
 */
const AZ_OFFLINE_ENV = { AZURE_BICEP_CHECK_VERSION: "false", AZURE_CORE_COLLECT_TELEMETRY: "false" };

/** The CLI to use: the configured one, else `bicep` on PATH, else `az` on PATH (undefined: none). */
export function findBicepCli(configured: string | undefined, env: NodeJS.ProcessEnv = process.env): BicepCli | undefined {
  if (configured) return { executable: configured, flavour: /(^|[\\/])az(\.cmd|\.exe)?$/i.test(configured) ? "az" : "bicep" };
  const bicep = onPath(process.platform === "win32" ? ["bicep.exe", "bicep.cmd"] : ["bicep"], env);
  if (bicep) return { executable: bicep, flavour: "bicep" };
  const az = onPath(process.platform === "win32" ? ["az.cmd", "az.exe"] : ["az"], env);
  return az ? { executable: az, flavour: "az" } : undefined;
}

/**
 * Whether `az bicep` can compile without downloading: az runs its own copy of the Bicep CLI in its
 * configuration folder (or, when configured so, a `bicep` on PATH); without either it downloads one.
 */
export function azHasBicep(env: NodeJS.ProcessEnv = process.env): boolean {
  const configDir = env["AZURE_CONFIG_DIR"] || join(homedir(), ".azure");
  const own = join(configDir, "bin", process.platform === "win32" ? "bicep.exe" : "bicep");
  return existsSync(own) || onPath(process.platform === "win32" ? ["bicep.exe", "bicep.cmd"] : ["bicep"], env) !== undefined;
}

function onPath(names: string[], env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env["PATH"] ?? "").split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** The command line of a compile, in the CLI's documented `--stdout` form, never restoring from a registry. */
export function compileArguments(cli: BicepCli, command: "build" | "build-params", file: string): string[] {
  return cli.flavour === "az" ? ["bicep", command, "--file", file, "--stdout", "--no-restore"] : [command, file, "--stdout", "--no-restore"];
}

/**
 * Runs the CLI on one file, bounded in time and output, and returns what it printed on standard
 * output. A failed compile throws `InputError` listing the compiler's diagnostics.
 */
export function runBicepCli(cli: BicepCli, command: "build" | "build-params", file: string, timeoutMs: number): string {
  const result = spawnSync(cli.executable, compileArguments(cli, command, file), {
    encoding: "utf8",
    ...(cli.flavour === "az" ? { env: { ...process.env, ...AZ_OFFLINE_ENV } } : {}),
    timeout: timeoutMs,
    maxBuffer: MAX_SOURCE_BYTES + MAX_STDERR_BYTES,
    windowsHide: true,
    shell: process.platform === "win32" && /\.cmd$/i.test(cli.executable),
  });
  const error = result.error as NodeJS.ErrnoException | undefined;
  if (error?.code === "ETIMEDOUT") throw new InputError(file, `the Bicep compiler did not finish within ${timeoutMs / 1000} s`);
  if (error?.code === "ENOBUFS") throw new InputError(file, `the Bicep compiler printed more than ${MAX_SOURCE_BYTES / (1024 * 1024)} MiB`);
  if (error) throw new InputError(file, `the Bicep compiler ${cli.executable} cannot be run: ${fsFault(error)}`);
  // maxBuffer bounds each stream on its own, so both are measured here against their own limits.
  if (Buffer.byteLength(result.stdout ?? "", "utf8") > MAX_SOURCE_BYTES)
    throw new InputError(file, `the Bicep compiler printed more than ${MAX_SOURCE_BYTES / (1024 * 1024)} MiB`);
  const stderr = result.stderr ?? "";
  if (Buffer.byteLength(stderr, "utf8") > MAX_STDERR_BYTES)
    throw new InputError(file, `the Bicep compiler printed more than ${MAX_STDERR_BYTES / (1024 * 1024)} MiB of diagnostics`);
  if (result.status !== 0) throw compileFailure(cli, file, result.status, stderr + "\n" + (result.stdout ?? ""));
  return result.stdout ?? "";
}

/** Calls a compile function given through the API; its errors become the file's error. */
export function runCompileFunction(compile: BicepCompile, command: "build" | "build-params", file: string): { json: string; sources?: Record<string, string> } {
  try {
    return compile({ file, command });
  } catch (e) {
    throw new InputError(file, `Bicep compilation failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function compileFailure(cli: BicepCli, file: string, status: number | null, output: string): InputError {
  const errors = parseDiagnostics(output).filter((d) => d.level === "Error");
  // An Azure CLI older than the flag: compiling without it could restore from a registry, so never retry without.
  if (errors.length === 0 && /unrecognized arguments:.*--no-restore/.test(output)) {
    return new InputError(
      file,
      "this Azure CLI's 'az bicep' has no --no-restore for this command, and the scanner never compiles in a way that may use the network: " +
        "upgrade the Azure CLI, or install the Bicep CLI (https://aka.ms/bicep/install) and put it on PATH (or name it with --bicep <path>)",
    );
  }
  if (errors.length === 0) {
    const lines = output.trim().split(/\r?\n/).filter(Boolean).slice(0, 5).join(" | ");
    return new InputError(file, `the Bicep compiler failed (exit code ${status ?? "none"})${lines ? `: ${lines}` : ""}`);
  }
  const shown = errors.slice(0, MAX_DIAGNOSTICS_SHOWN).map((d) => describe(d));
  const more = errors.length > shown.length ? `; and ${errors.length - shown.length} more` : "";
  const restore = errors.some((d) => NOT_RESTORED.has(d.code))
    ? `registry modules are not in the local cache (the scanner compiles with --no-restore and never uses the network): run '${cli.flavour === "az" ? `az bicep restore --file ${file}` : `bicep restore ${file}`}' first; `
    : "";
  const own = errors.find((d) => sameFile(d.file, file));
  return new InputError(
    file,
    `${restore}Bicep compilation failed with ${errors.length} error${errors.length === 1 ? "" : "s"}: ${shown.join("; ")}${more}`,
    own ? { line: own.line, column: own.column } : undefined,
  );
}

function describe(d: BicepDiagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`;
}

function sameFile(reported: string, file: string): boolean {
  const path = reported.startsWith("file://") ? decodeURIComponent(new URL(reported).pathname) : reported;
  return relative(path, file) === "";
}
