import { noLogCommands } from "./escape.js";
import type { Formatter } from "./types.js";

/** Version of the JSON output's shape; raised on any incompatible change. */
export const JSON_REPORT_VERSION = 1;

/**
 * The report as JSON: findings (each with its provenance `trace`), errors, notices, skipped files,
 * summary, tool and rule-pack versions, the run's configuration (which rules ran, at which
 * severity, what fails the run), and `evidence` when it was recorded. Its shape is
 * `schemas/report.schema.json`.
 */
export const formatJson: Formatter = (report, ctx) =>
  noLogCommands(
    JSON.stringify(
      {
        schemaVersion: JSON_REPORT_VERSION,
        tool: ctx.tool,
        rulePack: {
          opaVersion: ctx.catalog.opaVersion,
          policySha256: ctx.catalog.policySha256,
          rules: ctx.catalog.rules.length,
        },
        run: report.run,
        summary: report.summary,
        findings: report.findings.map((f) => ({ ...f, failing: ctx.isFailing(f) })),
        errors: report.errors,
        notices: report.notices,
        skipped: report.skipped,
        ...(report.evidence ? { evidence: report.evidence } : {}),
      },
      null,
      2,
    ),
  ) + "\n";
