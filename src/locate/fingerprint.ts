import { normalizePosix, sha256OfText, toHex } from "../portable/index.js";

/**
 * A finding's identity: rule, file, subject and offending property, never a line number, so it
 * survives unrelated edits and reformatting. Paths are compared with forward slashes.
 */
export function fingerprint(ruleId: string, file: string, subjectKey: string, pointer: string): string {
  return toHex(sha256OfText([ruleId, normalizePosix(file.replace(/\\/g, "/")), subjectKey, pointer].join("\u0000"))).slice(0, 32);
}
