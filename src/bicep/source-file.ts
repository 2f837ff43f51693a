import { readRegularTextIfAny } from "../node/index.js";
import { LineIndex } from "../reader/positions.js";
import { BicepSyntaxError } from "./lexer.js";
import { parseBicep } from "./parser.js";
import type { BicepSyntax, Declaration } from "./syntax.js";

/** A parsed `.bicep` or `.bicepparam` file, with its declarations by kind and name. */
export class BicepFile {
  readonly lines: LineIndex;
  private readonly byName = new Map<string, Declaration>();

  constructor(
    readonly path: string,
    readonly text: string,
    readonly syntax: BicepSyntax,
  ) {
    this.lines = new LineIndex(text);
    for (const d of syntax.declarations) {
      if (d.name && !this.byName.has(`${d.keyword}:${d.name}`)) this.byName.set(`${d.keyword}:${d.name}`, d);
    }
  }

  /** The declaration of a kind by name (`param`, `var`, `output`, `type`, `func`). */
  declaration(keyword: string, name: string): Declaration | undefined {
    return this.byName.get(`${keyword}:${name}`);
  }
}

/** Parses Bicep text; throws `BicepSyntaxError` with an offset for text it cannot follow. */
export function parseBicepFile(path: string, text: string): BicepFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return new BicepFile(path, body, parseBicep(body));
}

/** Reads and parses a Bicep file; undefined when it cannot be read or followed (mapping then stops above it). */
export function readBicepFile(path: string, parse: (path: string, text: string) => BicepFile = parseBicepFile): BicepFile | undefined {
  // Only regular files of bounded size (a module path in a template is input like any other).
  const text = readRegularTextIfAny(path);
  if (text === undefined) return undefined;
  try {
    return parse(path, text);
  } catch (e) {
    if (e instanceof BicepSyntaxError) return undefined;
    throw e;
  }
}

// Bounds of the parse cache: a scan of a large tree must not keep every parse alive.
const MAX_CACHED_FILES = 512;
const MAX_CACHED_CHARS = 32 * 1024 * 1024;

/**
 * Parsed Bicep files by path, reused while the text is the same: a module is parsed once per scan,
 * not once per template that calls it (and once more when it is scanned on its own).
 */
export class BicepParseCache {
  private readonly byPath = new Map<string, { text: string; parsed: BicepFile | BicepSyntaxError }>();
  private chars = 0;

  /** Like `parseBicepFile`, from the cache when this path was parsed with this text. */
  parse(path: string, text: string): BicepFile {
    let hit = this.byPath.get(path);
    if (hit?.text !== text) {
      let parsed: BicepFile | BicepSyntaxError;
      try {
        parsed = parseBicepFile(path, text);
      } catch (e) {
        if (!(e instanceof BicepSyntaxError)) throw e;
        parsed = e;
      }
      if (hit) this.chars -= hit.text.length;
      if (this.byPath.size >= MAX_CACHED_FILES || this.chars + text.length > MAX_CACHED_CHARS) this.clear();
      hit = { text, parsed };
      this.byPath.set(path, hit);
      this.chars += text.length;
    }
    if (hit.parsed instanceof BicepSyntaxError) throw hit.parsed;
    return hit.parsed;
  }

  private clear(): void {
    this.byPath.clear();
    this.chars = 0;
  }
}

/**
 * The Bicep files of one template's mapping, read once each; texts handed over by a compile
 * function (an editor's unsaved buffers) win over the files on disk.
 */
export class BicepFiles {
  private readonly cache = new Map<string, BicepFile | undefined>();

  /** `mayRead`: whether a file on disk may be read (inside the scanned directories); texts handed over always are. */
  constructor(
    private readonly texts: Readonly<Record<string, string>> = {},
    private readonly parsed: BicepParseCache = new BicepParseCache(),
    private readonly mayRead: (path: string) => boolean = () => true,
  ) {}

  add(file: BicepFile): void {
    this.cache.set(file.path, file);
  }

  get(path: string): BicepFile | undefined {
    if (!this.cache.has(path)) {
      const text = this.texts[path];
      let file: BicepFile | undefined;
      try {
        if (text !== undefined) file = this.parsed.parse(path, text);
        else if (this.mayRead(path)) file = readBicepFile(path, (p, t) => this.parsed.parse(p, t));
      } catch (e) {
        if (!(e instanceof BicepSyntaxError)) throw e;
      }
      this.cache.set(path, file);
    }
    return this.cache.get(path);
  }

  /** Every file read so far. */
  loaded(): BicepFile[] {
    return [...this.cache.values()].filter((f): f is BicepFile => f !== undefined);
  }
}
