import { isUnknown, type ProvenanceStep, type Value } from "../arm/index.js";
import type { FindingSubject, TraceStep } from "../model/finding.js";
import type { SourceFile } from "../reader/index.js";

/** The trace with each step's line range; steps in files that were not read are left out. */
export function placeTrace(
  steps: readonly ProvenanceStep[],
  exact: boolean,
  sources: ReadonlyMap<string, SourceFile>,
  found: ReadonlyMap<string, ReturnType<SourceFile["locate"]>>,
): TraceStep[] {
  const out: TraceStep[] = [];
  steps.forEach((s, i) => {
    const source = sources.get(s.file);
    const loc = found.get(s.file)?.get(s.pointer);
    if (!source || !loc) return;
    const step: TraceStep = {
      kind: s.kind,
      label: s.label,
      file: s.file,
      range: source.lineIndex.range(loc.keyStart, loc.end),
      pointer: loc.pointer,
      depth: s.depth,
    };
    if (s.origin) step.origin = s.origin;
    if (s.value !== undefined && (i > 0 || exact)) step.value = s.value;
    if (s.waitsOn) step.waitsOn = true;
    out.push(step);
  });
  return out;
}

/** `properties.disableLocalAuth`, `identity`, `apiVersion[0]`; the subject's name for the subject itself. */
export function propertyLabel(path: ReadonlyArray<string | number>, subject: FindingSubject): string {
  if (path.length === 0) return subject.kind === "resource" ? `${subject.type ?? "resource"} '${subject.name}'` : `${subject.kind} '${subject.name}'`;
  const [head, ...rest] = path;
  const start = subject.kind === "resource" ? String(head) : `${subject.kind}s('${subject.name}').${String(head)}`;
  return rest.reduce<string>((out, seg) => (typeof seg === "number" ? `${out}[${seg}]` : `${out}.${seg}`), start);
}

/** The expanded value at a path of a subject, if it is there. */
export function valueAtPath(root: Value, path: ReadonlyArray<string | number>): Value | undefined {
  let node: Value | undefined = root;
  for (const seg of path) {
    if (Array.isArray(node) && typeof seg === "number") node = node[seg];
    else if (node !== null && typeof node === "object" && !Array.isArray(node) && !isUnknown(node)) node = (node as Record<string, Value>)[String(seg)];
    else return undefined;
  }
  return node;
}
