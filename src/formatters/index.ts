import { formatAzurePipelines } from "./azure-pipelines.js";
import { formatGithub } from "./github.js";
import { formatGitlabCodeQuality } from "./gitlab-codequality.js";
import { formatGitlabSast } from "./gitlab-sast.js";
import { formatHtml } from "./html.js";
import { formatJson } from "./json.js";
import { formatJunit } from "./junit.js";
import { formatMarkdown } from "./markdown.js";
import { formatSarif } from "./sarif.js";
import type { FormatName } from "./names.js";
import { formatText } from "./text.js";
import type { Formatter } from "./types.js";

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
