/**
 * Errors that are not ours: a JavaScript engine limit or a policy-engine failure, said in our own
 * words with the stage of the scan it happened in, so that a report never shows a bare
 * `Maximum call stack size exceeded` or `opa_malloc: failed`.
 */
const FOREIGN: Array<[RegExp, string]> = [
  [/maximum call stack size exceeded/i, "nests deeper than the scanner's stack allows; the template is refused"],
  [/invalid string length/i, "builds a string longer than JavaScript allows (about 512 Mi characters); the template is refused"],
  [/invalid array length|array buffer allocation failed/i, "builds an array larger than JavaScript allows; the template is refused"],
  [/opa_malloc|out of memory|memory access out of bounds/i, "needs more than the policy engine's 1 GiB of memory; the template is refused"],
  [/illegal string escape character|illegal unicode/i, "holds text the policy engine cannot read (an unpaired UTF-16 surrogate); the template is refused"],
];

/** Our message for `e` thrown while `stage` (e.g. "expanding the template"), or undefined when it is one of ours. */
export function describeForeignError(e: unknown, stage: string): string | undefined {
  const message = e instanceof Error ? e.message : String(e);
  const match = FOREIGN.find(([pattern]) => pattern.test(message));
  // The engine names the rule it was evaluating when it evaluates rule by rule.
  const rule = /\(in ([a-z]+\/[a-z_]+)\)$/.exec(message)?.[1];
  return match ? `${stage}${rule ? ` (rule ${rule})` : ""} ${match[1]}` : undefined;
}
