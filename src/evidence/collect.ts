import { traceProvenance, type ExpandedResource, type ExpandedTemplate, type Value } from "../arm/index.js";
import { appliesTo, type RuleMeta } from "../catalog/index.js";
import type { RawFinding } from "../engine/index.js";
import { placeTrace, propertyLabel, resourcePointer, resourceSubject as subjectOf, valueAtPath } from "../locate/index.js";
import type { EvidenceValue, Finding, SourceRange, TraceStep, Verdict, VerdictKind } from "../model/index.js";
import { formatPointer, type SourceFile } from "../reader/index.js";
import { excerptAt, lineStarts } from "./excerpt.js";
import { fixPaths } from "./fix-paths.js";

/** What the evidence of one template's run is made from. */
export interface EvidenceInput {
  expanded: ExpandedTemplate;
  /** The run's findings after the configuration was applied, each with the subject the rule named. */
  findings: ReadonlyArray<{ finding: Finding; subject: RawFinding["subject"] }>;
  /** The rules the run evaluates (those switched off are not judged, so have no verdicts). */
  rules: readonly RuleMeta[];
  /** Every file the expansion read. */
  sources: ReadonlyMap<string, SourceFile>;
  /** Moves places in a compiled template to its Bicep source (a no-op for JSON templates). */
  place(steps: TraceStep[]): void;
  /** The text of a file a place may point into (a template, a parameter file, a Bicep source). */
  textOf(file: string): string | undefined;
}

const TEMPLATE = "template";
const DEPLOYMENTS = "microsoft.resources/deployments";

/**
 * One verdict per rule and subject it applies to: `fail`, `unknown` or `suppressed` from the
 * findings (the Rego is the only judge), `pass` when a rule that applies found nothing. A rule applies
 * to the resources of the types its METADATA names; the scanned template counts as a deployment,
 * since findings on its outputs and parameters are about it. A pass carries the values of the
 * properties the rule's fix sets, with their provenance.
 */
export function collectEvidence(input: EvidenceInput): Verdict[] {
  const { expanded } = input;
  const byPair = new Map<string, Finding[]>();
  for (const { finding, subject } of input.findings) {
    const key = `${finding.ruleId}|${subject.kind === "resource" ? subject.index : TEMPLATE}`;
    const list = byPair.get(key);
    if (list) list.push(finding);
    else byPair.set(key, [finding]);
  }
  const places = new Places(input);
  const pending: Array<() => Verdict> = [];
  for (const rule of input.rules) {
    if (appliesTo(rule, DEPLOYMENTS) || byPair.has(`${rule.id}|${TEMPLATE}`))
      pending.push(templateVerdict(rule, byPair.get(`${rule.id}|${TEMPLATE}`) ?? [], input, places));
    expanded.resources.forEach((r, i) => {
      if (appliesTo(rule, r.typeLower) || byPair.has(`${rule.id}|${i}`))
        pending.push(resourceVerdict(rule, i, byPair.get(`${rule.id}|${i}`) ?? [], input, places));
    });
  }
  // Every place the verdicts need is located in one pass over each file.
  places.locate();
  const excerpts = new Excerpts(input);
  return pending.map((build) => excerpts.add(build()));
}

/** Places to locate, collected first, then found with one pass over each file's text. */
class Places {
  private readonly wanted = new Map<string, Set<string>>();
  private readonly found = new Map<string, ReturnType<SourceFile["locate"]>>();

  constructor(private readonly input: EvidenceInput) {}

  want(file: string, pointers: Iterable<string>): void {
    let set = this.wanted.get(file);
    if (!set) this.wanted.set(file, (set = new Set()));
    for (const p of pointers) set.add(p);
  }

  locate(): void {
    for (const [file, pointers] of this.wanted) {
      const source = this.input.sources.get(file);
      if (source) this.found.set(file, source.locate([...pointers]));
    }
  }

  get located(): ReadonlyMap<string, ReturnType<SourceFile["locate"]>> {
    return this.found;
  }

  /** The place of a pointer (located before), moved to the Bicep source when there is one. */
  step(file: string, pointer: string, label: string): TraceStep | undefined {
    const source = this.input.sources.get(file);
    const loc = this.found.get(file)?.get(pointer);
    if (!source || !loc) return undefined;
    const step: TraceStep = { kind: "property", label, file, pointer: loc.pointer, range: source.lineIndex.range(loc.keyStart, loc.end), depth: 0 };
    this.input.place([step]);
    return step;
  }
}

