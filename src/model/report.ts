import type { Evidence } from "./evidence.js";
import type { Finding, Severity } from "./finding.js";

/** A file the scanner could not read or expand. */
export interface FileError {
  file: string;
  message: string;
  line?: number;
  column?: number;
  /** Set when the scanner failed, not the file: a bug to report (the CLI exits with its own code). */
  internal?: boolean;
  /** The internal error's stack trace, when the scan was asked for it (`debug`). */
  stack?: string;
}

/** Something worth knowing that is not a finding. */
export interface Notice {
  /**
   * `expansion`: from expanding a template (an invalid parameter value, a link not followed);
   * `suppression-expired`, `suppression-unused`, `suppression-invalid`: about suppressions.
   */
  kind: "expansion" | "suppression-expired" | "suppression-unused" | "suppression-invalid";
  /** The file it is about ("" for the configuration). */
  file: string;
  message: string;
  pointer?: string;
}

/** What the scanner made of one file. */
export interface FileResult {
  file: string;
  /** `template` files are scanned; `parameters` and `unknown` files are skipped; `error` could not be read. */
  kind: "template" | "parameters" | "unknown" | "error";
  findings: Finding[];
  notices: Notice[];
  error?: FileError;
  /**
   * Parts of a template that could not be expanded (a resource, output, parameter or module): each
   * is an error of the run, while the rest of the template was judged and has its findings.
   */
  errors?: FileError[];
  /** Indexes of the configured suppressions that matched a finding of this file. */
  matchedSuppressions?: number[];
  /** Every rule's verdict on every subject it applies to (only when evidence was asked for). */
  evidence?: Evidence["verdicts"];
}

/** Counts for a run. */
export interface ScanSummary {
  filesScanned: number;
  filesSkipped: number;
  filesWithErrors: number;
  /** Findings by status (suppressed ones are counted apart). */
  fail: number;
  unknown: number;
  suppressed: number;
  /** Suppressions that matched a finding but had expired, so did not apply. */
  expiredSuppressions: number;
  /** Configured suppressions that matched nothing. */
  unusedSuppressions: number;
  /** Failing findings by severity. */
  bySeverity: Record<Severity, number>;
  /** Findings that make the run fail: at or above the threshold (and unknowns, when they count). */
  failing: number;
  failOn: Severity;
}

/** How findings with status `unknown` count towards the run's outcome. */
export type UnknownHandling = "fail" | "warn" | "ignore";

/** One rule as the run judged it. */
export interface RuleSelection {
  id: string;
  /** Whether the run evaluated it (its default, or as configured). */
  enabled: boolean;
  /** Its severity in this run (its default, or as configured). */
  severity: Severity;
}

/** The run's configuration, as reports show it: what was judged, and what fails the run. */
export interface RunConfiguration {
  failOn: Severity;
  unknown: UnknownHandling;
  /** Every rule of the pack, in catalog order. */
  rules: RuleSelection[];
}

/** The result of a run over many files. */
export interface ScanReport {
  files: FileResult[];
  findings: Finding[];
  errors: FileError[];
  notices: Notice[];
  /** Files skipped: not templates, or not read (a link or FIFO a directory walk met; its notice says why). */
  skipped: string[];
  summary: ScanSummary;
  /** The rule selection and configuration the run judged with; formatters render from it. */
  run: RunConfiguration;
  /** Passes, failures, unknowns and suppressions per rule and subject, and rules that applied to nothing (only when asked for). */
  evidence?: Evidence;
}
