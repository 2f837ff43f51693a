import { isObject, type JsonObject, type Value } from "../arm/index.js";
import { MAX_GLOB_LENGTH } from "./glob.js";

/** A suppression written in a resource's `metadata`. */
export interface InlineSuppression {
  rule: string;
  justification: string;
  expires?: string;
}

const DIRECTIVE = /acs-baseline:suppress\s+([A-Za-z0-9*?-]+)(?:\s+until\s+(\d{4}-\d{2}-\d{2}))?\s*(?::|--)\s*([^\n]*?)\s*(?=acs-baseline:suppress|$)/g;

/**
 * Reads the suppressions in a resource's `metadata`, in either form:
 *
 * - `"acs-baseline": { "suppress": [{ "rule", "justification", "expires" }] }` (ARM JSON), or
 * - directives in `description` — what Bicep's `@description('...')` on a resource compiles to:
 *   `acs-baseline:suppress ACS-NET-001 until 2027-06-30: justification`.
 *
 * A suppression without a justification is not one; it is returned as a problem to report.
 */
export function readInlineSuppressions(metadata: Value | undefined): { suppressions: InlineSuppression[]; problems: string[] } {
  const suppressions: InlineSuppression[] = [];
  const problems: string[] = [];
  if (!isObject(metadata)) return { suppressions, problems };
  const meta: JsonObject = metadata;
  const add = (rule: unknown, justification: unknown, expires: unknown) => {
    if (typeof rule !== "string" || rule === "") return problems.push("an inline suppression names no rule");
    if (rule.length > MAX_GLOB_LENGTH) return problems.push(`an inline suppression's rule pattern is longer than ${MAX_GLOB_LENGTH} characters, so it is ignored`);
    if (typeof justification !== "string" || justification.trim() === "") {
      return problems.push(`the inline suppression of ${rule} has no justification, so it is ignored`);
    }
    if (expires !== undefined && (typeof expires !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(expires))) {
      return problems.push(`the inline suppression of ${rule} has an expiry that is not a YYYY-MM-DD date, so it is ignored`);
    }
    return suppressions.push({ rule, justification: justification.trim(), ...(expires ? { expires: expires as string } : {}) });
  };
  const own = meta["acs-baseline"];
  if (isObject(own) && Array.isArray(own["suppress"])) {
    for (const s of own["suppress"]) {
      if (isObject(s)) add(s["rule"], s["justification"], s["expires"]);
      else problems.push("an inline suppression is not an object");
    }
  }
  const description = meta["description"];
  if (typeof description === "string") {
    for (const m of description.matchAll(DIRECTIVE)) add(m[1], m[3], m[2]);
  }
  return { suppressions, problems };
}