/** Excerpts of the files verdicts point into, each file's lines indexed once. */
class Excerpts {
  private readonly starts = new Map<string, number[] | undefined>();

  constructor(private readonly input: EvidenceInput) {}

  add(v: Verdict): Verdict {
    const text = this.input.textOf(v.file);
    if (text === undefined) return v;
    let starts = this.starts.get(v.file);
    if (!starts) this.starts.set(v.file, (starts = lineStarts(text)));
    v.excerpt = excerptAt(text, starts, v.range.start.line);
    return v;
  }
}

function verdictOf(findings: readonly Finding[]): VerdictKind {
  const active = findings.filter((f) => !f.suppression);
  if (active.some((f) => f.status === "fail")) return "fail";
  if (active.length > 0) return "unknown";
  return findings.length > 0 ? "suppressed" : "pass";
}

function fromFindings(rule: RuleMeta, subject: Verdict["subject"], findings: readonly Finding[], input: EvidenceInput): () => Verdict {
  const first = findings.find((f) => !f.suppression) ?? findings[0]!;
  return () => ({
    ruleId: rule.id,
    verdict: verdictOf(findings),
    subject,
    template: input.expanded.file,
    file: first.file,
    range: first.range,
    findings: findings.map((f) => f.fingerprint),
    evidence: [],
  });
}

function templateVerdict(rule: RuleMeta, findings: readonly Finding[], input: EvidenceInput, places: Places): () => Verdict {
  const file = input.expanded.file;
  const subject = { kind: "template" as const, name: file };
  if (findings.length > 0) return fromFindings(rule, subject, findings, input);
  places.want(file, [""]);
  return () => {
    const at = places.step(file, "", "template");
    return { ruleId: rule.id, verdict: "pass", subject, template: file, file: at?.file ?? file, range: at?.range ?? START, findings: [], evidence: [] };
  };
}

function resourceVerdict(rule: RuleMeta, index: number, findings: readonly Finding[], input: EvidenceInput, places: Places): () => Verdict {
  const resource = input.expanded.resources[index]!;
  const subject = subjectOf(resource);
  if (findings.length > 0) return fromFindings(rule, subject, findings, input);
  places.want(resource.source.file, [resource.source.pointer]);
  const values = fixPaths(rule).map((path) => evidenceValue(resource, path, input, places));
  return () => {
    const at = places.step(resource.source.file, resource.source.pointer, "resource");
    const evidence = values.map((build) => build()).filter((v): v is EvidenceValue => v !== undefined);
    return {
      ruleId: rule.id,
      verdict: "pass",
      subject,
      template: input.expanded.file,
      file: at?.file ?? resource.source.file,
      range: at?.range ?? START,
      findings: [],
      evidence,
    };
  };
}

/** The value of one property of a passing resource, with its provenance (built once its places are located). */
function evidenceValue(
  resource: ExpandedResource,
  path: ReadonlyArray<string | number>,
  input: EvidenceInput,
  places: Places,
): () => EvidenceValue | undefined {
  const value = valueAtPath(resource as unknown as Value, path);
  const pointer = resourcePointer(resource, path);
  const raw = (file: string) => input.sources.get(file)?.value;
  const declared = resource.source.pointer + formatPointer(path);
  const steps = traceProvenance(input.expanded, raw, {
    file: resource.source.file,
    pointer,
    declared,
    label: propertyLabel(path, subjectOf(resource)),
    ...(value === undefined ? {} : { value }),
  });
  for (const s of steps) places.want(s.file, [s.pointer]);
  places.want(resource.source.file, [pointer]);
  return () => {
    const exact = places.located.get(resource.source.file)?.get(pointer)?.exact ?? false;
    const trace = placeTrace(steps, exact, input.sources, places.located);
    if (trace.length === 0) return undefined;
    input.place(trace);
    const out: EvidenceValue = { label: trace[0]!.label, file: trace[0]!.file, range: trace[0]!.range, trace };
    if (trace[0]!.value !== undefined) out.value = trace[0]!.value;
    return out;
  };
}

const START: SourceRange = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
