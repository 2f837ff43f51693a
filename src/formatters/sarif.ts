import type { RuleMeta } from "../catalog/index.js";
import type { Finding, Severity, SourceRange } from "../model/index.js";
import { ruleDocUrl } from "../version.js";
import { noLogCommands, sarifText, uriPath } from "./escape.js";
import { relativePath } from "./paths.js";
import { otherSteps } from "./trace.js";
import type { Formatter } from "./types.js";

/** GitHub code scanning reads `security-severity` as a CVSS-like score: >= 9 critical, >= 7 high, >= 4 medium. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", info: "1.0" };

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { critical: "error", high: "error", medium: "warning", low: "note", info: "note" };

const pascal = (slug: string) => slug.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());

function descriptor(rule: RuleMeta): object {
  const helpMarkdown = [
    rule.description,
    "",
    `**Fix:** ${rule.remediation}`,
    "",
    "```json",
    rule.fix.arm,
    "```",
    "",
    ...rule.references.map((r) => `- [${r.description}](${r.url})`),
  ].join("\n");
  return {
    id: rule.id,
    name: pascal(rule.longId),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: `${rule.description}\n\nFix: ${rule.remediation}`, markdown: helpMarkdown },
    helpUri: ruleDocUrl(rule.id),
    defaultConfiguration: { level: LEVEL[rule.severity], enabled: rule.defaultEnabled },
    properties: {
      "security-severity": SECURITY_SEVERITY[rule.severity],
      precision: "high",
      tags: ["security", "azure", "communication-services", rule.id.split("-")[1]!.toLowerCase()],
    },
  };
}

function region(range: SourceRange): object {
  return {
    startLine: Math.max(1, range.start.line),
    startColumn: Math.max(1, range.start.column),
    endLine: Math.max(1, range.end.line),
    endColumn: Math.max(1, range.end.column),
  };
}

/**
 * SARIF 2.1.0, one run, as GitHub code scanning accepts it: a descriptor per rule with help and
 * `security-severity`; results with `partialFingerprints`, a URI relative to `SRCROOT` and a
 * region starting at line 1 or later; suppressed findings carried with a `suppressions` entry;
 * files that could not be read as tool notifications.
 */
export const formatSarif: Formatter = (report, ctx) => {
  const rules = ctx.catalog.rules;
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const location = (file: string, region?: object) => ({
    physicalLocation: {
      artifactLocation: { uri: uriPath(relativePath(file, ctx)), uriBaseId: "SRCROOT" },
      ...(region ? { region } : {}),
    },
  });
  const result = (f: Finding) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId),
    level: f.status === "unknown" ? "warning" : LEVEL[f.severity],
    message: { text: sarifText(f.status === "unknown" ? `[unknown] ${f.message}` : f.message) },
    locations: [
      {
        ...location(f.file, region(f.range)),
        logicalLocations: [{ name: f.subject.name, ...(f.subject.id ? { fullyQualifiedName: f.subject.id } : {}), kind: f.subject.kind }],
      },
    ],
    ...relatedAndFlows(f, location),
    partialFingerprints: { "acsBaselineFinding/v1": f.fingerprint },
    ...(f.suppression
      ? { suppressions: [{ kind: f.suppression.kind === "inline" ? "inSource" : "external", status: "accepted", justification: f.suppression.justification }] }
      : {}),
    properties: { status: f.status, severity: f.severity, pointer: f.pointer, ...(f.parameterSets ? { parameterSets: f.parameterSets } : {}) },
  });
  // The run's selection and severities where they differ from the rules' defaults (SARIF 3.52.7).
  const overrides = report.run.rules.flatMap((selected) => {
    const i = index.get(selected.id);
    if (i === undefined) return [];
    const level = LEVEL[selected.severity];
    if (selected.enabled === rules[i]!.defaultEnabled && level === LEVEL[rules[i]!.severity]) return [];
    return [{ descriptor: { id: selected.id, index: i }, configuration: { enabled: selected.enabled, level } }];
  });
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: ctx.tool.name,
            version: ctx.tool.version,
            semanticVersion: ctx.tool.version,
            rules: rules.map(descriptor),
          },
        },
        ...(ctx.baseUri ? { originalUriBaseIds: { SRCROOT: { uri: ctx.baseUri } } } : {}),
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            ...(overrides.length > 0 ? { ruleConfigurationOverrides: overrides } : {}),
            toolExecutionNotifications: report.errors.map((e) => ({
              level: "error",
              message: { text: sarifText(e.message) },
              locations: [location(e.file, e.line ? { startLine: e.line, startColumn: e.column ?? 1 } : undefined)],
              ...(e.stack ? { exception: exception(e.stack) } : {}),
            })),
          },
        ],
        results: report.findings.map(result),
      },
    ],
  };
  return noLogCommands(JSON.stringify(sarif, null, 2)) + "\n";
};

/**
 * An internal error's stack trace (kept only when the scan was asked for it, `--debug`, as in the
 * text and JSON formats) as a SARIF exception: its first line, then one frame per `at` line.
 */
function exception(stack: string): object {
  const [head = "", ...frames] = stack.split("\n");
  const kind = /^(\w+):/.exec(head)?.[1] ?? "Error";
  return {
    kind,
    message: head,
    stack: { frames: frames.map((line) => ({ location: { message: { text: sarifText(line.trim()) } } })) },
  };
}

type Locator = (file: string, region?: object) => object;

/**
 * Where the offending value came from: each provenance step as a related location, and the chain,
 * property first, as a code flow (GitHub shows it as the finding's path); a Bicep source's
 * `related` places when there is no chain.
 */
function relatedAndFlows(f: Finding, location: Locator): object {
  const steps = otherSteps(f).map(({ step }) => step);
  const related = steps.length > 0 ? steps.map((s) => ({ file: s.file, range: s.range, message: s.label })) : (f.related ?? []);
  if (related.length === 0) return {};
  const out: Record<string, unknown> = {
    relatedLocations: related.map((r, i) => ({ id: i + 1, message: { text: sarifText(r.message) }, ...location(r.file, region(r.range)) })),
  };
  if (steps.length > 0) {
    const flow = f.trace!.map((s, i) => ({
      location: { ...location(s.file, region(s.range)), message: { text: sarifText(s.label) } },
      nestingLevel: s.depth,
      executionOrder: i + 1,
      ...(s.waitsOn ? { importance: "essential" } : {}),
    }));
    out["codeFlows"] = [{ message: { text: sarifText(`where the value of ${f.trace![0]!.label} comes from`) }, threadFlows: [{ locations: flow }] }];
  }
  return out;
}
