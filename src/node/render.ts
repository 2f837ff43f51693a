import type { RuleCatalog } from "../catalog/index.js";
import { renderReport } from "../formatters/index.js";
import type { Finding, ScanReport } from "../model/index.js";
import { displayPaths } from "./display-paths.js";
import { loadCatalog } from "./policy-files.js";

/** How the Node API renders a report: paths relative to `baseDir`, `time` when the scan ran (default now). */
export interface NodeRenderOptions {
  catalog?: RuleCatalog;
  /** Which findings fail the run (default: as the report's run configuration says). */
  isFailing?: (finding: Finding) => boolean;
  color?: boolean;
  quiet?: boolean;
  baseDir?: string;
  time?: { start: Date; end: Date };
}

/** `Scanner.format` and `formatReport`: one rendering path, with this machine's paths and clock. */
export function renderOnNode(report: ScanReport, format: string, options: NodeRenderOptions): string {
  const now = new Date();
  return renderReport(report, format, {
    catalog: options.catalog ?? loadCatalog(),
    color: options.color ?? false,
    quiet: options.quiet ?? false,
    time: options.time ?? { start: now, end: now },
    ...(options.isFailing ? { isFailing: options.isFailing } : {}),
    ...displayPaths(options.baseDir),
  });
}
