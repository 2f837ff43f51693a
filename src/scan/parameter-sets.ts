import { BICEP_FILE, BICEPPARAM_FILE, pairedBicepParamFiles, type BicepSupport } from "../bicep/index.js";
import { InputError } from "../model/index.js";
import { insideRoots, readRegularFile } from "../node/index.js";
import { readSource, type SourceFile } from "../reader/index.js";
import { pairedParameterFiles } from "./companions.js";
import { dirname } from "node:path";

/** A parameter file as the API takes it: a path, or contents with the name to report them under. */
export type ParameterFileEntry = string | { path: string; content: string | Uint8Array };

/**
 * The parameter files to scan a template with, read: those `named` (given or configured), else
 * those paired with it by name that resolve inside `roots`; `[undefined]` when there are none.
 */
export function parameterSets(
  template: string,
  named: readonly ParameterFileEntry[] | undefined,
  roots: readonly string[],
  bicep: BicepSupport,
): Array<SourceFile | undefined> {
  const paired = () =>
    BICEP_FILE.test(template)
      ? [...pairedBicepParamFiles(template), ...pairedParameterFiles(template.replace(BICEP_FILE, ".json"))]
      : pairedParameterFiles(template);
  const given = named ?? paired();
  if (given.length === 0) return [undefined];
  return given.map((entry) => {
    const path = typeof entry === "string" ? entry : entry.path;
    // A file paired by name is read only if it resolves inside the scanned tree; one the user named is read where it is.
    if (!named && !insideRoots(path, roots))
      throw new InputError(path, "the paired parameter file resolves outside the scanned directories (a symbolic link); not read");
    // (one the user named may reach files beside it, as a template reaches its own)
    if (typeof entry === "string" && BICEPPARAM_FILE.test(entry)) return bicep.parameterSet(entry, named ? [...roots, dirname(entry)] : roots);
    const content = typeof entry === "string" ? readRegularFile(entry) : entry.content;
    const parsed = readSource(path, content);
    if (parsed.kind !== "parameters") throw new InputError(path, "is not a parameter file (deploymentParameters)");
    return parsed;
  });
}
