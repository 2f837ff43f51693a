import { readFileSync } from "node:fs";
import { baselineFingerprints } from "../config/index.js";
import { InputError } from "../model/index.js";

/** The fingerprints a baseline file (written by `--write-baseline`) accepts. */
export function readBaseline(path: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new InputError(path, `cannot read baseline: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return baselineFingerprints(doc, path);
}
