/** Severity of a rule, from most to least severe. */
export type Severity = "critical" | "high" | "medium" | "low" | "info";

/** Severities ordered from most to least severe. */
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info"];

/** True when `a` is at least as severe as `b`. */
export function isAtLeast(a: Severity, b: Severity): boolean {
  return SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b);
}

/**
 * `fail`: the template is provably non-compliant.
 * `unknown`: the answer depends on a value that cannot be known before deployment.
 */
export type FindingStatus = "fail" | "unknown";

/** A 1-based line and column (columns count UTF-16 code units, as editors and SARIF do). */
export interface Position {
  line: number;
  column: number;
}

/** A span of source text; `end` is exclusive. */
export interface SourceRange {
  start: Position;
  end: Position;
}

/** What a finding is about: a deployed resource, or a template output, parameter or variable. */
export interface FindingSubject {
  kind: "resource" | "output" | "parameter" | "variable";
  /** Resource type as written (resources only). */
  type?: string;
  /** Resource name, or the output, parameter or variable name. */
  name: string;
  /** Full resource id, when the subject is a resource. */
  id?: string;
  /** Symbolic name (languageVersion 2.0 templates). */
  symbolicName?: string;
}

/** A place related to a finding, and how. */
export interface RelatedLocation {
  file: string;
  range: SourceRange;
  message: string;
}

/**
 * One step of the offending value's way into the property, from the property back to its origins
 * (a variable, a parameter and where its value came from, a module's input, a runtime value).
 */
export interface TraceStep {
  kind: "property" | "variable" | "parameter" | "module-input" | "runtime";
  /** For parameters: where the value came from. */
  origin?: "parameter-file" | "argument" | "module-input" | "default" | "none";
  /** Short text for people: `variables('localAuth')`, `parameters('env') = "dev" from the parameter file`. */
  label: string;
  file: string;
  range: SourceRange;
  /** JSON pointer of the step in `file` (absent when `file` is a Bicep source). */
  pointer?: string;
  /** Steps away from the property: a value built from two parameters has two steps at depth 1. */
  depth: number;
  /** The value at this step, shortened; secure values are never shown. */
  value?: string;
  /** True on what an unknown value waits on: a parameter without a value, a Key Vault reference, a runtime value. */
  waitsOn?: boolean;
}

/**
 * When findings' provenance traces are computed: when the first of a template's is read
 * (`"on-read"`), during the scan (`"always"`), or not at all (`"never"`).
 */
export type TraceTiming = "on-read" | "always" | "never";

/** One rule's verdict on one subject. */
export interface Finding {
  ruleId: string;
  title: string;
  severity: Severity;
  status: FindingStatus;
  message: string;
  subject: FindingSubject;
  /** Path of the scanned file, as given to the scanner. */
  file: string;
  /**
   * JSON pointer (RFC 6901) of the offending property in `file`; when the property is absent,
   * of the closest node that exists (usually the resource).
   */
  pointer: string;
  /** True when `pointer` names the offending property itself, false when it is an ancestor. */
  exact: boolean;
  range: SourceRange;
  remediation: string;
  /** The rule's own page in the project's docs/rules. */
  helpUri: string;
  /**
   * Stable identity of the finding: the same across runs and when unrelated lines move.
   * Derived from rule id, file, subject and the offending property path, never from line numbers.
   */
  fingerprint: string;
  /**
   * Where the offending value came from, when that is elsewhere (a parameter default, a parameter
   * file's value, a variable, a module caller's argument); SARIF `relatedLocations`.
   */
  related?: RelatedLocation[];
  /**
   * The offending value's provenance, the property first: each step a place and a short label.
   * Absent when the value was written at the property itself (a literal, or an expression that uses
   * no parameter, variable or deployment-time value) and not inside a variable, or the property is
   * absent and nothing sets it: the trace would only repeat the finding's place. Computed, for all
   * of a template's findings at once, when first read.
   */
  trace?: TraceStep[];
  /** The parameter files whose values produce the finding, when the template was scanned with parameter files. */
  parameterSets?: string[];
  /** Set when the finding is accepted: it stays in the results but never fails the run. */
  suppression?: {
    kind: "inline" | "config" | "baseline";
    justification: string;
    expires?: string;
  };
}
