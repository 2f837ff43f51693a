import { traceProvenance, type ExpandedResource, type ExpandedTemplate, type Value } from "../arm/index.js";
import { appliesTo, type RuleMeta } from "../catalog/index.js";
import type { RawFinding } from "../engine/index.js";
import { placeTrace, propertyLabel, resourcePointer, resourceSubject as subjectOf, valueAtPath } from "../locate/index.js";
import type { EvidenceValue, Finding, SourceRange, TraceStep, Verdict, VerdictKind } from "../model/index.js";
import { formatPointer, type SourceFile } from "../reader/index.js";
import { excerptAt } from "./excerpt.js";
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
  const keyOf = (ruleId: string, subject: RawFinding["subject"]) => `${ruleId}|${subject.kind === "resource" ? subject.index : TEMPLATE}`;
  for (const { finding, subject } of input.findings) {
    const key = keyOf(finding.ruleId, subject);
    byPair.set(key, [...(byPair.get(key) ?? []), finding]);
  }
  const verdicts: Verdict[] = [];
  for (const rule of input.rules) {
    const subjects: Array<number | typeof TEMPLATE> = [];
    if (appliesTo(rule, DEPLOYMENTS) || byPair.has(`${rule.id}|${TEMPLATE}`)) subjects.push(TEMPLATE);
    expanded.resources.forEach((r, i) => {
      if (appliesTo(rule, r.typeLower) || byPair.has(`${rule.id}|${i}`)) subjects.push(i);
    });
    for (const s of subjects) {
      const findings = byPair.get(`${rule.id}|${s}`) ?? [];
      verdicts.push(s === TEMPLATE ? templateVerdict(rule, findings, input) : resourceVerdict(rule, s, findings, input));
    }
  }
  return verdicts;
}

function verdictOf(findings: readonly Finding[]): VerdictKind {
  const active = findings.filter((f) => !f.suppression);
  if (active.some((f) => f.status === "fail")) return "fail";
  if (active.length > 0) return "unknown";
  return findings.length > 0 ? "suppressed" : "pass";
}

function fromFindings(rule: RuleMeta, subject: Verdict["subject"], findings: readonly Finding[], input: EvidenceInput): Verdict {
  const first = findings.find((f) => !f.suppression) ?? findings[0]!;
  return withExcerpt({ ruleId: rule.id, verdict: verdictOf(findings), subject, template: input.expanded.file, file: first.file, range: first.range, findings: findings.map((f) => f.fingerprint), evidence: [] }, input);
}

function templateVerdict(rule: RuleMeta, findings: readonly Finding[], input: EvidenceInput): Verdict {
  const file = input.expanded.file;
  const subject = { kind: "template" as const, name: file };
  if (findings.length > 0) return fromFindings(rule, subject, findings, input);
  const step = located(input, file, "", "template");
  return withExcerpt({ ruleId: rule.id, verdict: "pass", subject, template: file, file: step?.file ?? file, range: step?.range ?? START, findings: [], evidence: [] }, input);
}

function resourceVerdict(rule: RuleMeta, index: number, findings: readonly Finding[], input: EvidenceInput): Verdict {
  const resource = input.expanded.resources[index]!;
  const subject = subjectOf(resource);
  if (findings.length > 0) return fromFindings(rule, subject, findings, input);
  const at = located(input, resource.source.file, resource.source.pointer, "resource");
  const verdict: Verdict = { ruleId: rule.id, verdict: "pass", subject, template: input.expanded.file, file: at?.file ?? resource.source.file, range: at?.range ?? START, findings: [], evidence: [] };
  for (const path of fixPaths(rule)) {
    const value = evidenceValue(resource, path, input);
    if (value) verdict.evidence.push(value);
  }
  return withExcerpt(verdict, input);
}

/** The value of one property of a passing resource, with its provenance. */
function evidenceValue(resource: ExpandedResource, path: ReadonlyArray<string | number>, input: EvidenceInput): EvidenceValue | undefined {
  const subject = subjectOf(resource);
  const value = valueAtPath(resource as unknown as Value, path);
  const pointer = resourcePointer(resource, path);
  const raw = (file: string) => input.sources.get(file)?.value;
  const declared = resource.source.pointer + formatPointer(path);
  const steps = traceProvenance(input.expanded, raw, { file: resource.source.file, pointer, declared, label: propertyLabel(path, subject), ...(value === undefined ? {} : { value }) });
  const found = new Map<string, ReturnType<SourceFile["locate"]>>();
  for (const file of new Set(steps.map((s) => s.file))) {
    const source = input.sources.get(file);
    if (source) found.set(file, source.locate(steps.filter((s) => s.file === file).map((s) => s.pointer)));
  }
  const exact = found.get(resource.source.file)?.get(pointer)?.exact ?? false;
  const trace = placeTrace(steps, exact, input.sources, found);
  if (trace.length === 0) return undefined;
  input.place(trace);
  const out: EvidenceValue = { label: trace[0]!.label, file: trace[0]!.file, range: trace[0]!.range, trace };
  if (trace[0]!.value !== undefined) out.value = trace[0]!.value;
  return out;
}

/** The place of a pointer, moved to the Bicep source when there is one. */
function located(input: EvidenceInput, file: string, pointer: string, label: string): TraceStep | undefined {
  const source = input.sources.get(file);
  const loc = source?.locate([pointer]).get(pointer);
  if (!source || !loc) return undefined;
  const step: TraceStep = { kind: "property", label, file, pointer: loc.pointer, range: source.lineIndex.range(loc.keyStart, loc.end), depth: 0 };
  input.place([step]);
  return step;
}

function withExcerpt(v: Verdict, input: EvidenceInput): Verdict {
  const text = input.textOf(v.file);
  if (text !== undefined) v.excerpt = excerptAt(text, v.range.start.line);
  return v;
}

const START: SourceRange = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
