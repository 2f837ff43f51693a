import { sha256, toHex } from "../portable/index.js";
import type { RuleMeta } from "../catalog/index.js";
import type { Finding, Severity } from "../model/index.js";
import { ruleDocUrl } from "../version.js";
import { noLogCommands } from "./escape.js";
import { relativePath } from "./paths.js";
import type { Formatter } from "./types.js";

/** The Security report schema version this report conforms to (test/formats/schemas holds it). */
export const GITLAB_SAST_SCHEMA_VERSION = "15.2.1";

const SEVERITY: Record<Severity, string> = { critical: "Critical", high: "High", medium: "Medium", low: "Low", info: "Info" };

/** The schema's limits on free text. */
const MAX_NAME = 255;
const MAX_SOLUTION = 7000;

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** `yyyy-mm-ddThh:mm:ss` in UTC, as the schema wants it. */
const isoSeconds = (d: Date) => d.toISOString().slice(0, 19);

/** A UUID-shaped id derived from the finding's fingerprint, so it is the same on every run. */
function vulnerabilityId(f: Finding): string {
  const h = toHex(sha256(`acs-baseline\u0000${f.fingerprint}`));
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * GitLab's SAST Security report (`gl-sast-report.json`, `artifacts: reports: sast`), schema
 * 15.2.1: the scan with analyzer and scanner, then a vulnerability per finding that is not
 * suppressed (GitLab has no accepted state a report can carry), identified by its rule. Files that
 * could not be read make the scan a failure with a message each.
 */
export const formatGitlabSast: Formatter = (report, ctx) => {
  const rules = new Map<string, RuleMeta>(ctx.catalog.rules.map((r) => [r.id, r]));
  const tool = { id: ctx.tool.name, name: ctx.tool.name, version: ctx.tool.version, vendor: { name: ctx.tool.name } };
  const vulnerabilities = report.findings
    .filter((f) => !f.suppression)
    .map((f) => {
      const rule = rules.get(f.ruleId);
      const file = relativePath(f.file, ctx);
      return {
        id: vulnerabilityId(f),
        name: clip(`${f.ruleId} ${f.title}`, MAX_NAME),
        description: [
          f.status === "unknown" ? `Unknown: the answer depends on a value known only at deployment. ${f.message}` : f.message,
          rule?.description ?? "",
        ]
          .filter(Boolean)
          .join("\n\n"),
        severity: SEVERITY[f.severity],
        solution: clip(f.remediation, MAX_SOLUTION),
        identifiers: [{ type: "acs_baseline_rule", name: f.ruleId, value: f.ruleId, url: ruleDocUrl(f.ruleId) }],
        links: (rule?.references ?? []).filter((r) => /^https?:\/\//.test(r.url)).map((r) => ({ name: r.description, url: r.url })),
        location: { file, start_line: Math.max(1, f.range.start.line), end_line: Math.max(1, f.range.end.line) },
      };
    });
  const sast = {
    version: GITLAB_SAST_SCHEMA_VERSION,
    schema: `https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v${GITLAB_SAST_SCHEMA_VERSION}/dist/sast-report-format.json`,
    scan: {
      analyzer: tool,
      scanner: tool,
      type: "sast",
      start_time: isoSeconds(ctx.time.start),
      end_time: isoSeconds(ctx.time.end),
      status: report.errors.length > 0 ? "failure" : "success",
      messages: report.errors.map((e) => ({ level: "warn", value: `${relativePath(e.file, ctx)}: ${e.message}` })),
    },
    vulnerabilities,
  };
  return noLogCommands(JSON.stringify(sast, null, 2)) + "\n";
};
