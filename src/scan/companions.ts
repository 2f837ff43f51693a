import { existsSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";

/**
 * The parameter file paired with a template by name: `x.json` with `x.parameters.json` (or
 * `.jsonc`), which covers `azuredeploy.json` / `azuredeploy.parameters.json` and `main.json` /
 * `main.parameters.json`. Undefined when there is none.
 */
export function pairedParameterFile(template: string): string | undefined {
  const base = basename(template).replace(/\.jsonc?$/i, "");
  for (const ext of [".json", ".jsonc"]) {
    const candidate = join(dirname(template), `${base}.parameters${ext}`);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
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
