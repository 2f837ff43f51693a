import type { ExpandedParameter, ExpandedResource, ExpandedTemplate } from "../arm/index.js";
import { isUnknown, traceProvenance, type ProvenanceStep, type Value } from "../arm/index.js";
import type { RuleMeta } from "../catalog/index.js";
import type { RawFinding } from "../engine/index.js";
import type { Finding, FindingSubject } from "../model/finding.js";
import { formatPointer, type SourceFile } from "../reader/index.js";
import { ruleDocUrl } from "../version.js";
import { fingerprint } from "./fingerprint.js";
import { placeTrace, propertyLabel, valueAtPath } from "./trace.js";
import { describeUnknown, renderMessage } from "./message.js";
import { locateInValue } from "./value-pointers.js";

const UNPLACED = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

interface Placed {
  raw: RawFinding;
  rule: RuleMeta;
  file: string;
  pointer: string;
  subject: FindingSubject;
  subjectKey: string;
  /** The value the rule judged, when the subject has it. */
  value?: Value;
  /** The property's pointer below its resource's declaration, when `pointer` is elsewhere. */
  declared?: string;
  trace?: ProvenanceStep[];
}

/**
 * Gives each raw finding its file, JSON pointer, source range and fingerprint. The pointers of one
 * file are resolved in a single pass over its text. `sources` holds every file the expansion read.
 * The findings in `remapped` (a template compiled from Bicep, whose findings are then moved to
 * Bicep lines) get their pointer only, from the parsed value, and an empty range.
 */
export function locateFindings(
  raw: readonly RawFinding[],
  expanded: ExpandedTemplate,
  sources: ReadonlyMap<string, SourceFile>,
  rules: ReadonlyMap<string, RuleMeta>,
  remapped?: string,
): Finding[] {
  const placed: Placed[] = [];
  for (const r of raw) {
    const rule = rules.get(r.rule_id);
    if (!rule) throw new Error(`the policy reported rule ${r.rule_id}, which the catalog does not list`);
    placed.push({ raw: r, rule, ...place(r, expanded) });
  }
  const documents = (file: string) => sources.get(file)?.value;
  for (const p of placed) {
    const start = {
      file: p.file,
      pointer: p.pointer,
      label: propertyLabel(p.raw.path, p.subject),
      ...(p.declared === undefined ? {} : { declared: p.declared }),
      ...(p.value === undefined ? {} : { value: p.value }),
    };
    p.trace = traceProvenance(expanded, documents, start);
  }
  // (many findings share steps: one parameter feeds many resources)
  const byFile = new Map<string, Set<string>>();
  const want = (file: string, pointer: string) => {
    let set = byFile.get(file);
    if (!set) byFile.set(file, (set = new Set()));
    set.add(pointer);
  };
  for (const p of placed) {
    want(p.file, p.pointer);
    for (const s of p.trace!) if (sources.has(s.file)) want(s.file, s.pointer);
  }
  const found = new Map<string, ReturnType<SourceFile["locate"]>>();
  for (const [file, pointers] of byFile) {
    const source = sources.get(file);
    if (!source) throw new Error(`no source text for ${file}`);
    found.set(file, file === remapped ? locateInValue(source.value, [...pointers]) : source.locate([...pointers]));
  }
  return placed.map((p) => {
    const source = sources.get(p.file)!;
    const loc = found.get(p.file)!.get(p.pointer)!;
    const trace = placeTrace(p.trace!, loc.exact, sources, found);
    return {
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
      fingerprint: fingerprint(p.rule.id, p.file, p.subjectKey, formatPointer(p.raw.path)),
      trace,
    };
  });
}

function place(r: RawFinding, expanded: ExpandedTemplate): Omit<Placed, "raw" | "rule"> {
  const { kind, index } = r.subject;
  if (kind === "resource") {
    const resource = expanded.resources[index];
    if (!resource) throw new Error(`rule ${r.rule_id} named resource ${index}, which does not exist`);
    const value = r.path.length > 0 ? valueAtPath(resource as unknown as Value, r.path) : undefined;
    return {
      file: resource.source.file,
      pointer: resourcePointer(resource, r.path),
      subject: resourceSubject(resource),
      subjectKey: typeof resource.id === "string" ? resource.id.toLowerCase() : resource.source.pointer,
      declared: resource.source.pointer + formatPointer(r.path),
      ...(value === undefined ? {} : { value }),
    };
  }
  const entry = kind === "output" ? expanded.outputs[index] : kind === "variable" ? expanded.variables[index] : expanded.parameters[index];
  if (!entry) throw new Error(`rule ${r.rule_id} named ${kind} ${index}, which does not exist`);
  const subject: FindingSubject = { kind, name: entry.name };
  const subjectKey = `${kind}:${entry.file}:${entry.pointer}`;
  // The normalized input names an output's or variable's value `value`; in the template an
  // output's is `value` too, a variable's is the declaration itself. A parameter's `value` was
  // written in the parameter file when it came from there, else it is its `defaultValue`.
  const [head, ...rest] = r.path;
  if (kind === "parameter" && head === "value") {
    const source = (entry as ExpandedParameter).valueSource;
    if (source) return { file: source.file, pointer: source.pointer + formatPointer(rest), subject, subjectKey };
    return { file: entry.file, pointer: `${entry.pointer}/defaultValue${formatPointer(rest)}`, subject, subjectKey };
  }
  if (kind === "variable" && head === "value") return { file: entry.file, pointer: entry.pointer + formatPointer(rest), subject, subjectKey };
  return { file: entry.file, pointer: entry.pointer + formatPointer(r.path), subject, subjectKey };
}

/** The pointer of a property of a resource: where its value was written, if not below the declaration. */
export function resourcePointer(resource: ExpandedResource, path: ReadonlyArray<string | number>): string {
  const values = resource.source.values;
  for (let n = path.length; n > 0; n--) {
    const moved = values[formatPointer(path.slice(0, n))];
    if (moved !== undefined) return moved + formatPointer(path.slice(n));
  }
  return resource.source.pointer + formatPointer(path);
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
