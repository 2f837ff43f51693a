import type { Expr } from "./expressions/ast.js";
import { parseExpression } from "./expressions/parse.js";
import { findKey, isObject, pointerSegment, type Value } from "./json.js";
import type { ExpandedParameter, ExpandedResource, ExpandedTemplate, ExpandedVariable } from "./model.js";
import { MAX_QUOTED_EXPRESSION, clipText, preview } from "./preview.js";
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

/** Where a trace starts: the property's place (and, when that was moved into a variable, where the property is declared). */
export interface Place {
  file: string;
  pointer: string;
  /** The property's own pointer below its resource, in `file`, when `pointer` is somewhere else. */
  declared?: string;
}

/** A trace's start: its place, and the property's label and value for its first step. */
export interface TraceStart extends Place {
  label: string;
  value?: Value;
}

/** Reads the parsed JSON of a file the expansion read (the template, a linked template, a parameter file). */
export type RawDocuments = (file: string) => unknown;

// Hostile templates can chain variables deeply or refer to many: a trace is for people, so short.
const MAX_STEPS = 24;
const MAX_DEPTH = 10;
const MAX_EXPRESSION_DEPTH = 64;
const RUNTIME = /^(reference|list.*|utcnow|newguid)$/i;
/** In the pointer of every place inside a variable's declaration. */
const VARIABLES = "/variables/";

/**
 * The chain of a value from the property at `pointer` in `file` back to its origins. It reads the
 * templates as written and the expansion's record of parameters and variables; it is computed only
 * for the values a finding or a verdict names, so plain expansion pays nothing for it.
 */
export function traceProvenance(expanded: ExpandedTemplate, raw: RawDocuments, start: TraceStart): ProvenanceStep[] {
  return new Tracer(expanded, raw).trace(start);
}

/**
 * False when `traceProvenance` would give the property alone, at `start.pointer`: its value was
 * written there (a literal, or an expression that uses no parameter, variable or deployment-time
 * value) and not inside a variable's declaration. It reads only the property's place, so findings
 * whose trace would only repeat their own place cost nothing more. `literal`: the caller read in
 * the text that what is written there (or at its closest written ancestor) is no expression string.
 */
export function comesFromElsewhere(expanded: ExpandedTemplate, raw: RawDocuments, start: Place, literal = false): boolean {
  // (most findings: a property outside any variable, asked once per finding, so without a Tracer)
  if (start.pointer.includes(VARIABLES)) {
    const begun = new Tracer(expanded, raw).begin(start);
    if (begun.start !== start || begun.variable !== undefined) return true;
  }
  if (literal) return false;
  const written = deepestWritten(raw(start.file), start.pointer).value;
  return isExpression(written) && referencesOf(written).length > 0;
}

/** The expansion's parameters, variables and deployments by name, built once per template for all its traces. */
interface Index {
  /** By file, declaring template's pointer and lower-cased name. */
  parameters: Map<string, ExpandedParameter>;
  variables: Map<string, ExpandedVariable>;
  /** By file and declaration pointer. */
  variablesAt: Map<string, ExpandedVariable>;
  deployments: Map<string, ExpandedResource[]>;
  /** Each entry's value as a trace shows it, and each module parameter's input: many findings share them. */
  shown: Map<ExpandedParameter | ExpandedVariable, string>;
  inputs: Map<ExpandedParameter, ModuleInput | undefined>;
}

interface ModuleInput {
  file: string;
  pointer: string;
  deployment: string;
}

const indexes = new WeakMap<ExpandedTemplate, Index>();

function indexOf(expanded: ExpandedTemplate): Index {
  let index = indexes.get(expanded);
  if (!index) {
    const deployments = expanded.resources.filter((r) => r.typeLower === "microsoft.resources/deployments" && typeof r.name === "string");
    index = {
      parameters: byDeclaration(expanded.parameters, "parameters"),
      variables: byDeclaration(expanded.variables, "variables"),
      variablesAt: new Map(expanded.variables.map((v) => [`${v.file}\u0000${v.pointer}`, v])),
      deployments: group(deployments, (r) => r.name as string),
      shown: new Map(),
      inputs: new Map(),
    };
    indexes.set(expanded, index);
  }
  return index;
}

const declarationKey = (file: string, frame: string, lower: string) => `${file}\u0000${frame}\u0000${lower}`;

