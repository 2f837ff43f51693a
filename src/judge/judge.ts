import type { RuleMeta } from "../catalog/index.js";
import { compileGlob, matchingInline, readInlineSuppressions, type InlineSuppression, type ResolvedOptions } from "../config/index.js";
import type { Finding, Notice } from "../model/index.js";

/** The resource a finding is about: its `metadata` may hold inline suppressions. */
export interface JudgedResource {
  /** Its index in the expanded template (findings about one resource share its suppressions). */
  index: number;
  metadata: unknown;
  file: string;
  pointer: string;
}

/** What judging made of one template's located findings. */
export interface Judgement {
  /** The findings of enabled rules, with the run's severity and any suppression that applies. */
  findings: Finding[];
  /** Expired and malformed suppressions. */
  notices: Notice[];
  /** Indexes of the configured suppressions that matched a finding. */
  matched: number[];
}

/** The inline suppressions of one resource, and which of them matched a finding. */
interface ResourceInline {
  resource: JudgedResource;
  suppressions: InlineSuppression[];
  used: Set<number>;
}

/**
 * Applies the run's configuration to located findings: rule selection, unknown handling, severity
 * overrides, then suppressions (inline ones from the resource's metadata and `extraInline`, such
 * as Bicep comments; configured ones; the baseline). `resourceOf(i)` is the resource finding `i`
 * is about, if it is about one. `resources` are all the template's resources: the inline
 * suppressions of those without findings are read too, so that a malformed, unknown, unused or
 * expired one is reported wherever it is written.
 */
export function judge(
  located: readonly Finding[],
  resourceOf: (i: number) => JudgedResource | undefined,
  options: ResolvedOptions,
  rules: ReadonlyMap<string, RuleMeta>,
  extraInline?: (f: Finding) => InlineSuppression[],
  resources: readonly JudgedResource[] = [],
): Judgement {
  const notices: Notice[] = [];
  const inlineByResource = new Map<number, ResourceInline>();
  const inlineFor = (resource: JudgedResource | undefined): ResourceInline | undefined => {
    if (!resource) return undefined;
    let read = inlineByResource.get(resource.index);
    if (!read) {
      const { suppressions, problems } = readInlineSuppressions(resource.metadata as Parameters<typeof readInlineSuppressions>[0]);
      const known = suppressions.filter((s) => {
        const unknown = unknownRuleReason(s.rule, rules);
        if (unknown) problems.push(`the inline suppression of ${s.rule} ${unknown}`);
        return !unknown;
      });
      for (const problem of problems) {
        notices.push({ kind: "suppression-invalid", file: resource.file, message: problem, pointer: `${resource.pointer}/metadata` });
      }
      read = { resource, suppressions: known, used: new Set() };
      inlineByResource.set(resource.index, read);
    }
    return read;
  };
  const matched = new Set<number>();
  const findings: Finding[] = [];
  located.forEach((finding, i) => {
    const rule = rules.get(finding.ruleId)!;
    const own = inlineFor(resourceOf(i));
    // (a finding left out by this run's selection still shows that its suppression has a use)
    for (const m of matchingInline(own?.suppressions ?? [], finding.ruleId)) own!.used.add(m);
    if (!options.isEnabled(rule)) return;
    if (finding.status === "unknown" && options.unknown === "ignore") return;
    finding.severity = options.severityOf(rule);
    const inline = extraInline ? [...(own?.suppressions ?? []), ...extraInline(finding)] : (own?.suppressions ?? []);
    const applied = options.suppressions.apply(finding, inline);
    for (const index of applied.used) matched.add(index);
    for (const x of applied.expired) {
      notices.push({
        kind: "suppression-expired",
        file: finding.file,
        pointer: finding.pointer,
        message: `an ${x.kind} suppression of ${x.rule} for ${finding.subject.name} expired on ${x.expires} ("${x.justification}"), so ${finding.ruleId} counts again`,
      });
    }
    if (applied.suppression) finding.suppression = applied.suppression;
    findings.push(finding);
  });
  for (const resource of resources) inlineFor(resource);
  if (options.suppressions.honourInline) notices.push(...unusedInline(inlineByResource.values(), options.suppressions.today));
  return { findings, notices, matched: [...matched].sort((a, b) => a - b) };
}

/** Inline suppressions that matched no finding of their resource: unused, or expired as well. */
function unusedInline(read: Iterable<ResourceInline>, today: string): Notice[] {
  const notices: Notice[] = [];
  for (const { resource, suppressions, used } of read) {
    suppressions.forEach((s, i) => {
      if (used.has(i)) return;
      const expired = s.expires !== undefined && s.expires < today;
      notices.push({
        kind: expired ? "suppression-expired" : "suppression-unused",
        file: resource.file,
        pointer: `${resource.pointer}/metadata`,
        message: `the inline suppression of ${s.rule}${expired ? ` expired on ${s.expires} and` : ""} matched no finding ("${s.justification}")`,
      });
    });
  }
  return notices;
}

/**
 * Why a suppression's rule pattern suppresses nothing when it names no rule of acs-baseline, with
 * the id a mistyped one likely means; undefined when it names a rule. Inline suppressions in
 * template metadata and in Bicep comments are checked alike.
 */
export function unknownRuleReason(pattern: string, rules: ReadonlyMap<string, RuleMeta>): string | undefined {
  const compiled = compileGlob(pattern, true);
  if ([...rules.keys()].some((id) => compiled.test(id))) return undefined;
  return `names no rule of acs-baseline${didYouMean(pattern, rules)}, so it suppresses nothing`;
}

/** ` (did you mean X?)` for the rule id closest to a mistyped one (at most two edits), else "". */
function didYouMean(pattern: string, rules: ReadonlyMap<string, RuleMeta>): string {
  const typed = pattern.toUpperCase();
  let best: [string, number] | undefined;
  for (const id of rules.keys()) {
    const d = editDistance(typed, id);
    if (d <= 2 && (!best || d < best[1])) best = [id, d];
  }
  return best ? ` (did you mean ${best[0]}?)` : "";
}

/** Levenshtein distance, one row at a time (rule ids and patterns are at most 1,024 characters). */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length]!;
}
