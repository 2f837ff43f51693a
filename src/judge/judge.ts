import type { RuleMeta } from "../catalog/index.js";
import { readInlineSuppressions, type InlineSuppression, type ResolvedOptions } from "../config/index.js";
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

/**
 * Applies the run's configuration to located findings: rule selection, unknown handling, severity
 * overrides, then suppressions (inline ones from the resource's metadata and `extraInline`, such
 * as Bicep comments; configured ones; the baseline). `resourceOf(i)` is the resource finding `i`
 * is about, if it is about one.
 */
export function judge(
  located: readonly Finding[],
  resourceOf: (i: number) => JudgedResource | undefined,
  options: ResolvedOptions,
  rules: ReadonlyMap<string, RuleMeta>,
  extraInline?: (f: Finding) => InlineSuppression[],
): Judgement {
  const notices: Notice[] = [];
  const inlineByResource = new Map<number, InlineSuppression[]>();
  const inlineFor = (resource: JudgedResource | undefined): InlineSuppression[] => {
    if (!resource) return [];
    let list = inlineByResource.get(resource.index);
    if (!list) {
      const read = readInlineSuppressions(resource.metadata as Parameters<typeof readInlineSuppressions>[0]);
      for (const problem of read.problems) {
        notices.push({ kind: "suppression-invalid", file: resource.file, message: problem, pointer: `${resource.pointer}/metadata` });
      }
      list = read.suppressions;
      inlineByResource.set(resource.index, list);
    }
    return list;
  };
  const matched = new Set<number>();
  const findings: Finding[] = [];
  located.forEach((finding, i) => {
    const rule = rules.get(finding.ruleId)!;
    if (!options.isEnabled(rule)) return;
    if (finding.status === "unknown" && options.unknown === "ignore") return;
    finding.severity = options.severityOf(rule);
    const inline = extraInline ? [...inlineFor(resourceOf(i)), ...extraInline(finding)] : inlineFor(resourceOf(i));
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
  return { findings, notices, matched: [...matched].sort((a, b) => a - b) };
}
