import { ExpansionFault } from "./errors.js";
import { MAX_POLICY_INPUT_BYTES, MAX_POLICY_INPUT_DEPTH, MAX_POLICY_INPUT_VALUES } from "./limits.js";
import { collidingKeys, quoteKey } from "../reader/index.js";
import { UNKNOWN_KEY, Unknown } from "./unknown.js";

/**
 * Measures the policy input before it is serialised and handed to the rules. Values shared by
 * reference are cheap to build and exponential to write out (forty `createArray(prev, prev)` are
 * 2^40 leaves), so the walk counts every visit, stops as soon as the budget is spent, and never
 * costs more than the budget itself. It also refuses strings with an unpaired UTF-16 surrogate,
 * which the policy engine's JSON reader rejects (`illegal string escape character`), numbers JSON
 * cannot write (`1e400` is Infinity, which would reach the rules as null, "not set"), and objects
 * with the key `$unknown` that are not the expander's own markers: the rules read that key as "not
 * known before deployment" (with the values it can take), so a template writing it could turn a
 * failing property into a pass or an unknown. Keys that differ only in case, which a computed
 * object can hold (`createObject('disableLocalAuth', true, 'DisableLocalAuth', false)`), are
 * refused as the reader refuses them in a file.
 * Throws `ExpansionFault` naming the limit and the place in the input.
 */
export function checkPolicyInput(input: object, maxBytes = MAX_POLICY_INPUT_BYTES, maxValues = MAX_POLICY_INPUT_VALUES): void {
  let bytes = 0;
  let values = 0;
  const path: Array<string | number> = [];
  const where = () => {
    const text = path
      .map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`))
      .join("")
      .replace(/^\./, "");
    return text.length > 120 ? `${text.slice(0, 120)}…` : text;
  };
  const charge = (n: number) => {
    bytes += n;
    if (bytes > maxBytes) {
      throw new ExpansionFault(
        `the input handed to the rules is larger than the ${maxBytes / (1024 * 1024)} MiB limit (reached at ${where()}); values shared many times over count each time`,
      );
    }
  };
  const visitString = (s: string) => {
    charge(s.length + 2);
    if (!(s as string & { isWellFormed(): boolean }).isWellFormed()) {
      throw new ExpansionFault(`a value at ${where()} holds an unpaired UTF-16 surrogate, which the rules cannot read`);
    }
  };
  const visit = (value: unknown): void => {
    if (++values > maxValues) {
      throw new ExpansionFault(
        `the input handed to the rules holds more than ${maxValues} values (reached at ${where()}); values shared many times over count each time`,
      );
    }
    if (typeof value === "string") return visitString(value);
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new ExpansionFault(`a value at ${where()} is a number too large to represent (${value}), which the rules cannot read`);
    }
    if (typeof value !== "object" || value === null) return charge(8);
    if (value instanceof Unknown) return visitMarker(value);
    if (path.length >= MAX_POLICY_INPUT_DEPTH) {
      throw new ExpansionFault(`the input handed to the rules nests deeper than ${MAX_POLICY_INPUT_DEPTH} levels (reached at ${where()})`);
    }
    charge(2);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i]);
        path.pop();
      }
      return;
    }
    const pair = collidingKeys(value);
    if (pair) {
      throw new ExpansionFault(
        `a value at ${where()} has the keys '${quoteKey(pair[0])}' and '${quoteKey(pair[1])}', which differ only in case; ARM reads them as one property (the last wins), so the file is refused rather than read differently`,
      );
    }
    for (const key in value) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined) continue;
      if (key === UNKNOWN_KEY) {
        throw new ExpansionFault(
          `a value at ${where()} is an object with the key '${UNKNOWN_KEY}', which the scanner reserves to mark values not known before deployment; the file is refused rather than read as such a value`,
        );
      }
      path.push(key);
      visitString(key);
      visit(v);
      path.pop();
    }
  };
  // The expander's own marker, `{"$unknown": facts}`: its key is the one place the reserved key may be.
  const visitMarker = (u: Unknown): void => {
    charge(2);
    path.push(UNKNOWN_KEY);
    visitString(UNKNOWN_KEY);
    visit(u.toJSON()[UNKNOWN_KEY]);
    path.pop();
  };
  visit(input);
}
