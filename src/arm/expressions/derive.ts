import type { Value } from "../json.js";
import { EvalError } from "../errors.js";
import { namedPart, Unknown, type FiniteDomain, type UnknownFacts } from "../unknown.js";
import { armString, deepUnknown } from "./values.js";
import { parseComposite } from "./functions/format.js";

/** Origins longer than this are dropped: identity is kept for the common short expressions only. */
const MAX_ORIGIN = 512;

/** How an argument is written in an origin: an unknown by its origin, a known scalar as JSON. */
function originPart(v: Value): string | undefined {
  if (v instanceof Unknown) return v.facts.origin === undefined ? undefined : `<${v.facts.origin}>`;
  if (v !== null && typeof v === "object") return undefined; // composite values: no identity kept
  return JSON.stringify(v);
}

/**
 * The origin of `fn(args)` when every unknown argument has one: a deterministic function of the
 * same values gives the same value, so two results with this origin are equal.
 */
export function originOf(fn: string, args: readonly Value[]): string | undefined {
  let length = fn.length + 2;
  const parts: string[] = [];
  // Resource ids compare without case: resourceId('Microsoft.Communication/CommunicationServices', x)
  // is the id of the communicationServices resource named x.
  const caseless = fn.endsWith("resourceid");
  for (const a of args) {
    const part = originPart(caseless && typeof a === "string" ? a.toLowerCase() : a);
    if (part === undefined) return undefined;
    length += part.length + 1;
    if (length > MAX_ORIGIN) return undefined;
    parts.push(part);
  }
  return `${fn}(${parts.join(",")})`;
}

/**
 * The same unknown with another origin (or none), and no finite domain: a result must never pass
 * for its argument.
 */
export function withOrigin(u: Unknown, origin: string | undefined): Unknown {
  if (u.facts.origin === origin && !u.facts.domain) return u;
  const facts: UnknownFacts = { ...u.facts };
  delete facts.domain;
  if (origin === undefined) delete facts.origin;
  else facts.origin = origin;
  return new Unknown(u.reason, u.expression, u.functions, u.target, u.secret, u.detail, facts);
}

/** Computes a function's value for known arguments (for each value of a finite domain). */
export type Recompute = (args: Value[]) => Value;

/**
 * The finite domain of `fn(args)` when its only unknown argument has one: the function evaluated
 * for each of the argument's values. Undefined when a value fails or is itself unknown.
 */
function domainOf(args: readonly Value[], recompute: Recompute | undefined): FiniteDomain | undefined {
  const source = args.find((a): a is Unknown => a instanceof Unknown);
  const domain = source?.facts.domain;
  if (!recompute || !domain || args.some((a) => a instanceof Unknown && a !== source)) return undefined;
  const cases: Array<{ when: Value; value: Value }> = [];
  for (const c of domain.cases) {
    let value: Value;
    try {
      value = recompute(args.map((a) => (a === source ? c.value : a)));
    } catch (e) {
      if (e instanceof EvalError) return undefined;
      throw e;
    }
    if (deepUnknown(value)) return undefined;
    cases.push({ when: c.when, value });
  }
  return { parameter: domain.parameter, cases };
}

/**
 * The value of `fn(args)` when some arguments are unknown: `merged`, with what is known of it.
 * `own` says whether `merged` was made by the function (its facts stand) or is an argument's.
 */
export function derive(fn: string, args: readonly Value[], merged: Unknown, own = false, recompute?: Recompute): Unknown {
  const facts: UnknownFacts = own ? { ...merged.facts } : {};
  delete facts.origin;
  delete facts.domain;
  const domain = domainOf(args, recompute);
  if (domain) facts.domain = domain;
  const origin = originOf(fn, args);
  if (origin !== undefined) facts.origin = origin;
  const pieces = fn === "concat" ? concatPieces(args) : fn === "format" ? formatPieces(args) : undefined;
  if (pieces) Object.assign(facts, piecesFacts(pieces));
  // Shown for the value when it is a resource's name: the function, not an argument's name.
  else if (!own || facts.pattern === undefined) facts.pattern = `{${fn}(${innerName(args)})}`;
  return new Unknown(merged.reason, merged.expression, merged.functions, merged.target, merged.secret, merged.detail, facts);
}

