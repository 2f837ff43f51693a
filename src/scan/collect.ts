import { lstatSync, readdirSync, statSync, type Stats } from "node:fs";
import { join, relative, sep } from "node:path";
import { compileGlob } from "../config/index.js";
import { fsFault } from "../node/index.js";
import { IgnoreRules } from "./gitignore.js";

/** Which files a directory walk keeps: globs relative to `baseDir` (forward slashes). */
export interface FileSelection {
  include?: string[];
  exclude?: string[];
  baseDir?: string;
  /** Skip what .gitignore files ignore when walking directories (default true). */
  gitignore?: boolean;
}

const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git"]);
const JSON_FILE = /\.(jsonc?|bicep|bicepparam)$/i; // Bicep sources are compiled by the scanner

/** Whether a directory walk picks up a file of this name (the kinds of file the scanner reads). */
export function isScannedFileName(name: string): boolean {
  return JSON_FILE.test(name);
}

/** Whether a file passes the selection's include and exclude globs. */
export function fileSelector(selection: FileSelection): (file: string) => boolean {
  const include = (selection.include ?? []).map((g) => compileGlob(g));
  const exclude = (selection.exclude ?? []).map((g) => compileGlob(g));
  return (file) => {
    const rel = relative(selection.baseDir ?? ".", file)
      .split(sep)
      .join("/");
    return (include.length === 0 || include.some((re) => re.test(rel))) && !exclude.some((re) => re.test(rel));
  };
}

/** A path the user named that does not exist or cannot be listed. */
export interface CollectError {
  path: string;
  message: string;
}

/**
 * Expands the given paths into JSON files: files as named, directories walked recursively for
 * `*.json` and `*.jsonc` (skipping `node_modules` and `.git`; symbolic links inside a tree are
 * not followed), each directory's files in sorted order so every run sees the same order. The
 * selection's globs filter what directory walks find; files named explicitly are always kept.
 */
export function collectFiles(paths: readonly string[], selection: FileSelection = {}): { files: string[]; errors: CollectError[] } {
  const selected = fileSelector(selection);
  const files: string[] = [];
  const errors: CollectError[] = [];
  const seen = new Set<string>();
  const add = (f: string): void => {
    if (!seen.has(f)) {
      seen.add(f);
      files.push(f);
    }
  };
  const walk = (dir: string, ignore: IgnoreRules | undefined): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (e) {
      errors.push({ path: dir, message: `cannot list directory: ${fsFault(e)}` });
      return;
    }
    for (const name of names) {
      const full = join(dir, name);
      const st = statEntry(full, errors); // links inside a tree are not followed
      if (ignore?.ignores(full, Boolean(st?.isDirectory()))) continue;
      if (st?.isDirectory() && !SKIPPED_DIRECTORIES.has(name)) walk(full, ignore?.child(full));
      else if (st?.isFile() && isScannedFileName(name) && selected(full)) add(full);
    }
  };
  for (const p of paths) {
    let st: Stats | undefined;
    try {
      st = statSync(p, { throwIfNoEntry: false });
    } catch (e) {
      // A symbolic-link loop, a path through a file (`ok.json/x.json`): this path is one error, the others go on.
      errors.push({ path: p, message: `cannot read path: ${fsFault(e)}` });
      continue;
    }
    if (!st) errors.push({ path: p, message: "no such file or directory" });
    else if (st.isDirectory()) walk(p, selection.gitignore === false ? undefined : IgnoreRules.at(p));
    else if (st.isFile()) add(p);
    else errors.push({ path: p, message: "cannot read path: not a regular file or directory" });
  }
  return { files, errors };
}

function statEntry(path: string, errors: CollectError[]): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch (e) {
    errors.push({ path, message: `cannot read path: ${fsFault(e)}` });
    return undefined;
  }
}
