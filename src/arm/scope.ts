import type { DeploymentContext } from "./context.js";
import { EvalError, ExpansionFault } from "./errors.js";
import type { Budget, ResourceResolver, Scope, UserFunction } from "./expressions/env.js";
import { findKey, getKey, isObject, pointerSegment, type JsonObject, type Value } from "./json.js";
import { resolveValue } from "./resolve.js";
import type { TemplateScope } from "./resource-id.js";
import { fromJson } from "./expressions/functions/collections.js";
import { Unknown, type UnknownFacts } from "./unknown.js";

/** Parameters with more allowed values than this are judged as plainly unknown. */
const MAX_DOMAIN = 32;

/** Where a declared parameter gets its value: a parameter file or the caller, both taken literally. */
export type SuppliedParameters = ReadonlyMap<string, Value>;

interface Lazy {
  name: string;
  state: "pending" | "busy" | "done";
  value?: Value;
}

/**
 * One template being expanded: its sections, its parameters and variables (evaluated on first
 * use and remembered; a cycle is a structural fault), and its user-defined functions.
 */
export class TemplateFrame {
  private readonly params = new Map<string, Lazy>();
  private readonly vars = new Map<string, Lazy>();
  private readonly functions = new Map<string, UserFunction>();
  readonly root: Scope;

  constructor(
    readonly template: JsonObject,
    readonly file: string,
    /** Pointer of the template object in `file`. */
    readonly pointer: string,
    readonly context: DeploymentContext,
    readonly deploymentScope: TemplateScope,
    readonly budget: Budget,
    readonly resolver: ResourceResolver,
    private readonly supplied: SuppliedParameters,
    /** For nested deployments with outer scope: parameters, variables and functions are the parent's. */
    private readonly outer?: TemplateFrame,
  ) {
    this.root = new FrameScope(this, new Map(), new Map(), undefined);
    if (outer) return;
    const params = getKey(template, "parameters");
    if (isObject(params)) for (const name of Object.keys(params)) this.params.set(name.toLowerCase(), { name, state: "pending" });
    const vars = getKey(template, "variables");
    if (isObject(vars)) {
      for (const name of Object.keys(vars)) if (name.toLowerCase() !== "copy") this.vars.set(name.toLowerCase(), { name, state: "pending" });
      const loops = getKey(vars, "copy");
      if (Array.isArray(loops)) {
        for (const loop of loops) {
          if (isObject(loop) && typeof loop["name"] === "string") this.vars.set(loop["name"].toLowerCase(), { name: loop["name"], state: "pending" });
        }
      }
    }
    const fns = getKey(template, "functions");
    if (Array.isArray(fns)) {
      for (const group of fns) {
        if (!isObject(group) || typeof group["namespace"] !== "string" || !isObject(group["members"])) continue;
        for (const [member, def] of Object.entries(group["members"])) {
          if (!isObject(def)) continue;
          const ps = Array.isArray(def["parameters"]) ? def["parameters"] : [];
          const output = getKey(def, "output");
          this.functions.set(`${group["namespace"]}.${member}`.toLowerCase(), {
            parameters: ps.map((p) => (isObject(p) && typeof p["name"] === "string" ? p["name"] : "")),
            output: isObject(output) ? (getKey(output, "value") ?? null) : null,
          });
        }
      }
    }
  }

  /** Declared variable names, as written (copy-loop variables included). */
  variableNames(): string[] {
    return this.outer ? [] : [...this.vars.values()].map((v) => v.name);
  }

  /** True when the parameter's value came from a parameter file or the caller, not its default. */
  isSupplied(name: string): boolean {
    return !this.outer && this.supplied.has(name.toLowerCase());
  }

  /** Declared parameter names, as written. */
  parameterNames(): string[] {
    return [...this.params.values()].map((p) => p.name);
  }

  parameter(name: string): Value {
    if (this.outer) return this.outer.parameter(name);
    const entry = this.params.get(name.toLowerCase());
    if (!entry) throw new EvalError(`parameter '${name}' is not declared`);
    return this.force(entry, "parameters", () => this.parameterValue(entry.name));
  }

  variable(name: string): Value {
    if (this.outer) return this.outer.variable(name);
    const entry = this.vars.get(name.toLowerCase());
    if (!entry) throw new EvalError(`variable '${name}' is not declared`);
    return this.force(entry, "variables", () => this.variableValue(entry.name));
  }

