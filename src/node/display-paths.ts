import { normalize, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { FormatContext } from "../formatters/index.js";

/**
 * How reports show file paths on this machine: forward-slash paths relative to `baseDir` (when
 * given), normalized, so `./infra/x.json` as given on a command line is `infra/x.json`, the path
 * CI systems compare across runs; and `baseDir` as SARIF's SRCROOT URI.
 */
export function displayPaths(baseDir: string | undefined): Pick<FormatContext, "displayPath" | "baseUri"> {
  const displayPath = (file: string) => (baseDir ? relative(baseDir, resolve(baseDir, file)) : normalize(file)).split(sep).join("/");
  return baseDir ? { displayPath, baseUri: pathToFileURL(baseDir.endsWith("/") ? baseDir : `${baseDir}/`).href } : { displayPath };
}
