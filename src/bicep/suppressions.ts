import { isCalendarDate } from "../config/index.js";
import type { BicepFile } from "./source-file.js";

/** A `// acs-baseline-disable-next-line RULE until YYYY-MM-DD: why` comment. */
export interface BicepDirective {
  file: string;
  /** The line (1-based) the directive applies to: the one after the comment. */
  line: number;
  rule: string;
  justification: string;
  expires?: string;
}

const DIRECTIVE = /^\/\/\s*acs-baseline-disable-next-line\b(.*)$/;
// (the justification is trimmed in code: a lazy `(.*?)` before `\s*$` is quadratic over long runs of spaces)
const BODY = /^\s+([A-Za-z0-9*?-]+)(?:\s+until\s+(\d{4}-\d{2}-\d{2}))?\s*(?::(.*))?$/;

/**
 * The suppression directives in a Bicep file's comments, and the problems of those that are not
 * valid (no rule, no justification, a malformed date): those never suppress anything.
 */
export function readDirectives(file: BicepFile): { directives: BicepDirective[]; problems: Array<{ line: number; message: string }> } {
  const directives: BicepDirective[] = [];
  const problems: Array<{ line: number; message: string }> = [];
  for (const comment of file.syntax.comments) {
    const m = DIRECTIVE.exec(comment.text);
    if (!m) continue;
    const line = file.lines.position(comment.start).line;
    const body = BODY.exec(m[1]!);
    if (!body) {
      problems.push({
        line,
        message: `${file.path}:${line}: acs-baseline-disable-next-line needs 'RULE-ID [until YYYY-MM-DD]: justification', so it is ignored`,
      });
      continue;
    }
    const [, rule, expires] = body;
    const justification = body[3]?.trim();
    if (!justification) {
      problems.push({ line, message: `${file.path}:${line}: the suppression of ${rule} has no justification, so it is ignored` });
      continue;
    }
    if (expires && !isCalendarDate(expires)) {
      problems.push({
        line,
        message: `${file.path}:${line}: the suppression of ${rule} expires on ${expires}, which is not a calendar date, so it is ignored`,
      });
      continue;
    }
    directives.push({ file: file.path, line: line + 1, rule: rule!, justification, ...(expires ? { expires } : {}) });
  }
  return { directives, problems };
}
