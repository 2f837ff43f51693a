import type { Excerpt } from "../model/index.js";

const CONTEXT = 3;
const MAX_LINE = 200;

/** Where each line of a text starts (computed once per file, however many excerpts it gives). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
  return starts;
}

/** The lines around `line` of a text (a few before and after), each cut to a readable length. */
export function excerptAt(text: string, starts: readonly number[], line: number): Excerpt {
  const first = Math.max(1, line - CONTEXT);
  const last = Math.min(starts.length, line + CONTEXT);
  const lines: string[] = [];
  for (let n = first; n <= last; n++) {
    const start = starts[n - 1]!;
    const end = n < starts.length ? starts[n]! - 1 : text.length;
    const raw = text.slice(start, Math.min(end, start + MAX_LINE + 1)).replace(/\r$/, "");
    lines.push(raw.length > MAX_LINE ? `${raw.slice(0, MAX_LINE)}…` : raw);
  }
  return { startLine: first, lines, focusLine: line };
}
