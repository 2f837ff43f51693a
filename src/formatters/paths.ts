import { normalize, relative, resolve, sep } from "node:path";

/**
 * A file path as a forward-slash path relative to `baseDir` (when given), normalized: `./infra/x.json`
 * as given on a command line is `infra/x.json`, the path CI systems compare across runs.
 */
export function relativePath(file: string, baseDir: string | undefined): string {
  const rel = baseDir ? relative(baseDir, resolve(baseDir, file)) : normalize(file);
  return rel.split(sep).join("/");
}
