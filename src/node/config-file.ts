import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import type { ErrorObject } from "ajv";
import type { Node } from "yaml";
import type { RuleMeta } from "../catalog/index.js";
import { InputError } from "../model/index.js";
import type { ScanOptions } from "../config/options.js";
import { insideRoots, readRegularFile, withinRoots } from "./read-file.js";

/** The names a configuration file may have, looked for in the working directory and its parents. */
export const CONFIG_NAMES = [".acs-baseline.yaml", ".acs-baseline.yml"];

const SCHEMA_URL = new URL("../../../schemas/config.schema.json", import.meta.url);

/** What a configuration file says: scan options, and the files to include or leave out. */
export interface LoadedConfig {
  path: string;
  options: ScanOptions;
  /** Globs, relative to the configuration file's directory. */
  include: string[];
  exclude: string[];
  /** Whether directory walks honour .gitignore files (default true). */
  gitignore: boolean;
  /** The baseline file it names, resolved. */
  baseline?: string;
}

/**
 * The configuration file in `dir` or the nearest parent directory, if any. One found so (not named
 * with --config) may come with the pull request, as a symbolic link to a file elsewhere whose keys
 * an error would quote: it must lie inside the directory it was found in once links are resolved.
 */
export function findConfig(dir: string): string | undefined {
  let current = resolve(dir);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(current, name);
      if (!existsSync(candidate)) continue;
      if (!insideRoots(candidate, [current]))
        throw new InputError(candidate, "the configuration file is a symbolic link out of its directory; not read (name the file with --config)");
      return candidate;
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

interface RuleEntry {
  enabled?: boolean;
  severity?: NonNullable<ScanOptions["severity"]>[string];
  parameters?: Record<string, unknown>;
}

interface RawConfig {
  failOn?: ScanOptions["failOn"];
  unknown?: ScanOptions["unknown"];
  inlineSuppressions?: boolean;
  include?: string[];
  exclude?: string[];
  gitignore?: boolean;
  baseline?: string;
  rules?: Record<string, "on" | "off" | boolean | RuleEntry>;
  suppressions?: NonNullable<ScanOptions["suppressions"]>;
  parameters?: Record<string, unknown>;
  context?: ScanOptions["context"];
  bicep?: { path?: string; compiledJson?: "source" | "json"; timeoutSeconds?: number };
}

// yaml and ajv are loaded when a configuration file is read, not when the package is imported.
const require = createRequire(import.meta.url);
const yaml = () => require("yaml") as typeof import("yaml");
const ajvModule = () => require("ajv") as typeof import("ajv");

/** Aliases a configuration may expand (the yaml package's own default), so an alias bomb is refused. */
export const MAX_ALIAS_COUNT = 100;
/** Largest configuration file read. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

let validateConfig: ReturnType<InstanceType<typeof import("ajv").Ajv>["compile"]> | undefined;

/**
 * Reads and validates a configuration file. Throws `InputError` naming the file, the line and the
 * offending key for YAML that does not parse, anything the schema refuses, an unknown rule id, or
 * rule parameters that break the rule's own parameter schema.
 */
export function loadConfig(path: string, rules: ReadonlyMap<string, RuleMeta>): LoadedConfig {
  // (a regular file only, the cap enforced while reading: a FIFO or /dev/zero named so is refused)
  const text = new TextDecoder().decode(readRegularFile(path, MAX_CONFIG_BYTES));
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number) => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new InputError(path, `invalid YAML: ${ownWords(e.message.split("\n")[0]!)}`, position(e.pos[0]));
  }
  let raw: RawConfig;
  try {
    raw = (doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {}) as RawConfig;
  } catch (e) {
    // The yaml package throws a ReferenceError for an alias bomb; say it in our words, with the file.
    const bomb = /alias count/i.test((e as Error).message);
    throw new InputError(
      path,
      bomb
        ? `invalid YAML: aliases expand ${MAX_ALIAS_COUNT} times or more (a document that grows exponentially is refused)`
        : `invalid YAML: ${ownWords((e as Error).message)}`,
    );
  }
  const fail = (pathInDoc: ReadonlyArray<string | number>, message: string): never => {
    const node = nodeAt(doc.contents as Node | null, pathInDoc);
    const key = pathInDoc.length ? pathInDoc.join(".") : "the configuration";
    throw new InputError(path, `${key}: ${message}`, node === undefined ? undefined : position(node));
  };
  const { Ajv } = ajvModule();
  validateConfig ??= new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(SCHEMA_URL, "utf8")));
  if (!validateConfig(raw)) {
    const e = mostSpecific(validateConfig.errors ?? []);
    fail(pointerPath(e), describe(e));
  }
  const options: ScanOptions = {};
  if (raw.failOn) options.failOn = raw.failOn;
  if (raw.unknown) options.unknown = raw.unknown;
  if (raw.inlineSuppressions !== undefined) options.inlineSuppressions = raw.inlineSuppressions;
  if (raw.suppressions) options.suppressions = raw.suppressions;
  if (raw.parameters) options.templateParameters = raw.parameters;
  if (raw.context) options.context = raw.context;
  if (raw.bicep) {
    const { path: cli, compiledJson, timeoutSeconds } = raw.bicep;
    const isPath = cli !== undefined && /[\\/]/.test(cli); // (a bare name is looked up on PATH)
    const program = isPath ? resolve(dirname(path), cli) : cli;
    if (isPath && insideTree(program!, dirname(path))) {
      fail(
        ["bicep", "path"],
        "names a program inside the configuration's own directory tree, which a pull request can change, so it is not run (name it with --bicep)",
      );
    }
    options.bicep = {
      ...(program ? { path: program } : {}),
      ...(compiledJson ? { compiledJson } : {}),
      ...(timeoutSeconds ? { timeoutMs: timeoutSeconds * 1000 } : {}),
    };
  }
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const [id, entry] of Object.entries(raw.rules ?? {})) {
    const rule = rules.get(id);
    if (!rule) fail(["rules", id], `unknown rule id ${id}`);
    const enabled = typeof entry === "boolean" ? entry : typeof entry === "string" ? entry === "on" : entry.enabled;
    if (enabled !== undefined) (options.rules ??= {})[id] = enabled;
    if (typeof entry === "object") {
      if (entry.severity) (options.severity ??= {})[id] = entry.severity;
      if (entry.parameters) {
        const validate = ajv.compile(rule!.parameters);
        if (!validate(entry.parameters)) {
          const e = mostSpecific(validate.errors ?? []);
          fail(["rules", id, "parameters", ...pointerPath(e)], describe(e));
        }
        (options.ruleParameters ??= {})[id] = entry.parameters;
      }
    }
  }
  return {
    path,
    options,
    include: raw.include ?? [],
    exclude: raw.exclude ?? [],
    gitignore: raw.gitignore ?? true,
    ...(raw.baseline ? { baseline: baselinePath(path, raw.baseline, fail) } : {}),
  };
}

