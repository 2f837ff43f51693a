import type { ExpandedParameter, ExpandedResource, ExpandedTemplate } from "../arm/index.js";
import { comesFromElsewhere, isUnknown, traceProvenance, type RawDocuments, type TraceStart, type Value } from "../arm/index.js";
import type { RuleMeta } from "../catalog/index.js";
import type { RawFinding } from "../engine/index.js";
import type { Finding, FindingSubject, TraceTiming } from "../model/finding.js";
import { formatPointer, type SourceFile } from "../reader/index.js";
import { ruleDocUrl } from "../version.js";
import { fingerprintOf, fingerprintPath } from "./fingerprint.js";
import { TraceBatch } from "./lazy-trace.js";
import { Places } from "./places.js";
import { placeTrace, propertyLabel, valueAtPath } from "./trace.js";
import { describeUnknown, renderMessage } from "./message.js";

const UNPLACED = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

interface Placed {
  raw: RawFinding;
  rule: RuleMeta;
  file: string;
  pointer: string;
  subject: FindingSubject;
  subjectKey: string;
  /** The judged path as a pointer below the subject (part of the fingerprint). */
  path: string;
  /** The property's pointer below its resource's declaration, when `pointer` is elsewhere. */
  declared?: string;
}

/**
 * Gives each raw finding its file, JSON pointer, source range and fingerprint. The pointers of one
 * file are resolved in a single pass over its text. `sources` holds every file the expansion read.
 * The findings in `remapped` (a template compiled from Bicep, whose findings are then moved to
 * Bicep lines) get their pointer only, from the parsed value, and an empty range. A finding whose
 * value came from elsewhere gets its provenance `trace`, computed when first read (`TraceBatch`);
 * one whose value was written at the property itself has none (it would only repeat its place).
 */
export function locateFindings(
  raw: readonly RawFinding[],
  expanded: ExpandedTemplate,
  sources: ReadonlyMap<string, SourceFile>,
  rules: ReadonlyMap<string, RuleMeta>,
  remapped?: string,
  traces: TraceTiming = "on-read",
): Finding[] {
  const placed: Placed[] = [];
  const subjects = new Map<number, FindingSubject>(); // (a resource's name may be an unknown, slow to describe)
  for (const r of raw) {
    const rule = rules.get(r.rule_id);
    if (!rule) throw new Error(`the policy reported rule ${r.rule_id}, which the catalog does not list`);
    placed.push({ raw: r, rule, ...place(r, expanded, subjects) });
  }
  const documents = (file: string) => sources.get(file)?.value;
  // Traces that will all be read have their steps found in the same pass over each file.
  const steps =
    traces === "always" ? placed.map((p) => traceStart(p, expanded, documents, false)).map((s) => s && traceProvenance(expanded, documents, s)) : [];
  const places = new Places();
  for (const p of placed) places.want(p.file, p.pointer);
  for (const s of steps.flat()) if (s && sources.has(s.file)) places.want(s.file, s.pointer);
  const found = places.locate(sources, remapped);
  const batch = traces === "on-read" ? new TraceBatch(expanded, sources, remapped) : undefined;
  const paths = new Map<string, string>();
  const comparable = (file: string) => paths.get(file) ?? paths.set(file, fingerprintPath(file)).get(file)!;
  return placed.map((p, i) => {
    const source = sources.get(p.file)!;
    const loc = found.get(p.file)!.get(p.pointer)!;
    const finding: Finding = {
      ruleId: p.rule.id,
      title: p.rule.title,
      severity: p.rule.severity,
      status: p.raw.status,
      message: renderMessage(p.rule, p.raw.message) + conditionNote(p.raw, expanded),
      subject: p.subject,
      file: p.file,
      pointer: loc.pointer,
      exact: loc.exact,
      range: p.file === remapped ? UNPLACED : source.lineIndex.range(loc.keyStart, loc.end),
      remediation: p.rule.remediation,
      helpUri: ruleDocUrl(p.rule.id),
      fingerprint: fingerprintOf(p.rule.id, comparable(p.file), p.subjectKey, p.path),
    };
    if (steps[i]) {
      finding.trace = placeTrace(steps[i], loc.exact, sources, found);
    } else if (batch) {
      const start = traceStart(p, expanded, documents, p.file !== remapped && !mayBeExpression(source.text, loc.start));
      if (start) batch.attach(finding, start, loc.exact);
    }
    return finding;
  });
}

/**
 * Where a finding's trace starts, or undefined when its value was written at the property itself
 * (the trace would only repeat the finding's place). `literal`: see `comesFromElsewhere`.
 */
function traceStart(p: Placed, expanded: ExpandedTemplate, documents: RawDocuments, literal: boolean): TraceStart | undefined {
  // (built field by field: a spread of a conditional object costs more than the check, per finding)
  const start: TraceStart = { file: p.file, pointer: p.pointer, label: "" };
  if (p.declared !== undefined) start.declared = p.declared;
  if (!comesFromElsewhere(expanded, documents, start, literal)) return undefined;
  start.label = propertyLabel(p.raw.path, p.subject);
  const value = judgedValue(p.raw, expanded);
  if (value !== undefined) start.value = value;
  return start;
}