  /** The declaration of a plain (non-copy) variable. */
  variableSource(name: string): { file: string; pointer: string } | undefined {
    if (this.outer) return this.outer.variableSource(name);
    const varsKey = findKey(this.template, "variables");
    const vars = varsKey === undefined ? undefined : this.template[varsKey];
    const key = isObject(vars) ? findKey(vars, name) : undefined;
    if (key === undefined || key.toLowerCase() === "copy") return undefined;
    return { file: this.file, pointer: `${this.pointer}/${varsKey}/${pointerSegment(key)}` };
  }

  /** Where a variable is declared: its own entry, or its copy loop. */
  variableDeclaration(name: string): string {
    // (an outer-scope deployment's own template may have no variables at all: they are the parent's)
    if (this.outer) return this.outer.variableDeclaration(name);
    const plain = this.variableSource(name);
    if (plain) return plain.pointer;
    const varsKey = findKey(this.template, "variables") ?? "variables";
    const vars = this.template[varsKey];
    const loops = isObject(vars) ? getKey(vars, "copy") : undefined;
    const i = Array.isArray(loops) ? loops.findIndex((l) => isObject(l) && String(l["name"]).toLowerCase() === name.toLowerCase()) : -1;
    return `${this.pointer}/${varsKey}/copy/${i}`;
  }

  userFunction(namespace: string, name: string): UserFunction | undefined {
    if (this.outer) return this.outer.userFunction(namespace, name);
    return this.functions.get(`${namespace}.${name}`.toLowerCase());
  }

  private force(entry: Lazy, section: string, compute: () => Value): Value {
    if (entry.state === "done") return entry.value!;
    if (entry.state === "busy") {
      throw new ExpansionFault(`${section} '${entry.name}' refers to itself (a cycle)`, `${this.pointer}/${section}/${entry.name}`);
    }
    entry.state = "busy";
    try {
      entry.value = this.budget.nested(compute);
      entry.state = "done";
      return entry.value;
    } finally {
      if (entry.state === "busy") entry.state = "pending";
    }
  }

  /** The parameter file or caller's value, else `defaultValue`, else null when nullable, else unknown. */
  private parameterValue(name: string): Value {
    const supplied = this.supplied.get(name.toLowerCase());
    if (supplied !== undefined && !(supplied instanceof Unknown && !supplied.facts.domain)) return supplied;
    const decl = this.declaration(name);
    if (supplied !== undefined) return this.withDomain(name, decl, supplied as Unknown);
    const dflt = getKey(decl, "defaultValue");
    if (dflt !== undefined) return resolveValue(dflt, this.root, this.budget);
    if (getKey(decl, "nullable") === true || getKey(this.definitionOf(decl), "nullable") === true) return null;
    const origin = `${this.file}#${this.pointer}/parameters/${pointerSegment(name)}`;
    const facts: UnknownFacts = { origin };
    const values = this.finiteValues(name, decl);
    if (values) facts.domain = { parameter: name, cases: values.map((v) => ({ when: v, value: v })) };
    return new Unknown("missing-parameter", `[parameters('${name}')]`, [], undefined, isSecureType(this.typeOf(name)), `parameter ${name} has no value`, facts);
  }

  /**
   * A value supplied but not known (a Key Vault reference in the parameter file, a runtime value
   * passed to a nested deployment) is still one of the parameter's values, or the deployment fails:
   * with few of them, each is judged, as for a parameter with no value.
   */
  private withDomain(name: string, decl: JsonObject, value: Unknown): Unknown {
    const values = this.finiteValues(name, decl);
    if (!values) return value;
    const domain = { parameter: name, cases: values.map((v) => ({ when: v, value: v })) };
    return new Unknown(value.reason, value.expression, value.functions, value.target, value.secret, value.detail, { ...value.facts, domain });
  }

  /** The values a parameter can take when they are few: its `allowedValues`, or both bools. */
  private finiteValues(name: string, decl: JsonObject): Value[] | undefined {
    const allowed = getKey(decl, "allowedValues") ?? getKey(this.definitionOf(decl), "allowedValues");
    if (Array.isArray(allowed) && allowed.length > 0 && allowed.length <= MAX_DOMAIN) return allowed.map((v) => fromJson(v));
    return this.typeOf(name) === "bool" ? [true, false] : undefined;
  }

