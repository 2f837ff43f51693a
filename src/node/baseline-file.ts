import { baselineFingerprints } from "../config/index.js";
import { InputError } from "../model/index.js";
import { readRegularFile } from "./read-file.js";

/**
 * The fingerprints a baseline file (written by `--write-baseline`) accepts. Read as any scanned
 * file is (a regular file, within the size cap); a file that is not JSON is refused without quoting
 * it, since the configuration can name any path.
 */
export function readBaseline(path: string): string[] {
  const text = new TextDecoder().decode(readRegularFile(path));
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new InputError(path, "cannot read baseline: it is not JSON");
  }
  return baselineFingerprints(doc, path);
}
