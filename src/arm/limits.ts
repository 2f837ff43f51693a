/**
 * Bounds on everything a template can make the expander do. Exceeding one is a structural fault:
 * the template is reported invalid, never allowed to hang or exhaust the scanner.
 */
export interface ExpansionLimits {
  /** Nesting of an expression (calls, accessors) in one template string. */
  expressionDepth: number;
  /** Nesting of deployments (Bicep modules) inside one template. */
  deploymentDepth: number;
  /** Instances of one copy loop; ARM's own limit is 800. */
  copyCount: number;
  /** Resources emitted for one template, all deployments included. */
  resources: number;
  /** Characters of a string an expression may produce. */
  stringLength: number;
  /** Elements of an array an expression may produce (`range`, `concat`, lambdas). */
  arrayLength: number;
  /** Function calls and accessors evaluated for one template. */
  steps: number;
  /** Depth of user-function calls and of values being evaluated within each other. */
  callDepth: number;
}

export const DEFAULT_LIMITS: ExpansionLimits = {
  expressionDepth: 100,
  deploymentDepth: 16,
  copyCount: 800,
  resources: 10_000,
  stringLength: 4 * 1024 * 1024,
  arrayLength: 100_000,
  steps: 5_000_000,
  callDepth: 200,
};

/**
 * Largest policy input (the normalized template as JSON, counted with every shared value written
 * out in full) handed to the rules. Far above any real template; it stops values that are cheap to
 * build by reference but exponential to serialise, and keeps evaluation within the policy
 * engine's memory.
 */
export const MAX_POLICY_INPUT_BYTES = 16 * 1024 * 1024;

/**
 * Most values (strings, numbers, objects, arrays...; shared ones counted each time) in the policy
 * input. The policy engine's memory and time grow with the number of values more than with their
 * bytes: three million small values exhaust its 1 GiB, while a large real template holds ~150,000.
 */
export const MAX_POLICY_INPUT_VALUES = 250_000;

/**
 * Most values property copy loops may make in one template. Nested loops multiply (800 × 800 is
 * 640,000 values, far past ARM's 4 MB expanded-template limit), and making each one has a cost, so
 * they are refused before the work is done. The 4 MB benchmark template makes about 11,000.
 */
export const MAX_COPY_VALUES = 100_000;

/** Deepest nesting of arrays and objects in the policy input (as in a file: the reader's bound). */
export const MAX_POLICY_INPUT_DEPTH = 256;
