import type { Expr } from "./expressions/ast.js";
import { parseExpression } from "./expressions/parse.js";
import { findKey, isObject, pointerSegment, type Value } from "./json.js";
import type { ExpandedParameter, ExpandedResource, ExpandedTemplate, ExpandedVariable } from "./model.js";
import { preview } from "./preview.js";
import { Unknown } from "./unknown.js";

/**
 * One step of a value's way into the property a rule judged, from the property back to where the
 * value was written: a variable, a parameter (and where its value came from), a module's input,
 * or a value only the deployment knows.
 */
export interface ProvenanceStep {
  kind: "property" | "variable" | "parameter" | "module-input" | "runtime";
  /** For parameters: where the value came from. */
  origin?: ExpandedParameter["origin"];
  /** Short text for people: `variables('localAuth')`, `parameters('env') = "dev" from the parameter file`. */
  label: string;
  file: string;
  /** JSON pointer of the step in `file`. */
  pointer: string;
  /** How many steps this one is away from the property (a value built from two parameters has two steps at depth 1). */
  depth: number;
  /** The value at this step, shortened (secure values are never shown). */
  value?: string;
  /** True when this step is what an unknown value waits on: a parameter without a value, or a runtime value. */
  waitsOn?: boolean;
}

/** Reads the parsed JSON of a file the expansion read (the template, a linked template, a parameter file). */
export type RawDocuments = (file: string) => unknown;

// Hostile templates can chain variables deeply or refer to many: a trace is for people, so short.
const MAX_STEPS = 24;
const MAX_DEPTH = 10;
const MAX_EXPRESSION_DEPTH = 64;
const RUNTIME = /^(reference|list.*|utcnow|newguid)$/i;

/**
 * The chain of a value from the property at `pointer` in `file` back to its origins. It reads the
 * templates as written and the expansion's record of parameters and variables; it is computed only
 * for the values a finding or a verdict names, so plain expansion pays nothing for it.
 */
export function traceProvenance(expanded: ExpandedTemplate, raw: RawDocuments, start: { file: string; pointer: string; label: string; value?: Value }): ProvenanceStep[] {
  return new Tracer(expanded, raw).trace(start);
}

class Tracer {
  private readonly steps: ProvenanceStep[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly expanded: ExpandedTemplate,
    private readonly raw: RawDocuments,
  ) {}

  trace(start: { file: string; pointer: string; label: string; value?: Value }): ProvenanceStep[] {
    const doc = this.raw(start.file);
    // An absent property may still come from somewhere: `"properties": "[parameters('props')]"`.
    const from = writtenAt(doc, start.pointer);
    const expression = isExpression(valueAt(doc, from));
    const label = from === start.pointer || expression ? start.label : `${start.label} is not set`;
    const first: ProvenanceStep = { kind: "property", label, file: start.file, pointer: start.pointer, depth: 0 };
    if (start.value !== undefined) first.value = show(start.value, false);
    this.add(first);
    if (expression) this.follow(start.file, from, 1);
    return this.steps;
  }

  private add(step: ProvenanceStep): boolean {
    const key = `${step.file}|${step.pointer}|${step.kind}`;
    if (this.steps.length >= MAX_STEPS || this.seen.has(key)) return false;
    this.seen.add(key);
    this.steps.push(step);
    return true;
  }

  /** Follows the parameters, variables and runtime values the expression written at `pointer` uses. */
  private follow(file: string, pointer: string, depth: number): void {
    if (depth > MAX_DEPTH) return;
    const text = valueAt(this.raw(file), pointer);
    if (!isExpression(text)) return;
    let expr: Expr;
    try {
      expr = parseExpression(text.slice(1, -1), MAX_EXPRESSION_DEPTH);
    } catch {
      return;
    }
    for (const ref of references(expr)) {
      if (ref.kind === "runtime") {
        this.add({ kind: "runtime", label: `${ref.name}() is known only at deployment`, file, pointer, depth, waitsOn: true });
      } else if (ref.kind === "variable") {
        this.variable(ref.name, file, pointer, depth);
      } else {
        this.parameter(ref.name, file, pointer, depth);
      }
    }
  }

  private variable(name: string, file: string, at: string, depth: number): void {
    const v = innermost(this.expanded.variables, name, file, at, "variables");
    if (!v) return;
    if (this.add({ kind: "variable", label: `variables('${v.name}')`, file: v.file, pointer: v.pointer, depth, value: show(v.value, false) })) this.follow(v.file, v.pointer, depth + 1);
  }

