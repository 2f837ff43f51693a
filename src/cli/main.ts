import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import {
  baselineDocument,
  createScanner,
  findConfig,
  loadConfig,
  readBaseline,
  ruleCatalog,
  version,
  type FileResult,
  type LoadedConfig,
  type RuleCatalog,
  type ScanOptions,
} from "../index.js";
import { TRACING_FORMATS } from "../formatters/trace.js";
import { MAX_SOURCE_BYTES } from "../reader/index.js";
import { USAGE, UsageError, parseCommand, type ScanCommand } from "./args.js";
import { changedTemplates } from "./changed.js";
import { useColor } from "./color.js";
import { starterConfig } from "./starter-config.js";
import { writeOutputFile } from "./output-file.js";
import { lineStart, plainText } from "../formatters/escape.js";

/** Where the CLI reads and writes; the process in production, buffers in tests. */
export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** The working directory (configuration lookup, relative paths in reports). */
  cwd: string;
  /**
   * Reads standard input, for `scan -` (bytes, so that invalid UTF-8 is reported, not replaced),
   * stopping once more than `maxBytes` have arrived (`scan - < /dev/zero` must end).
   */
  readStdin(maxBytes: number): Promise<Uint8Array>;
}

export const EXIT = { ok: 0, findings: 1, error: 2, internal: 3 } as const;

const DOCS_URL = new URL("../../../docs/rules/", import.meta.url);

