import { ExpansionFault } from "./errors.js";
import { MAX_POLICY_INPUT_BYTES, MAX_POLICY_INPUT_DEPTH, MAX_POLICY_INPUT_VALUES } from "./limits.js";
import { Unknown } from "./unknown.js";

/**
 * Measures the policy input before it is serialised and handed to the rules. Values shared by
 * reference are cheap to build and exponential to write out (forty `createArray(prev, prev)` are
 * 2^40 leaves), so the walk counts every visit, stops as soon as the budget is spent, and never
 * costs more than the budget itself. It also refuses strings with an unpaired UTF-16 surrogate,
 * which the policy engine's JSON reader rejects (`illegal string escape character`).
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
    if (typeof value !== "object" || value === null) return charge(8);
    if (value instanceof Unknown) return visit(value.toJSON());
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
    for (const key in value) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined) continue;
      path.push(key);
      visitString(key);
      visit(v);
      path.pop();
    }
  };
  visit(input);
}
