import { renderReport, type FormatName } from "../formatters/index.js";
import type { Finding, ScanReport } from "../model/index.js";
import { catalog } from "./catalog.js";

/** How a report is rendered here: what the Node API's options mean where there are no directories. */
export interface RenderOptions {
  /** Which findings fail the run (default: as the report's run configuration says). */
  isFailing?: (finding: Finding) => boolean;
  /** ANSI colours, for `text` only. */
  color?: boolean;
  quiet?: boolean;
  /** When the scan ran (default: now), for the reports that record it. */
  time?: { start: Date; end: Date };
}

/**
 * Renders a report in one of the formats (`BrowserScanner.format` is this). File paths are shown
 * as given, normalized with forward slashes, as the Node API shows them without a `baseDir`.
 */
export function formatReport(report: ScanReport, format: FormatName | string, options: RenderOptions = {}): string {
  const now = new Date();
  return renderReport(report, format, {
    catalog,
    color: options.color ?? false,
    quiet: options.quiet ?? false,
    time: options.time ?? { start: now, end: now },
    ...(options.isFailing ? { isFailing: options.isFailing } : {}),
  });
}
