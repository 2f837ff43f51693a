import { createScanner, ruleCatalog, version, type RuleCatalog } from "../index.js";
import { USAGE, UsageError, parseCommand } from "./args.js";

/** Where the CLI writes; the process streams in production, buffers in tests. */
export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  env: Record<string, string | undefined>;
}

export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

/** Runs the CLI and returns its exit code; it never exits the process itself. */
export function run(argv: readonly string[], io: CliIo): number {
  try {
    const command = parseCommand(argv);
    switch (command.name) {
      case "help":
        io.stdout.write(USAGE + "\n");
        return EXIT.ok;
      case "version": {
        const catalog = ruleCatalog();
        io.stdout.write(`${version.name} ${version.version} (rule pack: ${catalog.rules.length} rules, OPA ${catalog.opaVersion})\n`);
        return EXIT.ok;
      }
      case "rules":
        io.stdout.write(formatRules(ruleCatalog(), command.format));
        return EXIT.ok;
      case "scan": {
        const scanner = createScanner({
          rules: command.rules,
          failOn: command.failOn,
          unknown: command.unknown,
          templateParameters: command.templateParameters,
          ...(command.parameterFile ? { parameterFile: command.parameterFile } : {}),
        });
        const report = scanner.scanPaths(command.paths);
        const color = command.color ?? (Boolean(io.stdout.isTTY) && !io.env["NO_COLOR"]);
        io.stdout.write(scanner.format(report, command.format, { color }));
        if (report.errors.length > 0) return EXIT.error;
        return report.summary.failing > 0 ? EXIT.findings : EXIT.ok;
      }
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`acs-baseline: ${e.message}\nRun 'acs-baseline --help' for usage.\n`);
    } else {
      io.stderr.write(`acs-baseline: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    return EXIT.error;
  }
}

function formatRules(catalog: RuleCatalog, format: string): string {
  if (format === "json") return JSON.stringify(catalog.rules, null, 2) + "\n";
  const lines = catalog.rules.map(
    (r) => `${r.id.padEnd(13)} ${r.severity.padEnd(9)} ${(r.defaultEnabled ? "on" : "off").padEnd(4)} ${r.title}`,
  );
  return [`${"ID".padEnd(13)} ${"SEVERITY".padEnd(9)} ${"DEF".padEnd(4)} TITLE`, ...lines].join("\n") + "\n";
}
