import { parseArgs } from "node:util";
import { SEVERITIES, type Severity, type UnknownHandling } from "../index.js";

/** A command line that cannot be understood; exit code 2 with a one-line message. */
export class UsageError extends Error {}

export type Command =
  | {
      name: "scan";
      paths: string[];
      format: string;
      failOn: Severity;
      unknown: UnknownHandling;
      rules: Record<string, boolean>;
      parameterFile: string | undefined;
      templateParameters: Record<string, unknown>;
      color: boolean | undefined;
    }
  | { name: "rules"; format: string }
  | { name: "help" }
  | { name: "version" };

export const USAGE = `Usage:
  acs-baseline scan <file|directory>... [options]   scan ARM templates (directories recursively)
  acs-baseline rules [--format text|json]            list the rules
  acs-baseline --version | --help

Scan options:
  --format text|json           output format (default text)
  --fail-on <severity>         least severe failing finding that fails the run:
                               critical, high, medium, low (default), info
  --unknown warn|fail|ignore   how findings that depend on unknown values count (default warn)
  --parameters <file>          parameter file for every template (default: x.parameters.json beside x.json)
  --param <name>=<value>       a template parameter value (JSON, or else a string; repeatable)
  --enable <RULE-ID>           run a rule that is off by default (repeatable)
  --disable <RULE-ID>          do not run a rule (repeatable)
  --no-color                   no colours (also when NO_COLOR is set)

Exit codes: 0 nothing fails, 1 failing findings, 2 usage or input errors (wins over 1).`;

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${option} must be one of ${allowed.join(", ")} (got '${value}')`);
  }
  return value as T;
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
        format: { type: "string", default: "text" },
        "fail-on": { type: "string", default: "low" },
        unknown: { type: "string", default: "warn" },
        enable: { type: "string", multiple: true, default: [] },
        disable: { type: "string", multiple: true, default: [] },
        parameters: { type: "string" },
        param: { type: "string", multiple: true, default: [] },
        "no-color": { type: "boolean" },
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
  const format = oneOf(values.format, ["text", "json"], "--format");
  if (command === "rules") return { name: "rules", format };
  if (command !== "scan") throw new UsageError(command ? `unknown command '${command}'` : "no command given");
  if (rest.length === 0) throw new UsageError("scan needs at least one file or directory");
  const rules: Record<string, boolean> = {};
  for (const id of values.enable) rules[id] = true;
  for (const id of values.disable) rules[id] = false;
  const templateParameters: Record<string, unknown> = {};
  for (const p of values.param) {
    const eq = p.indexOf("=");
    if (eq <= 0) throw new UsageError(`--param takes name=value (got '${p}')`);
    const text = p.slice(eq + 1);
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // not JSON: the value is the text itself
    }
    templateParameters[p.slice(0, eq)] = value;
  }
  return {
    name: "scan",
    paths: rest,
    parameterFile: values.parameters,
    templateParameters,
    format,
    failOn: oneOf(values["fail-on"], SEVERITIES, "--fail-on"),
    unknown: oneOf(values.unknown, ["warn", "fail", "ignore"] as const, "--unknown"),
    rules,
    color: values["no-color"] ? false : undefined,
  };
}