/** Entries by their file, the pointer of the template that declares them, and name (the first of a name wins). */
function byDeclaration<T extends ExpandedParameter | ExpandedVariable>(entries: readonly T[], section: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const e of entries) {
    const cut = e.pointer.lastIndexOf(`/${section}/`);
    const key = declarationKey(e.file, cut >= 0 ? e.pointer.slice(0, cut) : "", e.name.toLowerCase());
    if (!map.has(key)) map.set(key, e);
  }
  return map;
}

function group<T>(entries: readonly T[], key: (e: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const e of entries) {
    const k = key(e);
    const list = map.get(k);
    if (list) list.push(e);
    else map.set(k, [e]);
  }
  return map;
}

class Tracer {
  private readonly steps: ProvenanceStep[] = [];
  private readonly seen = new Set<string>();
  private readonly index: Index;

  constructor(
    expanded: ExpandedTemplate,
    private readonly raw: RawDocuments,
  ) {
    this.index = indexOf(expanded);
  }

  /** Where the chain starts, what is written there, and the variable whose declaration holds it. */
  begin<T extends Place>(given: T): { start: T; written: { pointer: string; value: unknown }; expression: boolean; variable: ExpandedVariable | undefined } {
    // A value written as `[variables('x')]` is placed in x's declaration; the chain starts at the property.
    const start =
      given.declared !== undefined && this.enclosingVariable(given.file, given.pointer) ? Object.assign({}, given, { pointer: given.declared }) : given;
    // An absent property may still come from somewhere: `"properties": "[parameters('props')]"`.
    const written = deepestWritten(this.raw(start.file), start.pointer);
    // A property written inside a variable's declaration (`[variables('props')]` as the whole value) came through it.
    const variable = this.enclosingVariable(start.file, start.pointer);
    return { start, written, expression: isExpression(written.value), variable };
  }

  trace(given: TraceStart): ProvenanceStep[] {
    const { start, written, expression, variable } = this.begin(given);
    const label = written.pointer === start.pointer || expression ? start.label : `${start.label} is not set`;
    const first: ProvenanceStep = { kind: "property", label, file: start.file, pointer: start.pointer, depth: 0 };
    if (start.value !== undefined) first.value = show(start.value, false);
    this.add(first);
    if (
      variable &&
      this.add({
        kind: "variable",
        label: `variables('${clipText(variable.name, 80)}')`,
        file: variable.file,
        pointer: variable.pointer,
        depth: 1,
        value: this.shown(variable, false),
      })
    ) {
      this.follow(variable.file, variable.pointer, 2);
    }
    if (expression) this.follow(start.file, written.pointer, 1);
    // ...and continues at the value's own place inside the variable, where it may use a parameter.
    if (start !== given) this.follow(given.file, deepestWritten(this.raw(given.file), given.pointer).pointer, 2);
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
    for (const ref of referencesOf(text)) {
      if (ref.kind === "runtime") {
        this.add({ kind: "runtime", label: `${clipText(ref.name, 80)}() is known only at deployment`, file, pointer, depth, waitsOn: true });
      } else if (ref.kind === "variable") {
        this.variable(ref.name, file, pointer, depth);
      } else {
        this.parameter(ref.name, file, pointer, depth);
      }
    }
  }

  private variable(name: string, file: string, at: string, depth: number): void {
    const v = innermost(this.index.variables, name, file, at);
    if (!v) return;
    if (this.add({ kind: "variable", label: `variables('${clipText(v.name, 80)}')`, file: v.file, pointer: v.pointer, depth, value: this.shown(v, false) }))
      this.follow(v.file, v.pointer, depth + 1);
  }

