import type { Value } from "./json.js";

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

/** What is known about an unknown value: where it came from, and the parts of it that are known. */
export interface UnknownFacts {
  /**
   * Identity: two unknowns with the same origin are the same value (the same parameter, or the
   * same deterministic expression over the same unknowns), whatever that value turns out to be.
   */
  origin?: string;
  /** The known beginning of an unknown string (`https://` of `format('https://{0}', x)`). */
  prefix?: string;
  /** The known end of an unknown string. */
  suffix?: string;
  /** The string's shape for people, unknown parts named: `CommunicationServices-{appName}`. */
  pattern?: string;
  /**
   * The `/`-separated segments of an unknown string, each a known string or one unknown
   * (`{0}/{1}` of `format('{0}/{1}', parameters('mail'), 'AzureManagedDomain')`): a resource so
   * named has the id `resourceId(type, segments...)` gives. Not handed to the rules.
   */
  segments?: readonly Value[];
  /**
   * The values it can take, when it depends on one parameter with a finite set of values
   * (`allowedValues`, or a bool): for each value of the parameter, the value this one takes.
   */
  domain?: FiniteDomain;
}

/** A parameter's finite set of values, and what an unknown derived from it is for each. */
export interface FiniteDomain {
  parameter: string;
  cases: ReadonlyArray<{ when: Value; value: Value }>;
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
    readonly facts: UnknownFacts = NO_FACTS,
  ) {}

  /** How the value reads for people: its pattern (`acs-{appName}`), `{x}` for parameter x, else its expression. */
  shape(): string {
    return this.facts.pattern ?? namedPart(this.expression) ?? this.expression;
  }

  toJSON(): Record<string, unknown> {
    const body: Record<string, unknown> = { reason: this.reason, expression: this.expression };
    if (this.functions.length > 0) body["functions"] = this.functions;
    if (this.target) body["target"] = this.target;
    if (this.secret) body["secret"] = true;
    if (this.detail) body["detail"] = this.detail;
    const { origin, prefix, suffix, domain } = this.facts;
    if (domain) body["domain"] = domain;
    if (origin !== undefined) body["origin"] = origin;
    if (prefix) body["prefix"] = prefix;
    if (suffix) body["suffix"] = suffix;
    return { [UNKNOWN_KEY]: body };
  }
}

const NO_FACTS: UnknownFacts = Object.freeze({});

const NAMED = /^\[\s*(?:parameters|variables)\(\s*'((?:[^']|'')*)'\s*\)\s*\]$/i;

/** `{x}` for the expression `[parameters('x')]` or `[variables('x')]`, else undefined. */
export function namedPart(expression: string): string | undefined {
  const m = NAMED.exec(expression);
  return m ? `{${m[1]!.replace(/''/g, "'")}}` : undefined;
}

/**
 * An unknown resource id (or scope) derived from `u`: its reason and detail, the type of the
 * resource it designates, and the origin that makes it equal to the same id written elsewhere.
 */
export function unknownId(u: Unknown, type: string | undefined, origin: string | undefined): Unknown {
  const target = type === undefined ? undefined : { type: type.toLowerCase() };
  return new Unknown(u.reason, u.expression, u.functions, target, u.secret, u.detail, origin === undefined ? {} : { origin });
}

export function isUnknown(value: unknown): value is Unknown {
  return value instanceof Unknown;
}
