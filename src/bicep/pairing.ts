import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { directoryIndex, readRegularFilePrefix, type DirectoryIndexCache } from "../node/index.js";

export const BICEP_FILE = /\.bicep$/i;
export const BICEPPARAM_FILE = /\.bicepparam$/i;
const USING = /^\s*using\s+'([^']+)'/m;
// The generator is written at the top of the template's metadata; a prefix of the file is enough.
const GENERATOR = /"_generator"\s*:\s*\{\s*"name"\s*:\s*"bicep"/;
const PREFIX_BYTES = 64 * 1024;
// A prefix may end inside a character: decoded leniently, it only has to show the start.
const UTF8 = new TextDecoder();

/** The `.bicep` a `.bicepparam` names with `using` (resolved), if it names a local one. */
export function usingTarget(paramFile: string, text: string): string | undefined {
  const target = USING.exec(text)?.[1];
  return target && BICEP_FILE.test(target) && !/^(br|ts)[:/]/i.test(target) ? resolve(dirname(paramFile), target) : undefined;
}

/** True when a `.json` text (or its start) says the Bicep compiler generated it. */
export function isBicepGenerated(text: string): boolean {
  return GENERATOR.test(text.slice(0, PREFIX_BYTES));
}

/** The `.bicep` beside a `.json` of the same stem, when the JSON was compiled from Bicep. */
export function bicepTwinOf(jsonFile: string, text: string): string | undefined {
  const twin = jsonFile.replace(/\.jsonc?$/i, ".bicep");
  return twin !== jsonFile && isBicepGenerated(text) && existsSync(twin) ? twin : undefined;
}

/** The `.bicepparam` files beside a `.bicep` template that name it with `using`. */
export function pairedBicepParamFiles(template: string): string[] {
  return bicepparamIndex(dirname(template)).get(resolve(template)) ?? [];
}

// A directory's .bicepparam files by the template they name.
const indexes: DirectoryIndexCache<Map<string, string[]>> = new Map();

function bicepparamIndex(dir: string): Map<string, string[]> {
  return directoryIndex(indexes, dir, (names) => indexBicepparamFiles(dir, names), new Map());
}

function indexBicepparamFiles(dir: string, names: string[]): Map<string, string[]> {
  const byTarget = new Map<string, string[]>();
  for (const name of names) {
    if (!BICEPPARAM_FILE.test(name)) continue;
    const path = join(dir, name);
    const target = usingTarget(path, readPrefix(path));
    if (target) byTarget.set(target, [...(byTarget.get(target) ?? []), path]);
  }
  return byTarget;
}

/**
 * What a directory walk scans once per template: a `.json` compiled from a `.bicep` that is also
 * in the list is left to the `.bicep`, and a `.bicepparam` whose template is in the list is scanned
 * as that template's parameter set, not on its own.
 */
export function scanOncePerTemplate(files: readonly string[]): string[] {
  const listed = new Set(files.map((f) => resolve(f)));
  return files.filter((f) => {
    if (/\.jsonc?$/i.test(f)) {
      const twin = f.replace(/\.jsonc?$/i, ".bicep");
      return !(listed.has(resolve(twin)) && isBicepGenerated(readPrefix(f)));
    }
    if (BICEPPARAM_FILE.test(f)) {
      const target = usingTarget(f, readPrefix(f));
      return !(target && listed.has(target));
    }
    return true;
  });
}

/** The start of a file, "" when it is not a readable regular file (never waits on a FIFO). */
function readPrefix(path: string): string {
  try {
    return UTF8.decode(readRegularFilePrefix(path, PREFIX_BYTES));
  } catch {
    return "";
  }
}