/** `x.name` or `x[i]` of an unknown `x`: unknown too, and the same for the same `x` and key. */
export function member(target: Unknown, key: Value, recompute: Recompute): Unknown {
  if (target.facts.origin === undefined && !target.facts.domain) return target;
  const part = originPart(key);
  const origin = part === undefined || target.facts.origin === undefined ? undefined : `${target.facts.origin}[${part}]`;
  const domain = domainOf([target, key], recompute);
  const u = withOrigin(target, origin);
  return domain ? new Unknown(u.reason, u.expression, u.functions, u.target, u.secret, u.detail, { ...u.facts, domain }) : u;
}

/** The name of a function's one unknown argument when it is a parameter or variable, else `…`. */
function innerName(args: readonly Value[]): string {
  const unknowns = args.filter((a): a is Unknown => a instanceof Unknown);
  const named = unknowns.length === 1 ? namedPart(unknowns[0]!.expression) : undefined;
  return named ? named.slice(1, -1) : "…";
}

type Piece = string | Unknown;

/** The pieces of a string `concat`: undefined when it joins arrays. */
function concatPieces(args: readonly Value[]): Piece[] | undefined {
  return args.every((a) => typeof a === "string" || a instanceof Unknown) ? (args as Piece[]) : undefined;
}

/** The pieces of `format(text, args...)`: its literal text and the arguments it places. */
function formatPieces(args: readonly Value[]): Piece[] | undefined {
  const [text, ...values] = args;
  if (typeof text !== "string") return undefined;
  let parsed: ReturnType<typeof parseComposite>;
  try {
    parsed = parseComposite(text);
  } catch (e) {
    if (e instanceof EvalError) return undefined;
    throw e;
  }
  const pieces: Piece[] = [];
  for (const p of parsed) {
    if (typeof p === "string") {
      pieces.push(p);
      continue;
    }
    const v = values[p.index];
    if (v instanceof Unknown) pieces.push(v);
    else if (v === undefined || (p.spec !== undefined && typeof v !== "string") || (v !== null && typeof v === "object")) return undefined;
    else pieces.push(p.align < 0 ? armString(v).padEnd(-p.align) : armString(v).padStart(p.align));
  }
  return pieces;
}

/** The known beginning and end of a string made of pieces, and its shape for people. */
function piecesFacts(pieces: Piece[]): UnknownFacts {
  const first = pieces.findIndex((p) => p instanceof Unknown);
  let last = -1;
  for (let i = pieces.length - 1; i >= 0; i--) {
    if (pieces[i] instanceof Unknown) {
      last = i;
      break;
    }
  }
  if (first < 0) return {};
  const prefix = (pieces.slice(0, first) as string[]).join("") + ((pieces[first] as Unknown).facts.prefix ?? "");
  const suffix = ((pieces[last] as Unknown).facts.suffix ?? "") + (pieces.slice(last + 1) as string[]).join("");
  const pattern = pieces.map((p) => (typeof p === "string" ? p : (p.facts.pattern ?? namedPart(p.expression) ?? "{?}"))).join("");
  const facts: UnknownFacts = { pattern };
  if (prefix) facts.prefix = prefix;
  if (suffix) facts.suffix = suffix;
  const segments = segmentsOf(pieces);
  if (segments) facts.segments = segments;
  return facts;
}

/**
 * The `/`-separated segments of a string made of pieces when there are several and each is a
 * known string or a single unknown (an unknown that has segments itself is split into them).
 */
function segmentsOf(pieces: readonly Piece[]): Value[] | undefined {
  const segments: Piece[][] = [[]];
  const flat = pieces.flatMap((p) => (p instanceof Unknown && p.facts.segments ? withSlashes(p.facts.segments) : [p]));
  for (const piece of flat) {
    if (piece instanceof Unknown) {
      segments[segments.length - 1]!.push(piece);
      continue;
    }
    const [first, ...rest] = piece.split("/");
    if (first) segments[segments.length - 1]!.push(first);
    for (const part of rest) segments.push(part ? [part] : []);
  }
  if (segments.length < 2) return undefined;
  const out: Value[] = [];
  for (const parts of segments) {
    if (parts.length === 1 && parts[0] instanceof Unknown) out.push(parts[0]);
    else if (parts.length > 0 && parts.every((p) => typeof p === "string")) out.push(parts.join(""));
    else return undefined;
  }
  return out;
}

/** Segments as pieces again: a, "/", b, "/", c. */
function withSlashes(segments: readonly Value[]): Piece[] {
  const pieces: Piece[] = [];
  segments.forEach((s, i) => {
    if (i > 0) pieces.push("/");
    pieces.push(s instanceof Unknown ? s : typeof s === "string" ? s : armString(s));
  });
  return pieces;
}
