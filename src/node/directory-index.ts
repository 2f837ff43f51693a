import { readdirSync, statSync } from "node:fs";
import { InputError } from "../model/index.js";
import { fsFault } from "./fs-fault.js";

/** Indexes of directories already listed, each with the modification time it was built at. */
export type DirectoryIndexCache<T> = Map<string, { mtimeMs: number; index: T }>;

// A scan of many directories must not keep every index alive.
const MAX_INDEXES = 1000;

/**
 * An index built from a directory's sorted file names, kept while the directory's modification
 * time is unchanged: pairing the hundreds of templates of one directory lists and matches it once,
 * and files added later are still seen. `empty` stands for a directory that is gone; one that
 * cannot be listed is an `InputError` (of the file being paired), never silently an empty one.
 */
export function directoryIndex<T>(cache: DirectoryIndexCache<T>, dir: string, build: (names: string[]) => T, empty: T): T {
  const mtimeMs = statSync(dir, { throwIfNoEntry: false })?.mtimeMs;
  if (mtimeMs === undefined) return empty;
  const cached = cache.get(dir);
  if (cached?.mtimeMs === mtimeMs) return cached.index;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    throw new InputError(dir, `cannot list the directory to pair parameter files: ${fsFault(e)}`);
  }
  const index = build(names);
  if (cache.size >= MAX_INDEXES) cache.clear();
  cache.set(dir, { mtimeMs, index });
  return index;
}
