import type { FindingSubject, SourceRange, TraceStep } from "./finding.js";

/** One rule's verdict on one subject it applies to. */
export type VerdictKind = "pass" | "fail" | "unknown" | "suppressed";

/** A value a verdict rests on: where it is, what it is, and where it came from. */
export interface EvidenceValue {
  /** The property, as `properties.disableLocalAuth`. */
  label: string;
  /** The value, shortened (secure values are never shown); absent when the property is not set. */
  value?: string;
  file: string;
  range: SourceRange;
  trace: TraceStep[];
}

/** A few lines of a file around a place, for people reading a report. */
export interface Excerpt {
  /** The first line shown (1-based). */
  startLine: number;
  lines: string[];
  /** The line of the place itself. */
  focusLine: number;
}

/** The verdict of one rule on one subject (a resource, or the scanned template as a deployment). */
export interface Verdict {
  ruleId: string;
  verdict: VerdictKind;
  /** `template` stands for the scanned template itself, which is a deployment too. */
  subject: FindingSubject | { kind: "template"; name: string };
  /** The scanned template the verdict comes from. */
  template: string;
  /** Where the subject (or, for a failure, the first finding) is written. */
  file: string;
  range: SourceRange;
  /** Fingerprints of the findings behind a fail, unknown or suppressed verdict. */
  findings: string[];
  /** What a pass rests on: the properties the rule's fix sets, as the template has them. */
  evidence: EvidenceValue[];
  excerpt?: Excerpt;
}

/** A rule that applied to nothing in the scan, and the resource types it looks for. */
export interface NotApplicable {
  ruleId: string;
  resourceTypes: string[];
}

/** Every evaluation of a run: a verdict per rule and subject it applies to, and the rules that applied to nothing. */
export interface Evidence {
  verdicts: Verdict[];
  notApplicable: NotApplicable[];
}
