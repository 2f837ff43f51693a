import { existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { compileGlob, MAX_GLOB_LENGTH, type Glob } from "../config/index.js";
import { readRegularTextIfAny } from "../node/index.js";

interface Rule {
  /** The directory of the .gitignore the rule comes from. */
  base: string;
  glob: Glob;
  negated: boolean;
  directoryOnly: boolean;
}

/** Most rules read from one .gitignore (a larger file is cut off there). */
const MAX_RULES_PER_FILE = 10_000;

/**
 * A line without its trailing white space, unless the first of it is escaped (`\ `), as git reads
 * it. A loop, not `/(?<!\\)\s+$/`: that regex is quadratic over a long run of spaces followed by
 * anything else, and a .gitignore in a pull request is attacker-controlled.
 */
function trimTrailingSpace(line: string): string {
  let end = line.length;
  while (end > 0 && /\s/.test(line[end - 1]!)) end--;
  return end < line.length && line[end - 1] === "\\" ? line.slice(0, end + 1) : line.slice(0, end);
}

/**
 * A .gitignore pattern in the glob syntax: braces are literal in git, so they are escaped; and a
 * trailing `/**` matches what is inside the folder, never the folder itself (else `dir/**` then
 * `!dir/keep.json` would skip the whole folder, where git re-includes the file).
 */
function asGlob(pattern: string): string {
  let glob = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) glob += c + pattern[++i];
    else glob += c === "{" || c === "}" ? `\\${c}` : c;
  }
  return glob.endsWith("/**") ? `${glob}/*` : glob;
}

/**
 * Parses one .gitignore as git reads it: blank lines and `#` comments skipped, trailing spaces
 * trimmed, `\#` and `\!` escape, `!` re-includes, a trailing `/` matches directories only, a
 * pattern with a `/` elsewhere is relative to the file's directory, one without matches a name at
 * any depth. A line longer than `MAX_GLOB_LENGTH` is skipped.
 */
export function parseGitignore(text: string, base: string): Rule[] {
  const rules: Rule[] = [];
  for (const raw of text.split(/\r?\n/).slice(0, MAX_RULES_PER_FILE)) {
    let line = trimTrailingSpace(raw);
    // An over-long pattern is skipped (git would take it; skipping it only means scanning more).
    if (line === "" || line.startsWith("#") || line.length > MAX_GLOB_LENGTH) continue;
    // `\!` and `\#` stay escaped: the glob reads `\x` as a literal `x` too.
    const negated = line.startsWith("!");
    if (negated) line = line.slice(1);
    const directoryOnly = line.endsWith("/");
    if (directoryOnly) line = line.slice(0, -1);
    if (line === "") continue;
    const anchored = line.includes("/");
    if (line.startsWith("/")) line = line.slice(1);
    // The limit is on the line as written: escaping braces and the `**/` git implies can double it.
    const glob = anchored ? asGlob(line) : `**/${asGlob(line)}`;
    rules.push({ base, glob: compileGlob(glob, false, 2 * MAX_GLOB_LENGTH + 8), negated, directoryOnly });
  }
  return rules;
}

function readRules(dir: string): Rule[] {
  // Read as a bounded regular file: a .gitignore that is a FIFO or a link to /dev/zero never stalls
  // the walk. A missing or unreadable one ignores nothing.
  const text = readRegularTextIfAny(join(dir, ".gitignore"));
  return text === undefined ? [] : parseGitignore(text, dir);
}

/** The .gitignore rules in force in one directory of a walk: its parents' and its own. */
export class IgnoreRules {
  private constructor(private readonly rules: readonly Rule[]) {}

  /**
   * The rules in force at the top of a walk: the .gitignore files of `dir` and of its parents up
   * to the root of the git work tree it is in (none above `dir` when it is in none).
   */
  static at(dir: string): IgnoreRules {
    const chain: string[] = [];
    let current = resolve(dir);
    for (;;) {
      chain.unshift(current);
      if (existsSync(join(current, ".git"))) break;
      const parent = dirname(current);
      if (parent === current) return new IgnoreRules(readRules(resolve(dir)));
      current = parent;
    }
    return new IgnoreRules(chain.flatMap(readRules));
  }

  /** The rules in force inside `dir`, a child of this one's directory. */
  child(dir: string): IgnoreRules {
    const own = readRules(dir);
    return own.length === 0 ? this : new IgnoreRules([...this.rules, ...own]);
  }

  /** Whether git ignores `path` (the last matching rule decides). */
  ignores(path: string, isDirectory: boolean): boolean {
    let ignored = false;
    for (const rule of this.rules) {
      if (rule.directoryOnly && !isDirectory) continue;
      const rel = relative(rule.base, path);
      if (rel === "" || rel.startsWith("..")) continue;
      if (rule.glob.test(rel.split(sep).join("/"))) ignored = !rule.negated;
    }
    return ignored;
  }
}
