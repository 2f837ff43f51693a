import type { Finding, TraceStep } from "../model/index.js";
import type { FormatName } from "./names.js";
import { relativePath } from "./paths.js";
import type { FormatContext } from "./types.js";

type Paths = Pick<FormatContext, "displayPath">;

/** One provenance step for people: `variables('localAuth')  main.json:9:5`, and what an unknown waits on. */
export function traceLine(s: TraceStep, ctx: Paths): string {
  const where = `${relativePath(s.file, ctx)}:${s.range.start.line}:${s.range.start.column}`;
  return `${s.label}${s.waitsOn ? " (waits on this)" : ""}  ${where}`;
}

/**
 * The provenance steps a report adds to a finding's own place, each with whether it comes before
 * that place in the chain. The finding is usually at the chain's first step (the property); when it
 * is where the value is written (a variable), the property that uses it comes first.
 */
export function otherSteps(f: Finding): Array<{ step: TraceStep; before: boolean }> {
  const steps = f.trace ?? [];
  const own = steps.findIndex((s) => s.file === f.file && s.pointer === f.pointer);
  const at = own >= 0 ? own : 0;
  return steps.flatMap((step, i) => (i === at ? [] : [{ step, before: i < at }]));
}

/** A finding's provenance in one line: `properties.x ← variables('y') ← parameters('z') = "dev" from the parameter file (p.json:7:7)`. */
export function traceSummary(f: Finding, ctx: Paths): string | undefined {
  const steps = f.trace ?? [];
  if (steps.length < 2) return undefined;
  const last = steps[steps.length - 1]!;
  return `${steps.map((s) => s.label).join(" ← ")} (${relativePath(last.file, ctx)}:${last.range.start.line}:${last.range.start.column})`;
}

/** The formats that print findings' provenance traces (the CLI has the others' scans skip them). */
export const TRACING_FORMATS: ReadonlySet<string> = new Set<FormatName>(["text", "json", "sarif", "markdown", "html"]);