/** The value the rule judged, when the subject has it (a resource's property). */
function judgedValue(r: RawFinding, expanded: ExpandedTemplate): Value | undefined {
  const resource = r.subject.kind === "resource" && r.path.length > 0 ? expanded.resources[r.subject.index] : undefined;
  return resource ? valueAtPath(resource as unknown as Value, r.path) : undefined;
}

/**
 * False when the JSON value at `offset` cannot be an expression string (`"[...]"`): it is no string,
 * or its text starts with neither `[` nor an escape. One look at the text instead of a walk.
 */
function mayBeExpression(text: string, offset: number): boolean {
  if (text.charCodeAt(offset) !== 0x22) return false;
  const next = text.charCodeAt(offset + 1);
  return next === 0x5b || next === 0x5c;
}

function place(r: RawFinding, expanded: ExpandedTemplate, subjects: Map<number, FindingSubject>): Omit<Placed, "raw" | "rule"> {
  const { kind, index } = r.subject;
  if (kind === "resource") {
    const resource = expanded.resources[index];
    if (!resource) throw new Error(`rule ${r.rule_id} named resource ${index}, which does not exist`);
    let subject = subjects.get(index);
    if (!subject) subjects.set(index, (subject = resourceSubject(resource)));
    const relative = formatPointer(r.path);
    return {
      file: resource.source.file,
      pointer: writtenAt(resource, relative),
      subject: { ...subject }, // (each finding its own, as a library user may change it)
      subjectKey: typeof resource.id === "string" ? resource.id.toLowerCase() : resource.source.pointer,
      path: relative,
      declared: resource.source.pointer + relative,
    };
  }
  const entry = kind === "output" ? expanded.outputs[index] : kind === "variable" ? expanded.variables[index] : expanded.parameters[index];
  if (!entry) throw new Error(`rule ${r.rule_id} named ${kind} ${index}, which does not exist`);
  const subject: FindingSubject = { kind, name: entry.name };
  const subjectKey = `${kind}:${entry.file}:${entry.pointer}`;
  const path = formatPointer(r.path);
  // The normalized input names an output's or variable's value `value`; in the template an
  // output's is `value` too, a variable's is the declaration itself. A parameter's `value` was
  // written in the parameter file when it came from there, else it is its `defaultValue`.
  const [head, ...rest] = r.path;
  if (kind === "parameter" && head === "value") {
    const source = (entry as ExpandedParameter).valueSource;
    if (source) return { file: source.file, pointer: source.pointer + formatPointer(rest), subject, subjectKey, path };
    return { file: entry.file, pointer: `${entry.pointer}/defaultValue${formatPointer(rest)}`, subject, subjectKey, path };
  }
  if (kind === "variable" && head === "value") return { file: entry.file, pointer: entry.pointer + formatPointer(rest), subject, subjectKey, path };
  return { file: entry.file, pointer: entry.pointer + path, subject, subjectKey, path };
}

/** The pointer of a property of a resource: where its value was written, if not below the declaration. */
export function resourcePointer(resource: ExpandedResource, path: ReadonlyArray<string | number>): string {
  return writtenAt(resource, formatPointer(path));
}

/**
 * `resourcePointer` of the property at `relative` (its pointer below the resource), trying it and
 * then each ancestor: its segments start at its slashes (a slash in a key is written `~1`).
 */
function writtenAt(resource: ExpandedResource, relative: string): string {
  const values = resource.source.values;
  for (let end = relative.length; end > 0; end = relative.lastIndexOf("/", end - 1)) {
    const moved = values[relative.slice(0, end)];
    if (moved !== undefined) return moved + relative.slice(end);
  }
  return resource.source.pointer + relative;
}

/** For a finding on a resource deployed only under a condition not known before deployment, that condition. */
function conditionNote(r: RawFinding, expanded: ExpandedTemplate): string {
  const condition = r.subject.kind === "resource" ? expanded.resources[r.subject.index]?.condition : undefined;
  if (!isUnknown(condition)) return "";
  // A condition true for every value of a parameter with a finite set of values always deploys it.
  const cases = condition.facts.domain?.cases;
  if (cases && cases.length > 0 && cases.every((c) => c.value === true)) return "";
  return ` (the resource is deployed only when ${describeUnknown({ expression: condition.expression, detail: condition.detail })})`;
}

export function resourceSubject(resource: ExpandedResource): FindingSubject {
  const subject: FindingSubject = {
    kind: "resource",
    type: resource.type,
    name: isUnknown(resource.name) ? resource.name.shape() : String(resource.name),
  };
  if (typeof resource.id === "string") subject.id = resource.id;
  if (resource.symbolicName !== undefined) subject.symbolicName = resource.symbolicName;
  return subject;
}
