import type { DeploymentContext } from "../arm/index.js";
import type { BicepOptions } from "./bicep-options.js";
import type { RuleMeta } from "../catalog/index.js";
import { SEVERITIES, type Severity, type TraceTiming, type UnknownHandling } from "../model/index.js";
import { isCalendarDate } from "./date.js";
import { Suppressions, type SuppressionRule } from "./suppressions.js";

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
  /** Keep the stack trace of an internal error (a bug of the scanner) in its file's error. */
  debug?: boolean;
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
  /**
   * When findings' provenance traces are computed: `"on-read"` (default) when the first of a
   * template's is read; `"always"` during the scan (cheaper when they will all be read, as by a
   * format that prints them); `"never"` (findings then have no `trace`).
   */
  traces?: TraceTiming;
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

/**
 * Compiles a rule's parameter schema into a check that says why a value breaks it (undefined when
 * it does not). Handed in by the runtime layer: ajv is loaded the way that runtime loads it best.
 */
export type SchemaCompiler = (schema: object) => (value: unknown) => string | undefined;

/** Fills in defaults and checks rule ids and rule parameters; throws an `Error` naming the fault. */
export function resolveOptions(options: ScanOptions, known: ReadonlyMap<string, RuleMeta>, compileSchema?: SchemaCompiler): ResolvedOptions {
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
    if (s.expires !== undefined && (typeof s.expires !== "string" || !isCalendarDate(s.expires)))
      throw new Error(`suppression ${i + 1} (${s.rule}): expires must be a YYYY-MM-DD date`);
  }
  for (const [id, values] of Object.entries(parameters)) {
    if (!compileSchema) throw new Error(`rule parameters for ${id} given, but no schema validator to check them with`);
    const why = compileSchema(known.get(id)!.parameters)(values);
    if (why !== undefined) throw new Error(`invalid parameters for ${id}: ${why}`);
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
