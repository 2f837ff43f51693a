import type { RuleCatalog } from "../catalog/index.js";
import type { Finding, ScanReport } from "../model/index.js";

/** What a formatter may know besides the report. */
export interface FormatContext {
  catalog: RuleCatalog;
  tool: { name: string; version: string };
  /** Whether a finding fails the run (threshold and unknown handling applied). */
  isFailing(finding: Finding): boolean;
  /** Use ANSI colours (text formats only). */
  color: boolean;
  /** Directory that relative URIs are relative to (SARIF's SRCROOT); file paths are used as given when absent. */
  baseDir?: string;
  /** Only what fails the run, and errors (text only). */
  quiet?: boolean;
  /** When the scan started and ended (reports that record it, such as GitLab's); formatters never read the clock. */
  time: { start: Date; end: Date };
}

/** A formatter turns a report into text; it never reads files, the clock or the environment. */
export type Formatter = (report: ScanReport, ctx: FormatContext) => string;
