import { basename } from "node:path";
import { InputError, type Notice } from "../model/index.js";
import { MAX_SOURCE_BYTES, SourceFile, readSource } from "../reader/index.js";
import { readRegularFile, readRegularText, readRegularTextIfAny as readText, withinRoots } from "../node/index.js";
import {
  AZ_WITHOUT_BICEP_MESSAGE,
  DEFAULT_COMPILE_TIMEOUT_MS,
  NO_COMPILER_MESSAGE,
  azHasBicep,
  findBicepCli,
  runBicepCli,
  runCompileFunction,
  type BicepCli,
} from "./compiler.js";
import { BicepSyntaxError } from "./lexer.js";
import { BicepMapper } from "./mapper.js";
import { checkBicepReach } from "./references.js";
import { bicepTwinOf, usingTarget } from "./pairing.js";
import { BicepFile, BicepFiles, BicepParseCache } from "./source-file.js";
import type { BicepOptions } from "../config/bicep-options.js";

/** A template compiled from Bicep, ready to expand and evaluate. */
export interface PreparedBicep {
  /** The compiled template. Its path is the `.bicep` entry file, so fingerprints name the source. */
  template: SourceFile;
  /** The parameter set a `.bicepparam` brings when it is the file scanned. */
  parameterFile?: SourceFile;
  /** Moves findings to Bicep lines; absent when JSON lines are kept (`compiledJson: json`). */
  mapper?: BicepMapper;
  notices: Notice[];
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Turns `.bicep` and `.bicepparam` files into compiled templates and parameter sets, with the CLI
 * (looked up once) or a compile function, and builds the mapping back to Bicep lines.
 */
export class BicepSupport {
  private cli: BicepCli | undefined;
  private looked = false;
  /** Parsed `.bicepparam` files compiled as parameter sets, by path. */
  private readonly bicepparams = new Map<string, BicepFile>();
  /** Every Bicep file parsed in this scanner's scans, reused while unchanged. */
  private readonly parsed = new BicepParseCache();

  constructor(private readonly options: BicepOptions = {}) {}

  /**
   * A `.bicep` file: compiled with `build`. `roots` are the scanned directories: nothing outside
   * them is read, by the scanner or by the compiler.
   */
  template(file: string, content: Uint8Array | string, roots: readonly string[]): PreparedBicep {
    const text = decode(file, content);
    const notices: Notice[] = [];
    let compiled: { json: string; sources?: Record<string, string> };
    try {
      compiled = this.compile("build", file, text, roots);
    } catch (e) {
      // Without a compiler, a committed compiled template beside the source still gets scanned.
      const twin = e instanceof NoCompiler ? committedTwin(file, roots) : undefined;
      if (!twin) throw e;
      compiled = { json: twin.text };
      notices.push({
        kind: "expansion",
        file,
        message: `no Bicep compiler found, so the committed ${basename(twin.path)} compiled from it was scanned (it may be out of date)`,
      });
    }
    const template = compiledTemplate(file, compiled.json);
    const mapped = this.mapperFor(file, text, template, compiled.sources, roots);
    return { template, mapper: mapped.mapper, notices: [...notices, ...mapped.notices] };
  }

  /** A `.bicepparam` file scanned on its own: `build-params` gives its parameters and its template. */
  parameters(file: string, content: Uint8Array | string, roots: readonly string[]): PreparedBicep {
    const text = decode(file, content);
    const { parameters, template: templateJson, sources } = this.compileParameters(file, text, roots);
    const entry = usingTarget(file, text);
    let template: SourceFile;
    let entryText: string | undefined;
    if (templateJson !== undefined) {
      template = compiledTemplate(entry ?? file, templateJson);
    } else if (entry) {
      const built = this.template(entry, readRegularFile(entry), roots);
      return { ...built, parameterFile: parameters };
    } else {
      throw new InputError(file, "the Bicep compiler gave no template for this parameters file");
    }
    if (entry) entryText = sources?.[entry] ?? readText(entry);
    // A template from a registry or template spec has no source here: its findings point at the
    // .bicepparam file's `using` statement (its first declaration), never at lines of the JSON.
    const mapped =
      entry && entryText !== undefined ? this.mapperFor(entry, entryText, template, sources, roots) : this.mapperFor(file, text, template, sources, roots);
    return { template, parameterFile: parameters, ...mapped };
  }

  /** A `.bicepparam` used as a parameter set of a template scanned on its own. */
  parameterSet(file: string, roots: readonly string[]): SourceFile {
    return this.compileParameters(file, readRegularText(file), roots).parameters;
  }

  /** A `.json` compiled from the `.bicep` beside it, reported at the Bicep lines (undefined: not one). */
  compiledJson(file: string, source: SourceFile, roots: readonly string[]): PreparedBicep | undefined {
    if (this.options.compiledJson === "json" || source.kind !== "template") return undefined;
    const twin = bicepTwinOf(file, source.text);
    // (a twin that is a link out of the scanned tree is not read: its lines would be quoted as evidence)
    const text = twin === undefined || !withinRoots(twin, roots) ? undefined : readText(twin);
    if (twin === undefined || text === undefined) return undefined;
    // The same text under the source's name: findings (and their fingerprints) name the .bicep.
    const template = new SourceFile(twin, source.text, source.value, "template");
    return { template, ...this.mapperFor(twin!, text, template, undefined, roots) };
  }