/** The baseline a configuration names: inside its directory tree, links resolved (the file may not exist yet). */
function baselinePath(config: string, named: string, fail: (at: string[], message: string) => never): string {
  const path = resolve(dirname(config), named);
  if (!withinRoots(path, [dirname(config)]))
    fail(["baseline"], "names a file outside the configuration's own directory tree (or a link out of it); not read (name it with --baseline)");
  return path;
}

/** The yaml package's message, but JavaScript's own faults (a stack overflow on deep nesting) in our words. */
function ownWords(message: string): string {
  return /call stack/i.test(message) ? "it nests too deeply to be read (a configuration needs a few levels)" : message;
}

/** True when `path` lies inside `dir`, as written or once links are resolved. */
function insideTree(path: string, dir: string): boolean {
  const written = relative(dir, path);
  return (!written.startsWith("..") && !isAbsolute(written)) || insideRoots(path, [dir]);
}

/** The deepest error (the most specific place), preferring additionalProperties to name the key. */
function mostSpecific(errors: ErrorObject[]): ErrorObject {
  return [...errors].sort((a, b) => pointerPath(b).length - pointerPath(a).length)[0]!;
}

function pointerPath(e: ErrorObject): Array<string | number> {
  const path =
    e.instancePath === ""
      ? []
      : e.instancePath
          .slice(1)
          .split("/")
          .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const extra = e.keyword === "additionalProperties" ? (e.params as { additionalProperty: string }).additionalProperty : undefined;
  const name = e.keyword === "propertyNames" ? (e.params as { propertyName: string }).propertyName : undefined;
  return [...path, ...(extra ? [extra] : []), ...(name ? [name] : [])].map((s) => (typeof s === "string" && /^\d+$/.test(s) ? Number(s) : s));
}

function describe(e: ErrorObject): string {
  if (e.keyword === "additionalProperties") return "is not a known setting";
  if (e.keyword === "propertyNames") return "is not a rule id (ACS-XXX-000)";
  if (e.keyword === "enum") return `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(", ")}`;
  return e.message ?? "is invalid";
}

/** The offset where the node at `path` (a key when the last step is a key) starts. */
function nodeAt(root: Node | null, path: ReadonlyArray<string | number>): number | undefined {
  const { isMap, isPair, isScalar } = yaml();
  let node: Node | null = root;
  let at = root?.range?.[0];
  for (const step of path) {
    if (!node) break;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      at = (pair.key as Node).range?.[0] ?? at;
      node = pair.value as Node | null;
    } else if ("items" in node && Array.isArray((node as { items: unknown[] }).items)) {
      const item = (node as { items: Node[] }).items[Number(step)];
      if (!item) break;
      at = item.range?.[0] ?? at;
      node = item;
    } else {
      break;
    }
  }
  return at;
}
