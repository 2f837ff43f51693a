import { basename, dirname, join, resolve } from "node:path";
import { directoryIndex, insideRoots, lexicallyInside, type DirectoryIndexCache } from "../node/index.js";

/**
 * The parameter files paired with a template by name, sorted: for `x.json`, `x.parameters.json`,
 * `x.parameters.<set>.json` and `x.<set>.parameters.json` (`.jsonc` too) beside it. This covers
 * `azuredeploy.parameters.json`, `main.parameters.json` and per-environment files such as
 * `main.parameters.prod.json`.
 */
export function pairedParameterFiles(template: string): string[] {
  const base = basename(template)
    .replace(/\.jsonc?$/i, "")
    .toLowerCase();
  if (base.endsWith(".parameters") || base.includes(".parameters.")) return [];
  const dir = dirname(template);
  return (parameterFileIndex(dir).get(base) ?? []).map((name) => join(dir, name));
}

// A directory's parameter files by every template base they can pair with.
const indexes: DirectoryIndexCache<Map<string, string[]>> = new Map();

function parameterFileIndex(dir: string): Map<string, string[]> {
  return directoryIndex(indexes, dir, indexParameterFiles, new Map());
}

function indexParameterFiles(names: string[]): Map<string, string[]> {
  const byBase = new Map<string, string[]>();
  const add = (base: string, name: string) => byBase.set(base, [...(byBase.get(base) ?? []), name]);
  for (const name of names) {
    const m = /^(.*)\.parameters(?:\.([^.]+))?\.jsonc?$/i.exec(name);
    if (!m || m[1] === "") continue;
    const stem = m[1]!.toLowerCase();
    add(stem, name); // x.parameters.json, x.parameters.<set>.json
    const dot = stem.lastIndexOf(".");
    if (m[2] === undefined && dot > 0) add(stem.slice(0, dot), name); // x.<set>.parameters.json
  }
  return byBase;
}

/**
 * Where a `templateLink.relativePath` from `fromFile` points, if that is inside one of `roots`
 * (the scanned tree); undefined otherwise, so nothing outside what the user named is ever read.
 */
export function linkedTemplatePath(fromFile: string, relativePath: string, roots: readonly string[]): string | undefined {
  const target = resolve(dirname(fromFile), relativePath);
  // Lexically inside is not enough: a symbolic link inside the tree may point out of it.
  return lexicallyInside(target, roots) && insideRoots(target, roots) ? target : undefined;
}