  private parameter(name: string, file: string, at: string, depth: number): void {
    const p = innermost(this.index.parameters, name, file, at);
    if (!p) return;
    const value = this.shown(p, p.secure);
    const waitsOn = p.value instanceof Unknown && (p.origin === "none" || p.value.reason === "secret" || p.value.reason === "missing-parameter");
    const base = `parameters('${clipText(p.name, 80)}')`;
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
        } else if (
          this.add({
            kind: "module-input",
            label: `module ${clipText(input.deployment, 80)} input ${clipText(p.name, 80)} = ${value}`,
            file: input.file,
            pointer: input.pointer,
            depth,
            value,
          })
        ) {
          this.follow(input.file, input.pointer, depth + 1);
        }
        return;
      }
      case "none":
        step(`${base} has no value (declared here)`, p);
        return;
    }
  }

  /** The variable whose declaration holds the pointer, if it is in one. */
  private enclosingVariable(file: string, pointer: string): ExpandedVariable | undefined {
    if (!pointer.includes(VARIABLES)) return undefined;
    for (let p = pointer; p !== ""; p = p.slice(0, p.lastIndexOf("/"))) {
      const v = this.index.variablesAt.get(`${file}\u0000${p}`);
      if (v) return v;
    }
    return undefined;
  }

  /** An entry's value as the trace shows it, built once per template. */
  private shown(entry: ExpandedParameter | ExpandedVariable, secure: boolean): string {
    let text = this.index.shown.get(entry);
    if (text === undefined) this.index.shown.set(entry, (text = show(entry.value, secure)));
    return text;
  }

  /** Where the deployment that runs a module's template passes the parameter's value, found once per template. */
  private moduleInput(p: ExpandedParameter): ModuleInput | undefined {
    if (!this.index.inputs.has(p)) this.index.inputs.set(p, this.findModuleInput(p));
    return this.index.inputs.get(p);
  }

  private findModuleInput(p: ExpandedParameter): ModuleInput | undefined {
    const deployment = p.deployments[p.deployments.length - 1];
    const outer = p.deployments.slice(0, -1);
    if (deployment === undefined) return undefined;
    const caller = this.index.deployments.get(deployment)?.find((r) => sameChain(r.deployments, outer));
    if (!caller) return undefined;
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

const REFERENCE_CACHE_SIZE = 5_000;
const referenceCache = new Map<string, readonly Reference[]>();

/** The references of an expression string (`[...]`); many findings share the same few expressions. */
function referencesOf(text: string): readonly Reference[] {
  let refs = referenceCache.get(text);
  if (!refs) {
    try {
      refs = references(parseExpression(text.slice(1, -1), MAX_EXPRESSION_DEPTH));
    } catch {
      refs = [];
    }
    if (referenceCache.size >= REFERENCE_CACHE_SIZE) referenceCache.clear();
    referenceCache.set(text, refs);
  }
  return refs;
}

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
function innermost<T>(declared: ReadonlyMap<string, T>, name: string, file: string, at: string): T | undefined {
  const lower = name.toLowerCase();
  for (let frame = at; ; frame = frame.slice(0, frame.lastIndexOf("/"))) {
    const found = declared.get(declarationKey(file, frame, lower));
    if (found || frame === "") return found;
  }
}

function sameChain(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A value for a trace: short, and never a secure one. */
function show(value: Value, secure: boolean): string {
  if (secure) return "<secure>";
  if (value instanceof Unknown) return `<unknown: ${clipText(value.shape(), MAX_QUOTED_EXPRESSION)}>`;
  return preview(value, 60);
}

/** The raw JSON at a pointer, object keys matched as ARM does (exactly, else ignoring case). */
function valueAt(doc: unknown, pointer: string): unknown {
  const found = deepestWritten(doc, pointer);
  return found.pointer.length === pointer.length ? found.value : undefined;
}

function isExpression(v: unknown): v is string {
  return typeof v === "string" && v.startsWith("[") && !v.startsWith("[[") && v.endsWith("]");
}

/** The node at the pointer when something is written there, else its nearest ancestor that is; one walk. */
function deepestWritten(doc: unknown, pointer: string): { pointer: string; value: unknown } {
  let node = doc;
  let at = 0;
  while (at < pointer.length) {
    const next = pointer.indexOf("/", at + 1);
    const end = next < 0 ? pointer.length : next;
    const raw = pointer.slice(at + 1, end);
    const seg = raw.includes("~") ? raw.replace(/~1/g, "/").replace(/~0/g, "~") : raw;
    let child: unknown;
    if (Array.isArray(node)) child = node[Number(seg)];
    else if (isObject(node)) {
      const key = Object.hasOwn(node, seg) ? seg : findKey(node, seg);
      child = key === undefined ? undefined : node[key];
    }
    if (child === undefined) break;
    node = child;
    at = end;
  }
  return { pointer: pointer.slice(0, at), value: node };
}
