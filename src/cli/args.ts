import { parseArgs } from "node:util";
import { FORMAT_NAMES, SEVERITIES, type FormatName, type Severity, type UnknownHandling } from "../index.js";

/** A command line that cannot be understood; exit code 2 with a one-line message. */
export class UsageError extends Error {}

/** One output: a format, written to a file or (no path) to standard output. */
export interface Output {
  format: FormatName;
  path?: string;
}

export interface ScanCommand {
  name: "scan";
  paths: string[];
  outputs: Output[];
  failOn?: Severity;
  unknown?: UnknownHandling;
  rules: Record<string, boolean>;
  parameterFile?: string;
  /** The Bicep CLI to compile .bicep and .bicepparam files with. */
  bicep?: string;
  templateParameters: Record<string, unknown>;
  config?: string;
  noConfig: boolean;
  baseline?: string;
  writeBaseline?: string;
  jobs?: number;
  quiet: boolean;
  /** `--debug`: stack traces of internal errors. */
  debug: boolean;
  /** `--color` / `--no-color`; undefined: decided by FORCE_COLOR, NO_COLOR and whether stdout is a terminal. */
  color: boolean | undefined;
  /** Scan only the templates changed since this git ref (and those the changes touch). */
  changedSince?: string;
  /** The paths are changed files (a pre-commit hook's staged names): scan the templates they touch. */
  changedFiles: boolean;
  /** Honour .gitignore files when walking directories. */
  gitignore: boolean;
  /** Record every evaluation (passes too): `--evidence`, or an `html` report, which shows them. */
  evidence: boolean;
}

export type Command =
  | ScanCommand
  | { name: "rules"; format: "text" | "json" }
  | { name: "explain"; rule: string }
  | { name: "init"; path: string }
  | { name: "help" }
  | { name: "version" };