  private parameter(name: string, file: string, at: string, depth: number): void {
    const p = innermost(this.expanded.parameters, name, file, at, "parameters");
    if (!p) return;
    const value = show(p.value, p.secure);
    const waitsOn = p.value instanceof Unknown && (p.origin === "none" || p.value.reason === "secret" || p.value.reason === "missing-parameter");
    const base = `parameters('${p.name}')`;
    const step = (label: string, where: { file: string; pointer: string }): boolean =>
      this.add({ kind: "parameter", origin: p.origin, label, file: where.file, pointer: where.pointer, depth, value, ...(waitsOn ? { waitsOn } : {}) });
    switch (p.origin) {
      case "parameter-file":
        step(`${base} = ${value} from the parameter file`, p.valueSource ?? p);
        return;
      case "argument":
        step(`${base} = ${value} given to the scan (--param)`, p);
        return;
      case "default": {
        const decl = valueAt(this.raw(p.file), p.pointer);
        const key = isObject(decl) ? (findKey(decl, "defaultValue") ?? "defaultValue") : "defaultValue";
        const where = { file: p.file, pointer: `${p.pointer}/${pointerSegment(key)}` };
        if (step(`${base} = ${value} (its default)`, where)) this.follow(where.file, where.pointer, depth + 1);
        return;
      }
      case "module-input": {
        const input = this.moduleInput(p);
        if (!input) {
          step(`${base} = ${value} from the module's caller`, p);
        } else if (this.add({ kind: "module-input", label: `module ${input.deployment} input ${p.name} = ${value}`, file: input.file, pointer: input.pointer, depth, value })) {
          this.follow(input.file, input.pointer, depth + 1);
        }
        return;
      }
      case "none":
        step(`${base} has no value (declared here)`, p);
        return;
    }
  }

  /** Where the deployment that runs a module's template passes the parameter's value. */
  private moduleInput(p: ExpandedParameter): { file: string; pointer: string; deployment: string } | undefined {
    const deployment = p.deployments[p.deployments.length - 1];
    const outer = p.deployments.slice(0, -1);
    const caller = this.expanded.resources.find((r: ExpandedResource) => r.typeLower === "microsoft.resources/deployments" && r.name === deployment && sameChain(r.deployments, outer));
    if (!caller || deployment === undefined) return undefined;
    const decl = valueAt(this.raw(caller.source.file), caller.source.pointer);
    const props = isObject(decl) ? findKey(decl, "properties") : undefined;
    const params = props !== undefined && isObject(decl) ? decl[props] : undefined;
    const paramsKey = isObject(params) ? findKey(params, "parameters") : undefined;
    const entries = paramsKey !== undefined && isObject(params) ? params[paramsKey] : undefined;
    const key = isObject(entries) ? findKey(entries, p.name) : undefined;
    if (key === undefined || props === undefined || paramsKey === undefined) return undefined;
    const entry = (entries as Record<string, unknown>)[key];
    const valueKey = isObject(entry) ? (findKey(entry, "value") ?? "value") : "value";
    const pointer = `${caller.source.pointer}/${pointerSegment(props)}/${pointerSegment(paramsKey)}/${pointerSegment(key)}/${pointerSegment(valueKey)}`;
    return { file: caller.source.file, pointer, deployment };
  }
}

type Reference = { kind: "parameter" | "variable" | "runtime"; name: string };

/** The parameters, variables and runtime functions an expression uses, in the order written. */
function references(expr: Expr): Reference[] {
  const out: Reference[] = [];
  const seen = new Set<string>();
  const push = (r: Reference) => {
    const key = `${r.kind}:${r.name.toLowerCase()}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(r);
    }
  };
  const visit = (e: Expr): void => {
    if (e.kind === "call") {
      const fn = e.name.toLowerCase();
      const arg = e.args[0];
      if (e.namespace === undefined && (fn === "parameters" || fn === "variables") && arg?.kind === "string") {
        push({ kind: fn === "parameters" ? "parameter" : "variable", name: arg.value });
        return;
      }
      if (e.namespace === undefined && RUNTIME.test(fn)) push({ kind: "runtime", name: e.name });
      e.args.forEach(visit);
    } else if (e.kind === "property") {
      visit(e.target);
    } else if (e.kind === "index") {
      visit(e.target);
      visit(e.index);
    }
  };
  visit(expr);
  return out;
}

/**
 * The entry named `name` declared by the template that encloses `at` in `file`: of the templates
 * that declare it there (nested ones included), the innermost.
 */
function innermost<T extends ExpandedParameter | ExpandedVariable>(entries: readonly T[], name: string, file: string, at: string, section: string): T | undefined {
  const lower = name.toLowerCase();
  let best: T | undefined;
  let bestLength = -1;
  for (const e of entries) {
    if (e.file !== file || e.name.toLowerCase() !== lower) continue;
    const cut = e.pointer.lastIndexOf(`/${section}/`);
    const frame = cut >= 0 ? e.pointer.slice(0, cut) : "";
    if ((at === frame || at.startsWith(`${frame}/`)) && frame.length > bestLength) {
      best = e;
      bestLength = frame.length;
    }
  }
  return best;
}

function sameChain(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A value for a trace: short, and never a secure one. */
function show(value: Value, secure: boolean): string {
  if (secure) return "<secure>";
  if (value instanceof Unknown) return `<unknown: ${value.shape()}>`;
  return preview(value, 60);
}

/** The raw JSON at a pointer, object keys matched as ARM does (exactly, else ignoring case). */
function valueAt(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  let node = doc;
  for (const raw of pointer.slice(1).split("/")) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) node = node[Number(seg)];
    else if (isObject(node)) {
      const key = seg in node ? seg : findKey(node, seg);
      node = key === undefined ? undefined : node[key];
    } else return undefined;
  }
  return node;
}

function isExpression(v: unknown): v is string {
  return typeof v === "string" && v.startsWith("[") && !v.startsWith("[[") && v.endsWith("]");
}

/** The pointer itself when something is written there, else its nearest ancestor that is. */
function writtenAt(doc: unknown, pointer: string): string {
  let p = pointer;
  while (p !== "" && valueAt(doc, p) === undefined) p = p.slice(0, p.lastIndexOf("/"));
  return p;
}
