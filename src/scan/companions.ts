import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";

/**
 * The parameter files paired with a template by name, sorted: for `x.json`, `x.parameters.json`,
 * `x.parameters.<set>.json` and `x.<set>.parameters.json` (`.jsonc` too) beside it. This covers
 * `azuredeploy.parameters.json`, `main.parameters.json` and per-environment files such as
 * `main.parameters.prod.json`.
 */
export function pairedParameterFiles(template: string): string[] {
  const base = basename(template).replace(/\.jsonc?$/i, "").toLowerCase();
  if (base.endsWith(".parameters") || base.includes(".parameters.")) return [];
  let names: string[];
  try {
    names = readdirSync(dirname(template));
  } catch {
    return [];
  }
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`^${escaped}(\\.parameters(\\.[^.]+)?|\\.[^.]+\\.parameters)\\.jsonc?$`, "i");
  return names.filter((n) => pattern.test(n)).sort().map((n) => join(dirname(template), n));
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
  return inside && existsSync(target) ? target : undefined;
}