export const USAGE = `Usage:
  acs-baseline scan <file|directory|->... [options]  scan ARM templates and Bicep files (directories recursively; - reads stdin)
  acs-baseline rules [--format text|json]             list the rules
  acs-baseline explain <RULE-ID>                      print a rule's documentation
  acs-baseline init [file]                            write a commented starter .acs-baseline.yaml
  acs-baseline --version | --help

Scan options:
  --format <name>[=<file>]     ${FORMAT_NAMES.join(", ")
    .replace(/(.{1,62})(?:, |$)/g, "$1,\n                               ")
    .replace(/,\s*$/, "")}
                               (text by default); to a file with =<file>; repeatable
                               (e.g. --format text --format sarif=out.sarif)
  --fail-on <severity>         least severe failing finding that fails the run:
                               critical, high, medium, low (default), info
  --unknown warn|fail|ignore   how findings that depend on unknown values count (default warn)
  --config <file>              configuration file (default: .acs-baseline.yaml here or above)
  --no-config                  do not read a configuration file
  --baseline <file>            accept the findings recorded in a baseline file
  --write-baseline <file>      record the current findings in a baseline file
  --parameters <file>          parameter file for every template (default: x.parameters*.json beside x.json)
  --param <name>=<value>       a template parameter value (JSON, or else a string; repeatable)
  --bicep <path>               the Bicep CLI for .bicep/.bicepparam files (default: bicep on PATH, else az bicep)
  --enable <RULE-ID>           run a rule that is off by default (repeatable)
  --disable <RULE-ID>          do not run a rule (repeatable)
  --jobs <n>                   threads that scan (default: one per two idle cores when there are many files)
  --changed-since <git-ref>    scan only templates changed since the ref (git diff --name-only),
                               those a changed parameter file belongs to, and those linking a
                               changed template or module; paths narrow where (default .)
  --changed-files              the paths are changed files (as a pre-commit hook passes them):
                               scan the templates among them and those they touch
  --no-gitignore               walk directories without honouring .gitignore files
  --evidence                   record every evaluation, passes and rules that applied to
                               nothing included (in json; html always has it)
  --quiet                      print only what fails the run, and errors
  --debug                      print the stack trace of an internal error (a bug to report)
  --color, --no-color          force colours on or off (default: on for a terminal; FORCE_COLOR
                               and NO_COLOR are honoured)

Exit codes: 0 nothing fails, 1 failing findings, 2 usage, configuration or input errors (wins over 1),
3 an internal error: a bug of acs-baseline to report (wins over 2).`;

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${option} must be one of ${allowed.join(", ")} (got '${value}')`);
  }
  return value as T;
}

function output(spec: string): Output {
  const eq = spec.indexOf("=");
  const format = oneOf(eq < 0 ? spec : spec.slice(0, eq), FORMAT_NAMES, "--format");
  if (eq < 0) return { format };
  const path = spec.slice(eq + 1);
  if (path === "") throw new UsageError(`--format ${format}= needs a file name`);
  return { format, path };
}

function parameterValues(specs: readonly string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const p of specs) {
    const eq = p.indexOf("=");
    if (eq <= 0) throw new UsageError(`--param takes name=value (got '${p}')`);
    const text = p.slice(eq + 1);
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // not JSON: the value is the text itself
    }
    values[p.slice(0, eq)] = value;
  }
  return values;
}

/** Parses the command line (without `node` and the script path). */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string", multiple: true, default: [] },
        "fail-on": { type: "string" },
        unknown: { type: "string" },
        enable: { type: "string", multiple: true, default: [] },
        disable: { type: "string", multiple: true, default: [] },
        parameters: { type: "string" },
        bicep: { type: "string" },
        param: { type: "string", multiple: true, default: [] },
        config: { type: "string" },
        "no-config": { type: "boolean", default: false },
        baseline: { type: "string" },
        "write-baseline": { type: "string" },
        jobs: { type: "string" },
        quiet: { type: "boolean", default: false },
        evidence: { type: "boolean", default: false },
        debug: { type: "boolean", default: false },
        color: { type: "boolean" },
        "no-color": { type: "boolean" },
        "changed-since": { type: "string" },
        "changed-files": { type: "boolean", default: false },
        "no-gitignore": { type: "boolean", default: false },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { name: "help" };
  if (values.version) return { name: "version" };
  const [command, ...rest] = positionals;
  switch (command) {
    case "rules": {
      const [format = "text"] = values.format;
      return { name: "rules", format: oneOf(format, ["text", "json"] as const, "--format") };
    }
    case "explain":
      if (rest.length !== 1) throw new UsageError("explain takes one rule id");
      return { name: "explain", rule: rest[0]!.toUpperCase() };
    case "init":
      if (rest.length > 1) throw new UsageError("init takes at most one file name");
      return { name: "init", path: rest[0] ?? ".acs-baseline.yaml" };
    case "scan":
      break;
    default:
      throw new UsageError(command ? `unknown command '${command}'` : "no command given");
  }
  const changedSince = values["changed-since"];
  if (changedSince !== undefined && (changedSince === "" || changedSince.startsWith("-")))
    throw new UsageError(`--changed-since needs a git ref (got '${changedSince}')`);
  if (changedSince !== undefined && values["changed-files"]) throw new UsageError("--changed-since and --changed-files cannot be combined");
  if (values.color && values["no-color"]) throw new UsageError("--color and --no-color cannot be combined");
  if (rest.length === 0 && changedSince === undefined && !values["changed-files"])
    throw new UsageError("scan needs at least one file or directory (or - for standard input)");
  const rules: Record<string, boolean> = {};
  for (const id of values.enable) rules[id] = true;
  for (const id of values.disable) rules[id] = false;
  const outputs = values.format.length === 0 ? [{ format: "text" as const }] : values.format.map(output);
  if (outputs.filter((o) => !o.path).length > 1) throw new UsageError("only one --format may write to standard output; give the others =<file>");
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError(`--jobs must be a whole number from 1 to 64 (got '${values.jobs}')`);
  }
  return {
    name: "scan",
    paths: rest.length === 0 && changedSince !== undefined ? ["."] : rest,
    outputs,
    ...(values["fail-on"] !== undefined ? { failOn: oneOf(values["fail-on"], SEVERITIES, "--fail-on") } : {}),
    ...(values.unknown !== undefined ? { unknown: oneOf(values.unknown, ["warn", "fail", "ignore"] as const, "--unknown") } : {}),
    rules,
    ...(values.parameters !== undefined ? { parameterFile: values.parameters } : {}),
    ...(values.bicep !== undefined ? { bicep: values.bicep } : {}),
    templateParameters: parameterValues(values.param),
    ...(values.config !== undefined ? { config: values.config } : {}),
    noConfig: values["no-config"],
    ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
    ...(values["write-baseline"] !== undefined ? { writeBaseline: values["write-baseline"] } : {}),
    ...(jobs !== undefined ? { jobs } : {}),
    quiet: values.quiet,
    debug: values.debug,
    color: values.color ? true : values["no-color"] ? false : undefined,
    ...(changedSince !== undefined ? { changedSince } : {}),
    changedFiles: values["changed-files"],
    gitignore: !values["no-gitignore"],
    evidence: values.evidence || outputs.some((o) => o.format === "html"),
  };
}
