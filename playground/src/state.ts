import type { Severity, UnknownHandling } from "../../src/browser/index.js";

/** Everything the page's result depends on; what a share link carries. */
export interface PlaygroundState {
  file: string;
  text: string;
  /** Rules switched away from their default, by id. */
  rules: Record<string, boolean>;
  /** Rule parameters by rule id, as the user set them. */
  ruleParameters: Record<string, Record<string, unknown>>;
  templateParameters: Record<string, unknown>;
  failOn: Severity;
  unknown: UnknownHandling;
}
