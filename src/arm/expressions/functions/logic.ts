import { EvalError } from "../../errors.js";
import { Unknown } from "../../unknown.js";
import { eager, lazy, MANY, type FunctionTable } from "../function-table.js";
import { armEquals, bool, deepUnknown, int, mergeUnknowns, str, typeName } from "../values.js";
import { preview } from "../../preview.js";

/** `and`/`or`, short-circuiting: `stop` decides the result as soon as one argument equals it. */
function shortCircuit(name: string, stop: boolean) {
  return lazy(1, MANY, (args) => {
    const unknowns: Unknown[] = [];
    for (const [i, thunk] of args.entries()) {
      const v = thunk();
      if (v instanceof Unknown) {
        unknowns.push(v);
        continue;
      }
      if (bool(name, v, i + 1) === stop) return stop;
    }
    return unknowns.length > 0 ? mergeUnknowns(unknowns) : !stop;
  });
}

function compare(name: string, test: (c: number) => boolean) {
  return eager(2, 2, ([a, b]) => {
    if (typeof a === "number" && typeof b === "number") return test(a - b);
    if (typeof a === "string" && typeof b === "string") return test(a < b ? -1 : a > b ? 1 : 0);
    throw new EvalError(`${name}: compares two integers or two strings, not ${typeName(a!)} and ${typeName(b!)}`);
  });
}

function arithmetic(name: string, op: (a: number, b: number) => number) {
  return eager(2, 2, ([a, b]) => op(int(name, a!, 1), int(name, b!, 2)));
}

export const logicFunctions: FunctionTable = {
  and: shortCircuit("and", false),
  or: shortCircuit("or", true),
  not: eager(1, 1, ([v]) => !bool("not", v!)),
  true: eager(0, 0, () => true),
  false: eager(0, 0, () => false),
  bool: eager(1, 1, ([v]) => {
    if (typeof v === "boolean") return v;
    if (typeof v === "number") return v !== 0;
    if (typeof v === "string" && /^(true|false)$/i.test(v)) return v.toLowerCase() === "true";
    throw new EvalError(`bool: cannot convert ${preview(v)}`);
  }),
  if: lazy(3, 3, ([cond, then, otherwise]) => {
    const c = cond!();
    if (c instanceof Unknown) return c;
    return bool("if", c) ? then!() : otherwise!();
  }),
  coalesce: lazy(1, MANY, (args) => {
    const unknowns: Unknown[] = [];
    for (const thunk of args) {
      const v = thunk();
      // An unknown may turn out to be null, so a later value cannot be chosen over it.
      if (v instanceof Unknown) unknowns.push(v);
      else if (v !== null) return unknowns.length > 0 ? mergeUnknowns(unknowns) : v;
    }
    return unknowns.length > 0 ? mergeUnknowns(unknowns) : null;
  }),
  equals: eager(
    2,
    2,
    ([a, b]) => {
      const u = deepUnknown(a!) ?? deepUnknown(b!);
      return u ?? armEquals(a!, b!);
    },
    true,
  ),
  greater: compare("greater", (c) => c > 0),
  greaterorequals: compare("greaterOrEquals", (c) => c >= 0),
  less: compare("less", (c) => c < 0),
  lessorequals: compare("lessOrEquals", (c) => c <= 0),
  add: arithmetic("add", (a, b) => a + b),
  sub: arithmetic("sub", (a, b) => a - b),
  mul: arithmetic("mul", (a, b) => a * b),
  div: arithmetic("div", (a, b) => {
    if (b === 0) throw new EvalError("div: division by zero");
    return Math.trunc(a / b);
  }),
  mod: arithmetic("mod", (a, b) => {
    if (b === 0) throw new EvalError("mod: division by zero");
    return a % b;
  }),
  int: eager(1, 1, ([v]) => {
    if (typeof v === "number") return Math.trunc(v);
    const s = str("int", v!).trim();
    if (!/^[-+]?\d+$/.test(s)) throw new EvalError(`int: ${preview(s)} is not an integer`);
    return Number(s);
  }),
  float: eager(1, 1, ([v]) => {
    if (typeof v === "number") return v;
    const n = Number(str("float", v!).trim());
    if (Number.isNaN(n)) throw new EvalError(`float: '${String(v)}' is not a number`);
    return n;
  }),
};
