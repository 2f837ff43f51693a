import type { Finding, TraceStep } from "../model/index.js";
import { relativePath } from "./paths.js";

/** One provenance step for people: `variables('localAuth')  main.json:9:5`, and what an unknown waits on. */
export function traceLine(s: TraceStep, baseDir?: string): string {
  const where = `${relativePath(s.file, baseDir)}:${s.range.start.line}:${s.range.start.column}`;
  return `${s.label}${s.waitsOn ? " (waits on this)" : ""}  ${where}`;
}

/** A finding's provenance in one line: `properties.x ← variables('y') ← parameters('z') = "dev" from the parameter file (p.json:7:7)`. */
export function traceSummary(f: Finding, baseDir?: string): string | undefined {
  const steps = f.trace ?? [];
  if (steps.length < 2) return undefined;
  const last = steps[steps.length - 1]!;
  return `${steps.map((s) => s.label).join(" ← ")} (${relativePath(last.file, baseDir)}:${last.range.start.line}:${last.range.start.column})`;
}
