/** Why a value could not be resolved before deployment. */
export type UnknownReason =
  | "missing-parameter" // a parameter with no value, no default and not nullable
  | "runtime-function" // reference(), list*(), utcNow(), newGuid() and the like
  | "secret" // a Key Vault reference in a parameter file
  | "unsupported" // an expression form or function the expander does not evaluate
  | "error" // the expression failed (for example a missing property); the failure stays in this value
  | "linked-template"; // a value that comes from a template the scanner does not read

/** What an unknown value is known to be about (for `list*`/`reference` on a resource). */
export interface UnknownTarget {
  /** Resource type, when it can be resolved (lower-cased). */
  type?: string;
  /** Full resource id, when it can be resolved. */
  id?: string;
}

/** The reserved key that marks an unknown in the normalized JSON handed to the rules. */
export const UNKNOWN_KEY = "$unknown";

/**
 * A value that cannot be known before deployment. It propagates through functions and property
 * access, and serialises to `{"$unknown": {...}}` so that rules can tell it from null or absent.
 */
export class Unknown {
  constructor(
    readonly reason: UnknownReason,
    /** The expression text (or parameter name) the value came from. */
    readonly expression: string,
    /** Runtime functions involved, lower-cased (`listkeys`, `reference`, ...). */
    readonly functions: readonly string[] = [],
    readonly target?: UnknownTarget,
    /** True when the value is a secret (Key Vault reference, `list*` result, secure parameter). */
    readonly secret = false,
    /** A short explanation, e.g. "parameter x has no value". */
    readonly detail?: string,
  ) {}

  toJSON(): Record<string, unknown> {
    const body: Record<string, unknown> = { reason: this.reason, expression: this.expression };
    if (this.functions.length > 0) body["functions"] = this.functions;
    if (this.target) body["target"] = this.target;
    if (this.secret) body["secret"] = true;
    if (this.detail) body["detail"] = this.detail;
    return { [UNKNOWN_KEY]: body };
  }
}

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}
