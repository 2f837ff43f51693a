import { isObject, type JsonObject, type Value } from "../arm/index.js";
import { isCalendarDate } from "./date.js";
import { MAX_GLOB_LENGTH } from "./glob.js";

/** A suppression written in a resource's `metadata`. */
export interface InlineSuppression {
  rule: string;
  justification: string;
  expires?: string;
}

const MARKER = "acs-baseline:suppress";
// The head of one directive, anchored at its marker: no two adjacent quantifiers can match the same
// characters, so it runs in linear time however long the description (see readDirectives).
const DIRECTIVE_HEAD = /^\s+([A-Za-z0-9*?-]+)(?:\s+until\s+(\d{4}-\d{2}-\d{2}))?\s*(?::|--)/;

/**
 * The directives in a description, each `[rule, justification, expires]`: the text from one marker
 * to the next is one directive, whose justification is the rest of it on one line. A directive
 * that cannot be read is a problem to report, never dropped silently.
 */
function readDirectives(description: string, problems: string[]): Array<[string, string, string | undefined]> {
  const found: Array<[string, string, string | undefined]> = [];
  for (let at = description.indexOf(MARKER); at >= 0;) {
    const next = description.indexOf(MARKER, at + MARKER.length);
    const directive = description.slice(at + MARKER.length, next < 0 ? undefined : next);
    const head = DIRECTIVE_HEAD.exec(directive);
    const justification = head ? directive.slice(head[0].length).trim() : "";
    if (!head) problems.push(`${MARKER} needs 'RULE [until YYYY-MM-DD]: justification' (a colon, or --, after the rule), so it is ignored`);
    else if (justification.includes("\n")) problems.push(`the inline suppression of ${head[1]} has a justification of several lines, so it is ignored`);
    else found.push([head[1]!, justification, head[2]]);
    at = next;
  }
  return found;
}

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
    if (rule.length > MAX_GLOB_LENGTH)
      return problems.push(`an inline suppression's rule pattern is longer than ${MAX_GLOB_LENGTH} characters, so it is ignored`);
    if (typeof justification !== "string" || justification.trim() === "") {
      return problems.push(`the inline suppression of ${rule} has no justification, so it is ignored`);
    }
    if (expires !== undefined && (typeof expires !== "string" || !isCalendarDate(expires))) {
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
  } else if (own !== undefined) {
    // (a misspelt key or a single object instead of a list would otherwise suppress nothing, unsaid)
    problems.push(`metadata.acs-baseline must be { "suppress": [{ "rule", "justification", "expires" }] }, so it is ignored`);
  }
  const description = meta["description"];
  if (typeof description === "string") {
    for (const [rule, justification, expires] of readDirectives(description, problems)) add(rule, justification, expires);
  }
  return { suppressions, problems };
}
