import { lstatSync, readdirSync, statSync, type Stats } from "node:fs";
import { join, relative, sep } from "node:path";
import { globToRegExp } from "../config/index.js";

/** Which files a directory walk keeps: globs relative to `baseDir` (forward slashes). */
export interface FileSelection {
  include?: string[];
  exclude?: string[];
  baseDir?: string;
}

const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git"]);
const JSON_FILE = /\.jsonc?$/i;

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
  const include = (selection.include ?? []).map((g) => globToRegExp(g, false));
  const exclude = (selection.exclude ?? []).map((g) => globToRegExp(g, false));
  const selected = (file: string) => {
    const rel = relative(selection.baseDir ?? ".", file).split(sep).join("/");
    return (include.length === 0 || include.some((re) => re.test(rel))) && !exclude.some((re) => re.test(rel));
  };
  const files: string[] = [];
  const errors: CollectError[] = [];
  const seen = new Set<string>();
  const add = (f: string): void => {
    if (!seen.has(f)) {
      seen.add(f);
      files.push(f);
    }
  };
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (e) {
      errors.push({ path: dir, message: `cannot list directory: ${(e as Error).message}` });
      return;
    }
    for (const name of names) {
      const full = join(dir, name);
      const st = statEntry(full, errors); // links inside a tree are not followed
      if (st?.isDirectory() && !SKIPPED_DIRECTORIES.has(name)) walk(full);
      else if (st?.isFile() && JSON_FILE.test(name) && selected(full)) add(full);
    }
  };
  for (const p of paths) {
    let st: Stats | undefined;
    try {
      st = statSync(p, { throwIfNoEntry: false });
    } catch (e) {
      // A symbolic-link loop, a path through a file (`ok.json/x.json`): this path is one error, the others go on.
      errors.push({ path: p, message: `cannot read path: ${(e as NodeJS.ErrnoException).code ?? "unknown error"}` });
      continue;
    }
    if (!st) errors.push({ path: p, message: "no such file or directory" });
    else if (st.isDirectory()) walk(p);
    else if (st.isFile()) add(p);
    else errors.push({ path: p, message: "cannot read path: not a regular file or directory" });
  }
  return { files, errors };
}

function statEntry(path: string, errors: CollectError[]): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch (e) {
    errors.push({ path, message: `cannot read path: ${(e as NodeJS.ErrnoException).code ?? "unknown error"}` });
    return undefined;
  }
}
