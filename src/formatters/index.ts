import { formatAzurePipelines } from "./azure-pipelines.js";
import { formatGithub } from "./github.js";
import { formatGitlabCodeQuality } from "./gitlab-codequality.js";
import { formatGitlabSast } from "./gitlab-sast.js";
import { formatHtml } from "./html.js";
import { formatJson } from "./json.js";
import { formatJunit } from "./junit.js";
import { formatMarkdown } from "./markdown.js";
import { formatSarif } from "./sarif.js";
import { FORMAT_NAMES, type FormatName } from "./names.js";
import { formatText } from "./text.js";
import type { FormatContext, Formatter } from "./types.js";
import { isFailing } from "../judge/index.js";
import type { ScanReport } from "../model/index.js";
import { TOOL } from "../version.js";

export { formatJson, JSON_REPORT_VERSION } from "./json.js";
export { formatText } from "./text.js";
export type { FormatContext, Formatter } from "./types.js";
export { FORMAT_NAMES, type FormatName } from "./names.js";

/** Formatters by the name users give on the command line. */
export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  github: formatGithub,
  markdown: formatMarkdown,
  "gitlab-codequality": formatGitlabCodeQuality,
  "gitlab-sast": formatGitlabSast,
  "azure-pipelines": formatAzurePipelines,
  html: formatHtml,
};

/** What rendering needs besides the report; findings fail the run as the report's configuration says unless `isFailing` is given. */
export type RenderContext = Omit<FormatContext, "isFailing" | "tool"> & Partial<Pick<FormatContext, "isFailing">>;

/** The one way a report becomes text: the named format, with the tool's name and version. */
export function renderReport(report: ScanReport, format: string, ctx: RenderContext): string {
  if (!(FORMAT_NAMES as readonly string[]).includes(format)) throw new Error(`unknown format '${format}' (one of ${FORMAT_NAMES.join(", ")})`);
  return FORMATTERS[format as FormatName](report, { ...ctx, tool: TOOL, isFailing: ctx.isFailing ?? ((f) => isFailing(f, report.run)) });
}
