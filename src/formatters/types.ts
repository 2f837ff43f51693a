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
  /**
   * A scanned file's path as reports show it (the Node layer makes it relative to the base
   * directory); file paths are shown normalized, as given, when absent.
   */
  displayPath?: (file: string) => string;
  /** The base directory as a URI (SARIF's SRCROOT), when paths are shown relative to one. */
  baseUri?: string;
  /** Only what fails the run, and errors (text only). */
  quiet?: boolean;
  /** When the scan started and ended (reports that record it, such as GitLab's); formatters never read the clock. */
  time: { start: Date; end: Date };
}

/** A formatter turns a report into text; it never reads files, the clock or the environment. */
export type Formatter = (report: ScanReport, ctx: FormatContext) => string;
