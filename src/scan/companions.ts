import { readdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { insideRoots } from "../reader/index.js";

/**
 * The parameter files paired with a template by name, sorted: for `x.json`, `x.parameters.json`,
 * `x.parameters.<set>.json` and `x.<set>.parameters.json` (`.jsonc` too) beside it. This covers
 * `azuredeploy.parameters.json`, `main.parameters.json` and per-environment files such as
 * `main.parameters.prod.json`.
 */
export function pairedParameterFiles(template: string): string[] {
  const base = basename(template).replace(/\.jsonc?$/i, "").toLowerCase();
  if (base.endsWith(".parameters") || base.includes(".parameters.")) return [];
  const dir = dirname(template);
  return (parameterFileIndex(dir).get(base) ?? []).map((name) => join(dir, name));
}

// A directory's parameter files by every template base they can pair with. Scanning a directory
// of hundreds of templates would otherwise list and match it once per template; the index is
// rebuilt when the directory's modification time changes, so files added later are seen.
const indexes = new Map<string, { mtimeMs: number; byBase: Map<string, string[]> }>();
const MAX_INDEXES = 1000;

function parameterFileIndex(dir: string): Map<string, string[]> {
  const mtimeMs = statSync(dir, { throwIfNoEntry: false })?.mtimeMs;
  if (mtimeMs === undefined) return new Map();
  const cached = indexes.get(dir);
  if (cached?.mtimeMs === mtimeMs) return cached.byBase;
  const byBase = new Map<string, string[]>();
  const add = (base: string, name: string) => byBase.set(base, [...(byBase.get(base) ?? []), name]);
  let names: string[] = [];
  try {
    names = readdirSync(dir).sort();
  } catch {
    // an unreadable directory pairs nothing
  }
  for (const name of names) {
    const m = /^(.*)\.parameters(?:\.([^.]+))?\.jsonc?$/i.exec(name);
    if (!m || m[1] === "") continue;
    const stem = m[1]!.toLowerCase();
    add(stem, name); // x.parameters.json, x.parameters.<set>.json
    const dot = stem.lastIndexOf(".");
    if (m[2] === undefined && dot > 0) add(stem.slice(0, dot), name); // x.<set>.parameters.json
  }
  if (indexes.size >= MAX_INDEXES) indexes.clear();
  indexes.set(dir, { mtimeMs, byBase });
  return byBase;
}

/**
 * Where a `templateLink.relativePath` from `fromFile` points, if that is inside one of `roots`
 * (the scanned tree); undefined otherwise, so nothing outside what the user named is ever read.
 */
export function linkedTemplatePath(fromFile: string, relativePath: string, roots: readonly string[]): string | undefined {
  const target = resolve(dirname(fromFile), relativePath);
  const inside = roots.some((root) => {
    const r = relative(resolve(root), target);
    return r !== "" && !r.startsWith("..") && !r.startsWith(sep) && !/^[a-zA-Z]:/.test(r);
  });
  // Lexically inside is not enough: a symbolic link inside the tree may point out of it.
  return inside && insideRoots(target, roots) ? target : undefined;
}
