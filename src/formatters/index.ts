import { formatJson } from "./json.js";
import { formatText } from "./text.js";
import type { Formatter } from "./types.js";

export { formatJson, JSON_REPORT_VERSION } from "./json.js";
export { formatText } from "./text.js";
export type { FormatContext, Formatter } from "./types.js";

/** Formatters by the name users give on the command line. */
export const FORMATTERS: Readonly<Record<string, Formatter>> = {
  text: formatText,
  json: formatJson,
};
