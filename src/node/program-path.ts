import { accessSync, constants } from "node:fs";
import { delimiter, isAbsolute, join, relative } from "node:path";

/**
 * The PATH directories a program is looked up in: not the ones a pull request can fill, a relative
 * one (read from the working directory, the checkout) or a `node_modules/.bin` inside the working
 * directory (npx and npm scripts put it first, and a pull request can commit one holding a `bicep` or a
 * `git`). Programs the scanner runs are looked up here only.
 */
export function trustedPath(path: string, cwd = process.cwd()): string[] {
  return path.split(delimiter).filter((dir) => {
    if (!dir || !isAbsolute(dir)) return false;
    const rel = relative(cwd, dir);
    const inside = rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
    return !(inside && /(^|[\\/])node_modules[\\/]\.bin[\\/]?$/i.test(dir));
  });
}

/** The first of `names` that is an executable file in a trusted PATH directory (`trustedPath`). */
export function onPath(names: string[], env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of trustedPath(env["PATH"] ?? "")) {
    for (const name of names) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
