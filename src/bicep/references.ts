import { dirname, resolve } from "node:path";
import { InputError } from "../model/index.js";
import { readRegularTextIfAny, withinRoots } from "../node/index.js";
import { LineIndex } from "../reader/positions.js";
import { BicepSyntaxError, IDENTIFIER, PUNCT, STRING, tokenize, type Tokens } from "./lexer.js";
import { unquote } from "./parser.js";

/**
 * The Bicep compiler reads more than the file it is given: modules, compile-time imports, the
 * template of a `using`, the base of an `extends`, and any file a `load...()` function names — and
 * it puts what it read into the template it prints, where findings quote it. A pull request could
 * so make the scanner publish `loadTextContent('../../.ssh/id_rsa')` or a file behind a symbolic
 * link. So before anything is compiled, every file the source (and, in turn, each local Bicep file
 * it reaches) makes the compiler read must lie inside the scanned directories, links resolved;
 * anything whose path cannot be told from the text is refused. Environment variables a
 * `.bicepparam` reads with `readEnvironmentVariable()` are listed, so that they are not handed over.
 */

/** Functions that read a file at compile time, by the path in their first argument. */
const LOADS = new Set(["loadTextContent", "loadJsonContent", "loadYamlContent", "loadFileAsBase64", "loadDirectoryFileInfo"]);
const READS_ENVIRONMENT = "readEnvironmentVariable";
/** Keywords followed by a path: `import ... from 'p'`, `using 'p'`, `extends 'p'`, `import 'p'`, `extension 'p'`. */
const PATH_FOLLOWS = new Set(["from", "using", "extends", "import", "extension", "provider"]);
/** Declarations whose path follows their name: `module m 'p'`, `test t 'p'`. */
const NAMED_PATH = new Set(["module", "test"]);
/** Every word a reference needs, anywhere in a file's text. */
const MAY_REFER = new RegExp(`\\b(${[...LOADS, READS_ENVIRONMENT, ...PATH_FOLLOWS, ...NAMED_PATH].join("|")})\\b`);
/** Most Bicep files one compile may reach through local references (besides the file compiled). */
export const MAX_REFERENCED_FILES = 1000;

/** What compiling a Bicep file would read that is not the file itself. */
export interface BicepReach {
  /** Names given to `readEnvironmentVariable()` in the files reached. */
  environment: string[];
}

/**
 * Checks every file `file` (with text `text`) and the local Bicep files it reaches make the compiler
 * read; throws `InputError` at the first one outside `roots` or that cannot be told from the text.
 */
export function checkBicepReach(file: string, text: string, roots: readonly string[]): BicepReach {
  const environment = new Set<string>();
  const seen = new Set<string>([resolve(file)]);
  const queue: Array<{ path: string; text: string }> = [{ path: file, text }];
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const ref of references(file, next)) {
      if (ref.kind === "environment") {
        environment.add(ref.value);
        continue;
      }
      if (/^(br|ts)[:/]/i.test(ref.value)) continue; // registry and template-spec modules: never restored, never local
      const fault =
        pathFault(ref.value) ?? (withinRoots(resolve(dirname(next.path), ref.value), roots) ? undefined : "resolves outside the scanned directories");
      if (fault) throw refused(file, next, ref.offset, `${ref.what} '${ref.value}' ${fault}`);
      const target = resolve(dirname(next.path), ref.value);
      if (!/\.bicep(param)?$/i.test(target) || seen.has(target)) continue;
      seen.add(target);
      if (seen.size - 1 > MAX_REFERENCED_FILES) throw refused(file, next, ref.offset, `it reaches more than ${MAX_REFERENCED_FILES} Bicep files`);
      const reached = readRegularTextIfAny(target);
      if (reached !== undefined) queue.push({ path: target, text: reached });
    }
  }
  return { environment: [...environment] };
}

/** Why a reference's path cannot be checked, or undefined when it is a plain relative or absolute path. */
function pathFault(path: string): string | undefined {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(path)) return "is not a local path (a URI or drive letter)";
  // Backslashes and percent escapes may be read otherwise by the compiler than here; controls are no file name.
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\\%\u0000-\u001f]/.test(path)) return "holds a backslash, percent sign or control character";
  return undefined;
}

interface Reference {
  kind: "file" | "environment";
  what: string;
  value: string;
  offset: number;
}

/** The error of the entry file `entry`, at the place in `at` (the entry or a file it reaches). */
function refused(entry: string, at: { path: string; text: string }, offset: number, message: string): InputError {
  const where = new LineIndex(at.text).position(offset);
  const text = `${message}; the Bicep compiler would read it, so the file is not compiled`;
  return at.path === entry ? new InputError(entry, text, where) : new InputError(entry, `${at.path}:${where.line}:${where.column}: ${text}`);
}

/** The references of one file, from its tokens; throws `InputError` (of `entry`) where a path is not a literal. */
function references(entry: string, { path, text }: { path: string; text: string }): Reference[] {
  let tokens: Tokens;
  try {
    tokens = tokenize(text).tokens;
  } catch (e) {
    if (!(e instanceof BicepSyntaxError)) throw e;
    // Source the lexer cannot follow (the compiler may): it refers to nothing when none of the words is in it.
    if (!MAY_REFER.test(text)) return [];
    throw new InputError(
      entry,
      `${path === entry ? "" : `${path}: `}the Bicep source cannot be read to check which files it makes the compiler read (${e.message}); not compiled`,
    );
  }
  const textOf = (i: number) => text.slice(tokens.start[i], tokens.end[i]);
  const literal = (i: number) => tokens.kind[i] === STRING && !textOf(i).includes("${");
  const found: Reference[] = [];
  const notLiteral = (i: number, what: string) =>
    refused(entry, { path, text }, tokens.start[i]!, `the argument of ${what} is not a plain string literal, so what it reads cannot be checked`);
  for (let i = 0; i < tokens.count; i++) {
    if (tokens.kind[i] !== IDENTIFIER) continue;
    const word = textOf(i);
    if ((LOADS.has(word) || word === READS_ENVIRONMENT) && tokens.kind[i + 1] === PUNCT && textOf(i + 1) === "(") {
      if (!literal(i + 2)) throw notLiteral(i, `${word}()`);
      const kind = word === READS_ENVIRONMENT ? "environment" : "file";
      found.push({ kind, what: `${word}()`, value: unquote(textOf(i + 2)), offset: tokens.start[i + 2]! });
    } else if (PATH_FOLLOWS.has(word) && tokens.kind[i + 1] === STRING) {
      if (!literal(i + 1)) throw notLiteral(i, word);
      found.push({ kind: "file", what: word, value: unquote(textOf(i + 1)), offset: tokens.start[i + 1]! });
    } else if (NAMED_PATH.has(word) && tokens.kind[i + 1] === IDENTIFIER && tokens.kind[i + 2] === STRING) {
      if (!literal(i + 2)) throw notLiteral(i, word);
      found.push({ kind: "file", what: word, value: unquote(textOf(i + 2)), offset: tokens.start[i + 2]! });
    }
  }
  return found;
}
