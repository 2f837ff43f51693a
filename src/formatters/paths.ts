import { isAbsolute, relative, sep } from "node:path";

/** A file path as a forward-slash path relative to `baseDir` (when given and the path is absolute). */
export function relativePath(file: string, baseDir: string | undefined): string {
  const rel = baseDir && isAbsolute(file) ? relative(baseDir, file) : file;
  return rel.split(sep).join("/");
}