  private mapperFor(
    file: string,
    text: string,
    template: SourceFile,
    sources: Record<string, string> | undefined,
    roots: readonly string[],
  ): { mapper: BicepMapper; notices: Notice[] } {
    let entry: BicepFile;
    const notices: Notice[] = [];
    try {
      entry = this.parsed.parse(file, text);
    } catch (e) {
      if (!(e instanceof BicepSyntaxError)) throw e;
      // The compiler accepted what this parser cannot follow: findings stay in the file, at its top.
      const at = new BicepFile(file, text, { declarations: [], comments: [] }).lines.position(e.offset);
      notices.push({
        kind: "expansion",
        file,
        message: `${file}:${at.line}:${at.column}: the Bicep source cannot be followed here (${e.message}), so findings point at the top of the file`,
      });
      entry = new BicepFile(file, text, { declarations: [], comments: [] });
    }
    const files = new BicepFiles(sources, this.parsed, (path) => withinRoots(path, roots));
    files.add(entry);
    return { mapper: new BicepMapper(entry, template.value as Record<string, unknown>, files, this.bicepparams), notices };
  }

  private compileParameters(
    file: string,
    text: string,
    roots: readonly string[],
  ): { parameters: SourceFile; template?: string; sources?: Record<string, string> } {
    const out = this.compile("build-params", file, text, roots);
    // `bicep build-params --stdout` prints { parametersJson, templateJson, templateSpecId }; a
    // compile function may hand over the parameter file itself.
    let parametersJson = out.json;
    let templateJson: string | undefined;
    try {
      const printed = JSON.parse(out.json) as Record<string, unknown>;
      if (typeof printed["parametersJson"] === "string") {
        parametersJson = printed["parametersJson"];
        if (typeof printed["templateJson"] === "string") templateJson = printed["templateJson"];
      }
    } catch {
      throw new InputError(file, "the Bicep compiler's output is not JSON");
    }
    const parameters = readSource(file, parametersJson);
    if (parameters.kind !== "parameters") throw new InputError(file, "the Bicep compiler's output is not a parameter file");
    try {
      this.bicepparams.set(file, this.parsed.parse(file, text));
    } catch (e) {
      if (!(e instanceof BicepSyntaxError)) throw e;
      this.bicepparams.set(file, new BicepFile(file, text, { declarations: [], comments: [] }));
    }
    return { parameters, ...(templateJson !== undefined ? { template: templateJson } : {}), ...(out.sources ? { sources: out.sources } : {}) };
  }

  private compile(command: "build" | "build-params", file: string, text: string, roots: readonly string[]): { json: string; sources?: Record<string, string> } {
    const reach = checkBicepReach(file, text, roots);
    if (this.options.compile) return runCompileFunction(this.options.compile, command, file);
    if (!this.looked) {
      this.cli = findBicepCli(this.options.path);
      this.looked = true;
    }
    if (!this.cli) throw new NoCompiler(file);
    if (this.cli.flavour === "az" && !azHasBicep()) throw new NoCompiler(file, AZ_WITHOUT_BICEP_MESSAGE);
    return { json: runBicepCli(this.cli, command, file, this.compileTimeoutMs, reach.environment) };
  }

  /** Longest one compile may take: the configured time, else 120 s. */
  get compileTimeoutMs(): number {
    return this.options.timeoutMs ?? DEFAULT_COMPILE_TIMEOUT_MS;
  }
}

class NoCompiler extends InputError {
  constructor(file: string, message = NO_COMPILER_MESSAGE) {
    super(file, message);
  }
}

function compiledTemplate(file: string, json: string): SourceFile {
  let template: SourceFile;
  try {
    template = readSource(file, json);
  } catch (e) {
    throw new InputError(file, `the Bicep compiler's output cannot be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (template.kind !== "template") throw new InputError(file, "the Bicep compiler's output is not an ARM template");
  return template;
}

function committedTwin(file: string, roots: readonly string[]): { path: string; text: string } | undefined {
  const path = file.replace(/\.bicep$/i, ".json");
  const text = withinRoots(path, roots) ? readText(path) : undefined;
  return text !== undefined && bicepTwinOf(path, text) ? { path, text } : undefined;
}

function decode(file: string, content: Uint8Array | string): string {
  const size = typeof content === "string" ? content.length : content.byteLength;
  if (size > MAX_SOURCE_BYTES) throw new InputError(file, `file is larger than the ${MAX_SOURCE_BYTES / (1024 * 1024)} MiB limit`);
  if (typeof content === "string") return content;
  try {
    return utf8.decode(content);
  } catch {
    throw new InputError(file, "file is not valid UTF-8");
  }
}
