import { createRequire } from "node:module";
import type { Ajv as AjvType } from "ajv";
import type { DeploymentContext } from "../arm/index.js";
import type { BicepOptions } from "../bicep/index.js";
import type { RuleMeta } from "../catalog/index.js";
import { SEVERITIES, type Severity } from "../model/index.js";
import { Suppressions, type SuppressionRule } from "./suppressions.js";

/** How findings with status `unknown` count towards the run's outcome. */
export type UnknownHandling = "fail" | "warn" | "ignore";

/** Options that shape a scan. */
export interface ScanOptions {
  /** Rules switched on (`true`) or off (`false`) by id; others follow their default. */
  rules?: Record<string, boolean>;
  /** The least severe failing finding that fails the run (default `low`). */
  failOn?: Severity;
  /**
   * `warn` (default): unknown findings are reported but do not fail the run; `fail`: they fail it
   * like failing findings of their severity; `ignore`: they are left out of the results.
   */
  unknown?: UnknownHandling;
  /** Rule parameters by rule id, each checked against that rule's parameter schema. */
  ruleParameters?: Record<string, Record<string, unknown>>;
  /** Severity overrides by rule id. */
  severity?: Record<string, Severity>;
  /** Accepted risks: findings they match stay in the results, marked, and never fail the run. */
  suppressions?: SuppressionRule[];
  /** Honour suppressions written in a resource's `metadata` (default true). */
  inlineSuppressions?: boolean;
  /** Fingerprints of findings accepted earlier (a baseline): only new findings fail. */
  baseline?: Iterable<string>;
  /** "Today", for suppression expiry (default: the current date). */
  now?: Date;
  /** Template parameter values by name, for every template scanned (taken literally). */
  templateParameters?: Record<string, unknown>;
  /** A parameter file used for every template scanned, instead of the one paired by name. */
  parameterFile?: string;
  /** Deployment context values for `subscription()`, `resourceGroup()` and the like. */
  context?: Partial<DeploymentContext>;
  /** How `.bicep` and `.bicepparam` files are compiled, and where findings in compiled JSON are reported. */
  bicep?: BicepOptions;
  /**
   * Record every evaluation, not only failures: a verdict per rule and resource it applies to
   * (pass, fail, unknown, suppressed) and the rules that applied to nothing (default false).
   */
  evidence?: boolean;
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  isEnabled(rule: RuleMeta): boolean;
  failOn: Severity;
  unknown: UnknownHandling;
  /** The document the rules read as `data`. */
  policyData: { parameters: Record<string, Record<string, unknown>> };
  severityOf(rule: RuleMeta): Severity;
  suppressions: Suppressions;
  context: Partial<DeploymentContext>;
  templateParameters: Record<string, unknown>;
  parameterFile: string | undefined;
}

// Loaded on first use: most scans give no rule parameters, and ajv costs ~50 ms to import.
let ajv: AjvType | undefined;
function validator(): AjvType {
  if (!ajv) {
    const { Ajv } = createRequire(import.meta.url)("ajv") as typeof import("ajv");
    ajv = new Ajv({ allErrors: true, strict: false });
  }
  return ajv;
}

/** Fills in defaults and checks rule ids and rule parameters; throws an `Error` naming the fault. */
export function resolveOptions(options: ScanOptions, known: ReadonlyMap<string, RuleMeta>): ResolvedOptions {
  const rules = options.rules ?? {};
  const parameters = options.ruleParameters ?? {};
  const severity = options.severity ?? {};
  for (const id of [...Object.keys(rules), ...Object.keys(parameters), ...Object.keys(severity)]) {
    if (!known.has(id)) throw new Error(`unknown rule id ${id}`);
  }
  for (const [id, s] of Object.entries(severity)) {
    if (!SEVERITIES.includes(s)) throw new Error(`severity of ${id} must be one of ${SEVERITIES.join(", ")}`);
  }
  for (const [i, s] of (options.suppressions ?? []).entries()) {
    if (typeof s.rule !== "string" || s.rule === "") throw new Error(`suppression ${i + 1} names no rule`);
    if (typeof s.justification !== "string" || s.justification.trim() === "") throw new Error(`suppression ${i + 1} (${s.rule}) has no justification`);
    if (s.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(s.expires)) throw new Error(`suppression ${i + 1} (${s.rule}): expires must be a YYYY-MM-DD date`);
  }
  for (const [id, values] of Object.entries(parameters)) {
    const validate = validator().compile(known.get(id)!.parameters);
    if (!validate(values)) {
      const why = (validate.errors ?? []).map((e) => `${e.instancePath || "parameters"} ${e.message}`).join("; ");
      throw new Error(`invalid parameters for ${id}: ${why}`);
    }
  }
  return {
    isEnabled: (rule) => rules[rule.id] ?? rule.defaultEnabled,
    failOn: options.failOn ?? "low",
    unknown: options.unknown ?? "warn",
    policyData: { parameters },
    severityOf: (rule) => severity[rule.id] ?? rule.severity,
    suppressions: new Suppressions(options.suppressions ?? [], new Set(options.baseline ?? []), options.inlineSuppressions ?? true, options.now ?? new Date()),
    context: options.context ?? {},
    templateParameters: options.templateParameters ?? {},
    parameterFile: options.parameterFile,
  };
}