  private variableValue(name: string): Value {
    const vars = getKey(this.template, "variables") as JsonObject;
    const key = findKey(vars, name);
    if (key !== undefined) return resolveValue(vars[key], this.root, this.budget, { propertyCopy: true });
    const loops = getKey(vars, "copy") as Value[];
    const loop = loops.find((l) => isObject(l) && typeof l["name"] === "string" && l["name"].toLowerCase() === name.toLowerCase()) as JsonObject;
    // A variable copy loop is an object with a `copy` array holding just this loop.
    const wrapped = resolveValue({ copy: [loop] }, this.root, this.budget, { propertyCopy: true });
    return isObject(wrapped) ? (wrapped[loop["name"] as string] ?? []) : wrapped;
  }

  /** A parameter's declaration (its `$ref` type merged in). */
  declaration(name: string): JsonObject {
    const params = getKey(this.template, "parameters");
    const decl = isObject(params) ? getKey(params, name) : undefined;
    return isObject(decl) ? decl : (Object.create(null) as JsonObject);
  }

  /** The declared type, lower-cased, following `$ref` into `definitions`. */
  typeOf(name: string): string {
    const decl = this.declaration(name);
    const t = getKey(decl, "type") ?? getKey(this.definitionOf(decl), "type");
    return typeof t === "string" ? t.toLowerCase() : "";
  }

  private definitionOf(decl: JsonObject): JsonObject {
    const ref = getKey(decl, "$ref");
    const defs = getKey(this.template, "definitions");
    if (typeof ref !== "string" || !ref.startsWith("#/definitions/") || !isObject(defs)) return Object.create(null) as JsonObject;
    const def = getKey(defs, ref.slice("#/definitions/".length));
    return isObject(def) ? def : (Object.create(null) as JsonObject);
  }
}

export function isSecureType(type: string): boolean {
  return type === "securestring" || type === "secureobject";
}

/** Names in effect for one evaluation: copy indexes, lambda variables, user-function arguments. */
class FrameScope implements Scope {
  constructor(
    private readonly frame: TemplateFrame,
    private readonly copies: ReadonlyMap<string, number | Unknown>,
    private readonly lambdas: ReadonlyMap<string, Value>,
    private readonly functionArgs: ReadonlyMap<string, Value> | undefined,
  ) {}

  get context(): DeploymentContext {
    return this.frame.context;
  }

  get deploymentScope(): TemplateScope {
    return this.frame.deploymentScope;
  }

  get resolver(): ResourceResolver {
    return this.frame.resolver;
  }

  parameter(name: string): Value {
    if (this.functionArgs) {
      const v = this.functionArgs.get(name.toLowerCase());
      if (v === undefined) throw new EvalError(`a user function has no parameter '${name}'`);
      return v;
    }
    return this.frame.parameter(name);
  }

  variable(name: string): Value {
    if (this.functionArgs) throw new EvalError("variables() cannot be used in a user function");
    return this.frame.variable(name);
  }

  variableSource(name: string): { file: string; pointer: string } | undefined {
    return this.functionArgs ? undefined : this.frame.variableSource(name);
  }

  copyIndex(loop: string | undefined): number | Unknown {
    const v = this.copies.get((loop ?? "").toLowerCase());
    if (v === undefined) throw new EvalError(loop ? `copyIndex('${loop}') is outside a loop of that name` : "copyIndex() is outside a copy loop");
    return v;
  }

  lambdaVariable(name: string): Value {
    const v = this.lambdas.get(name.toLowerCase());
    if (v === undefined) throw new EvalError(`lambdaVariables('${name}') is not a parameter of an enclosing lambda`);
    return v;
  }

  userFunction(namespace: string, name: string): UserFunction | undefined {
    return this.frame.userFunction(namespace, name);
  }

  withCopy(loop: string, index: number | Unknown): Scope {
    return new FrameScope(this.frame, new Map([...this.copies, [loop.toLowerCase(), index]]), this.lambdas, this.functionArgs);
  }

  withLambda(vars: ReadonlyMap<string, Value>): Scope {
    return new FrameScope(this.frame, this.copies, new Map([...this.lambdas, ...vars]), this.functionArgs);
  }

  withFunctionArguments(args: ReadonlyMap<string, Value>): Scope {
    return new FrameScope(this.frame, new Map(), new Map(), args);
  }
}
