import { normalizePosix, sha256OfText, toHex } from "../portable/index.js";

/**
 * A finding's identity: rule, file, subject and offending property, never a line number, so it
 * survives unrelated edits and reformatting. Paths are compared with forward slashes.
 */
export function fingerprint(ruleId: string, file: string, subjectKey: string, pointer: string): string {
  return fingerprintOf(ruleId, fingerprintPath(file), subjectKey, pointer);
}

/** `fingerprint` of a file's path already made comparable (`fingerprintPath`): many findings share a file. */
export function fingerprintOf(ruleId: string, path: string, subjectKey: string, pointer: string): string {
  return toHex(sha256OfText([ruleId, path, subjectKey, pointer].join("\u0000"))).slice(0, 32);
}

/** A file's path as fingerprints compare it: forward slashes, normalized. */
export function fingerprintPath(file: string): string {
  return normalizePosix(file.replace(/\\/g, "/"));
}
