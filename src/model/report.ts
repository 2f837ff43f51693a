import type { Finding, Severity } from "./finding.js";

/** A file the scanner could not read or expand. */
export interface FileError {
  file: string;
  message: string;
  line?: number;
  column?: number;
}

/** Something worth knowing about a file that is not a finding (an unresolved input, a skipped link). */
export interface Notice {
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
}

/** Counts for a run. */
export interface ScanSummary {
  filesScanned: number;
  filesSkipped: number;
  filesWithErrors: number;
  /** Findings by status. */
  fail: number;
  unknown: number;
  /** Failing findings by severity. */
  bySeverity: Record<Severity, number>;
  /** Findings that make the run fail: at or above the threshold (and unknowns, when they count). */
  failing: number;
  failOn: Severity;
}

/** The result of a run over many files. */
export interface ScanReport {
  files: FileResult[];
  findings: Finding[];
  errors: FileError[];
  notices: Notice[];
  /** Files skipped because they are not templates. */
  skipped: string[];
  summary: ScanSummary;
}
