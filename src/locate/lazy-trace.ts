import { traceProvenance, type ExpandedTemplate, type TraceStart } from "../arm/index.js";
import type { Finding, TraceStep } from "../model/finding.js";
import type { SourceFile } from "../reader/index.js";
import { placeTrace } from "./trace.js";
import { Places } from "./places.js";

interface Pending {
  finding: Finding;
  start: TraceStart;
  /** Whether the finding's pointer names the property itself (its value is then shown). */
  exact: boolean;
}

/**
 * The provenance traces of one template's findings, computed when the first of them is read: a
 * scan whose findings nobody asks the provenance of (most library calls, formats that do not print
 * it) pays nothing for it, and one that does pays once, each file's step places found in a single
 * pass over its text. Until then the batch keeps the template's expansion and sources.
 */
export class TraceBatch {
  private pending: Pending[] = [];

  constructor(
    private expanded: ExpandedTemplate | undefined,
    private sources: ReadonlyMap<string, SourceFile> | undefined,
    /** A compiled template whose places are found in its parsed value, not its text (see `locateFindings`). */
    private readonly remapped: string | undefined,
  ) {}

  /** Gives the finding a `trace` that is computed, with every other one of the batch, when first read. */
  attach(finding: Finding, start: TraceStart, exact: boolean): void {
    this.pending.push({ finding, start, exact });
    (finding as Lazy)[BATCH] = this;
    (finding as Lazy)[TRACE] = undefined;
    Object.defineProperty(finding, "trace", LAZY);
  }

  /** Computes the batch's traces, once (a finding's getter calls it). */
  resolve(): void {
    const { expanded, sources, pending } = this;
    if (!expanded || !sources) return;
    this.expanded = this.sources = undefined;
    this.pending = [];
    let traces: TraceStep[][] | undefined;
    let fault = "";
    try {
      traces = this.compute(expanded, sources, pending);
    } catch (e) {
      // A trace is read after the scan (by a formatter), where a fault would lose the whole report:
      // the finding says so instead. Tracing is bounded, so this is a bug, not the input's doing.
      fault = e instanceof Error ? e.message : String(e);
    }
    pending.forEach(({ finding }: { finding: Lazy }, i) => {
      if (finding[BATCH] !== this) return; // (given a trace of its own meanwhile)
      finding[BATCH] = undefined;
      const unplaced: TraceStep = {
        kind: "property",
        label: `(its provenance could not be traced: ${fault})`,
        file: finding.file,
        range: finding.range,
        depth: 0,
      };
      finding[TRACE] = traces ? traces[i] : [unplaced];
    });
  }

  private compute(expanded: ExpandedTemplate, sources: ReadonlyMap<string, SourceFile>, pending: readonly Pending[]): TraceStep[][] {
    const documents = (file: string) => sources.get(file)?.value;
    const steps = pending.map((p) => traceProvenance(expanded, documents, p.start));
    const places = new Places();
    for (const s of steps.flat()) if (sources.has(s.file)) places.want(s.file, s.pointer);
    const found = places.locate(sources, this.remapped);
    return pending.map((p, i) => placeTrace(steps[i]!, p.exact, sources, found));
  }
}

/**
 * A finding's lazy trace: its batch until it is computed, then the trace. Symbols: JSON and
 * structured clones leave them out (a WeakMap would cost a finding more than its whole trace check).
 */
const BATCH = Symbol("trace batch");
const TRACE = Symbol("trace");
type Lazy = Finding & { [BATCH]?: TraceBatch | undefined; [TRACE]?: TraceStep[] | undefined };

/**
 * One accessor for every lazy trace (no closures per finding). It stays an accessor once computed:
 * turning it into a data property would cost more than computing the trace.
 */
const LAZY: PropertyDescriptor = {
  configurable: true,
  enumerable: true,
  get(this: Lazy): TraceStep[] | undefined {
    this[BATCH]?.resolve();
    return this[TRACE];
  },
  set(this: Lazy, trace: TraceStep[] | undefined) {
    this[BATCH] = undefined; // (its batch then leaves it as it is)
    this[TRACE] = trace;
  },
};
