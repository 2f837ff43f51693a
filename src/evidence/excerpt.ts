import type { Excerpt } from "../model/index.js";

const CONTEXT = 3;
const MAX_LINE = 200;

/** The lines around `line` of a text (a few before and after), each cut to a readable length. */
export function excerptAt(text: string, line: number): Excerpt {
  const first = Math.max(1, line - CONTEXT);
  const lines: string[] = [];
  // Walks only as far as the excerpt's last line: templates can be megabytes long.
  let at = 0;
  for (let n = 1; n <= line + CONTEXT && at <= text.length; n++) {
    const end = text.indexOf("\n", at);
    const stop = end < 0 ? text.length : end;
    if (n >= first) {
      const raw = text.slice(at, stop).replace(/\r$/, "");
      lines.push(raw.length > MAX_LINE ? `${raw.slice(0, MAX_LINE)}…` : raw);
    }
    if (end < 0) break;
    at = end + 1;
  }
  return { startLine: first, lines, focusLine: line };
}