/** Runs the CLI and returns its exit code; it never exits the process itself. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const command = parseCommand(argv);
    switch (command.name) {
      case "help":
        io.stdout.write(USAGE + "\n");
        return EXIT.ok;
      case "version": {
        const catalog = ruleCatalog();
        io.stdout.write(
          `${version.name} ${version.version} (rule pack: ${catalog.rules.length} rules, policy ${catalog.policySha256.slice(0, 12)}, OPA ${catalog.opaVersion})\n`,
        );
        return EXIT.ok;
      }
      case "rules":
        io.stdout.write(formatRules(ruleCatalog(), command.format));
        return EXIT.ok;
      case "explain": {
        if (!ruleCatalog().rules.some((r) => r.id === command.rule)) throw new UsageError(`unknown rule id ${command.rule}`);
        io.stdout.write(readFileSync(new URL(`${command.rule}.md`, DOCS_URL), "utf8"));
        return EXIT.ok;
      }
      case "init": {
        const path = resolve(io.cwd, command.path);
        writeOutputFile(io.cwd, command.path, starterConfig(dirname(path)), true);
        io.stdout.write(`wrote ${plainText(command.path)}\n`);
        return EXIT.ok;
      }
      case "scan":
        return await scan(command, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`acs-baseline: ${plainText(e.message)}\nRun 'acs-baseline --help' for usage.\n`);
    } else if (isBug(e)) {
      // (a TypeError and the like is the scanner's fault, never the input's)
      io.stderr.write(
        `acs-baseline: internal error: ${plainText(e.message)}. This is a bug in acs-baseline; please report it with the command that caused it.\n`,
      );
      if (argv.includes("--debug") && e.stack) io.stderr.write(`${escapeLines(e.stack)}\n`);
      return EXIT.internal;
    } else {
      io.stderr.write(`acs-baseline: ${plainText(e instanceof Error ? e.toString().replace(/^(Input)?Error: /, "") : String(e))}\n`);
    }
    return EXIT.error;
  }
}

async function scan(command: ScanCommand, io: CliIo): Promise<number> {
  const catalog = ruleCatalog();
  const rules = new Map(catalog.rules.map((r) => [r.id, r]));
  const configPath = command.noConfig ? undefined : command.config ? resolve(io.cwd, command.config) : findConfig(io.cwd);
  const config: LoadedConfig | undefined = configPath ? loadConfig(configPath, rules) : undefined;
  const baselinePath = command.baseline ? resolve(io.cwd, command.baseline) : config?.baseline;
  const base = config?.options ?? {};
  const options: ScanOptions = {
    ...base,
    rules: { ...base.rules, ...command.rules },
    templateParameters: { ...base.templateParameters, ...command.templateParameters },
    ...((command.failOn ?? base.failOn) ? { failOn: command.failOn ?? base.failOn } : {}),
    ...((command.unknown ?? base.unknown) ? { unknown: command.unknown ?? base.unknown } : {}),
    ...(command.parameterFile ? { parameterFile: resolve(io.cwd, command.parameterFile) } : {}),
    ...(baselinePath ? { baseline: readBaseline(baselinePath) } : {}),
    ...(command.debug ? { debug: true } : {}),
    // a bare name (bicep, az) is looked up on PATH; a path is taken from the working directory
    ...(command.bicep ? { bicep: { ...base.bicep, path: /[\\/]/.test(command.bicep) ? resolve(io.cwd, command.bicep) : command.bicep } } : {}),
    ...(command.evidence ? { evidence: true } : {}),
    // (computed with the findings when printed: one pass over each file for both)
    traces: command.outputs.some((o) => TRACING_FORMATS.has(o.format)) ? "always" : "never",
  };
  const scanner = createScanner(options);
  const start = new Date();

  const select = {
    ...(config ? { include: config.include, exclude: config.exclude, baseDir: resolve(configPath!, "..") } : {}),
    gitignore: command.gitignore && (config?.gitignore ?? true),
  };
  let paths = command.paths.filter((p) => p !== "-");
  let roots: string[] | undefined;
  if (command.changedSince !== undefined || command.changedFiles) {
    const changed = changedTemplates(command, io.cwd, select);
    paths = changed.templates.map((t) => relative(io.cwd, t) || t);
    roots = changed.roots;
  }
  const showProgress = Boolean(io.stderr.isTTY) && !command.quiet;
  const fromPaths = paths.length
    ? await scanner.scanPathsAsync(paths, {
        ...(command.jobs ? { workers: command.jobs } : {}),
        select,
        ...(roots ? { roots } : {}),
        ...(showProgress ? { onProgress: (done: number, total: number) => total >= 20 && io.stderr.write(`\rscanning ${done}/${total} files`) } : {}),
      })
    : undefined;
  if (showProgress) io.stderr.write("\r\u001b[K");
  const results: FileResult[] = [...(fromPaths?.files ?? [])];
  if (command.paths.includes("-")) results.unshift(scanner.scanContent("stdin.json", await io.readStdin(MAX_SOURCE_BYTES)));
  const report = scanner.report(results);
  const time = { start, end: new Date() };

  const color = useColor(command.color, io.env, Boolean(io.stdout.isTTY));
  for (const out of command.outputs) {
    const text = scanner.format(report, out.format, { color: color && !out.path, baseDir: io.cwd, quiet: command.quiet, time });
    if (out.path) writeOutputFile(io.cwd, out.path, text);
    else io.stdout.write(text);
  }
  if (command.writeBaseline) {
    writeOutputFile(io.cwd, command.writeBaseline, baselineDocument(report, version));
    if (!command.quiet) io.stderr.write(`recorded ${report.findings.length} findings in ${plainText(command.writeBaseline)}\n`);
  }
  if (command.debug) for (const e of report.errors) if (e.stack) io.stderr.write(`${escapeLines(`${e.file}: ${e.stack}`)}\n`);
  if (report.errors.some((e) => e.internal)) return EXIT.internal;
  if (report.errors.length > 0) return EXIT.error;
  if (command.writeBaseline) return EXIT.ok;
  return report.summary.failing > 0 ? EXIT.findings : EXIT.ok;
}

/** Errors JavaScript throws for a programming mistake, not for bad input. */
function isBug(e: unknown): e is Error {
  return e instanceof TypeError || e instanceof ReferenceError || e instanceof RangeError;
}

/**
 * A stack trace for standard error: its message comes from the input, so each line is escaped as
 * text output is (a CI runner reads workflow commands on standard error too).
 */
function escapeLines(text: string): string {
  return text.split("\n").map(lineStart).join("\n");
}

function formatRules(catalog: RuleCatalog, format: string): string {
  if (format === "json") return JSON.stringify(catalog.rules, null, 2) + "\n";
  const lines = catalog.rules.map((r) => `${r.id.padEnd(13)} ${r.severity.padEnd(9)} ${(r.defaultEnabled ? "on" : "off").padEnd(4)} ${r.title}`);
  return [`${"ID".padEnd(13)} ${"SEVERITY".padEnd(9)} ${"DEF".padEnd(4)} TITLE`, ...lines].join("\n") + "\n";
}
