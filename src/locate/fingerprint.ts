import { createHash } from "node:crypto";
import { posix } from "node:path";

/**
 * A finding's identity: rule, file, subject and offending property, never a line number, so it
 * survives unrelated edits and reformatting. Paths are compared with forward slashes.
 */
export function fingerprint(ruleId: string, file: string, subjectKey: string, pointer: string): string {
  return createHash("sha256")
    .update([ruleId, posix.normalize(file.replace(/\\/g, "/")), subjectKey, pointer].join("\u0000"))
    .digest("hex")
    .slice(0, 32);
}
