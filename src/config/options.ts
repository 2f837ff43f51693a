import type { DeploymentContext } from "../arm/index.js";
import type { RuleMeta } from "../catalog/index.js";
import type { Severity } from "../model/index.js";

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
  /** Deployment context values for `subscription()`, `resourceGroup()` and the like. */
  context?: Partial<DeploymentContext>;
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  isEnabled(rule: RuleMeta): boolean;
  failOn: Severity;
  unknown: UnknownHandling;
  context: Partial<DeploymentContext>;
}

export function resolveOptions(options: ScanOptions, known: ReadonlyMap<string, RuleMeta>): ResolvedOptions {
  for (const id of Object.keys(options.rules ?? {})) {
    if (!known.has(id)) throw new Error(`unknown rule id ${id}`);
  }
  const rules = options.rules ?? {};
  return {
    isEnabled: (rule) => rules[rule.id] ?? rule.defaultEnabled,
    failOn: options.failOn ?? "low",
    unknown: options.unknown ?? "warn",
    context: options.context ?? {},
  };
}
