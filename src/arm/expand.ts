import { DEFAULT_CONTEXT, type DeploymentContext } from "./context.js";
import { ExpansionFault } from "./errors.js";
import { Budget, type Scope } from "./expressions/env.js";
import { pointerSegment, findKey, getKey, isObject, newObject, type JsonObject, type Value } from "./json.js";
import { DEFAULT_LIMITS, type ExpansionLimits } from "./limits.js";
import { Instance } from "./instance.js";
import type { ExpandedOutput, ExpandedParameter, ExpandedResource, ExpandedTemplate } from "./model.js";
import { readParameterFile, validateParameter } from "./parameters.js";
import { GlobalRegistry, TemplateResolver } from "./registry.js";
import { copyCount, resolveValue } from "./resolve.js";
import { buildResourceId, resourceIdAt, type TemplateScope } from "./resource-id.js";
import { TemplateFrame, isSecureType } from "./scope.js";
import { Unknown } from "./unknown.js";
import { fromJson } from "./expressions/functions/collections.js";
import { mergeUnknowns } from "./expressions/values.js";
import { preview } from "./preview.js";

/** A template a nested deployment links to by `relativePath`, read by the caller. */
export interface LinkedTemplate {
  file: string;
  value: unknown;
}

/** Options of one expansion. */
export interface ExpandOptions {
  /** Deployment context values (`subscription()`, `resourceGroup()`, ...); placeholders otherwise. */
  context?: Partial<DeploymentContext>;
  /** A parameter file (`deploymentParameters`) for the template, already parsed. */
  parameterFile?: { file: string; value: unknown };
  /** Parameter values given by the caller, by name; like parameter-file values, taken literally. */
  parameters?: Readonly<Record<string, unknown>>;
  limits?: Partial<ExpansionLimits>;
  /**
   * Reads a template linked by `templateLink.relativePath` from `fromFile`; returns undefined when
   * it is not available (outside the scanned tree). Nothing is ever fetched over the network.
   */
  loadLinkedTemplate?: (fromFile: string, relativePath: string) => LinkedTemplate | undefined;
}

/** Namespaces of extension types written without one (the `.../providers/<type>` name form). */
const EXTENSION_NAMESPACES: Record<string, string> = {
  diagnosticsettings: "Microsoft.Insights",
  roleassignments: "Microsoft.Authorization",
  locks: "Microsoft.Authorization",
};

/**
 * Expands a parsed template into the resources ARM would deploy: parameters and variables
 * evaluated, copy loops and conditions applied per instance, child and extension resources
 * flattened, nested deployments expanded, every value resolved or an explicit `Unknown`.
 * Throws `ExpansionFault` when the template cannot be expanded at all.
 */
export function expandTemplate(file: string, template: JsonObject, options: ExpandOptions = {}): ExpandedTemplate {
  return new Expansion(file, options).run(template);
}

class Expansion {
  readonly result: ExpandedTemplate;
  readonly budget: Budget;
  private readonly registry = new GlobalRegistry();
  private emitted = 0;

  constructor(
    file: string,
    private readonly options: ExpandOptions,
  ) {
    this.result = { file, resources: [], parameters: [], variables: [], outputs: [], notices: [] };
    this.budget = new Budget({ ...DEFAULT_LIMITS, ...options.limits });
  }

  run(template: JsonObject): ExpandedTemplate {
    const supplied = new Map<string, Value>();
    if (this.options.parameters) {
      for (const [k, v] of Object.entries(this.options.parameters)) supplied.set(k.toLowerCase(), fromJson(v));
    }
    const pfile = this.options.parameterFile;
    const fromFile = pfile ? readParameterFile(pfile.value) : undefined;
    for (const [k, v] of fromFile?.values ?? []) supplied.set(k, v);
    for (const p of fromFile?.problems ?? []) this.notice("warning", p.message, pfile!.file, `/parameters/${pointerSegment(p.name)}`);

    const ctx = { ...DEFAULT_CONTEXT, ...this.options.context };
    const frame = this.frame(template, this.result.file, "", ctx, scopeOf(template), supplied, undefined, ctx.deploymentName);
    const declared = new Set(frame.parameterNames().map((n) => n.toLowerCase()));
    for (const [lower, name] of fromFile?.names ?? []) {
      if (!declared.has(lower)) this.notice("warning", `parameter ${name} is not declared by the template`, pfile!.file, `/parameters/${pointerSegment(name)}`);
    }
    for (const name of Object.keys(this.options.parameters ?? {})) {
      if (!declared.has(name.toLowerCase())) this.notice("warning", `parameter ${name} is not declared by the template`, this.result.file, "/parameters");
    }
    const { resources } = this.expandFrame(frame, [], 0);
    this.result.resources = resources;
    for (const p of this.result.parameters) {
      if (p.deployments.length === 0 && pfile && fromFile?.values.has(p.name.toLowerCase())) {
        p.valueSource = { file: pfile.file, pointer: `/parameters/${pointerSegment(fromFile.names.get(p.name.toLowerCase())!)}/value` };
      }
    }
    return this.result;
  }

  notice(level: "warning" | "notice", message: string, file: string, pointer: string): void {
    this.result.notices.push({ level, message, file, pointer });
  }

  private frame(
    template: JsonObject,
    file: string,
    pointer: string,
    ctx: DeploymentContext,
    scope: TemplateScope,
    supplied: ReadonlyMap<string, Value>,
    outer: TemplateFrame | undefined,
    deploymentName: string,
  ): TemplateFrame {
    const resolver = new TemplateResolver(this.registry, { name: deploymentName, template });
    return new TemplateFrame(template, file, pointer, ctx, scope, this.budget, resolver, supplied, outer);
  }

  /** Expands one template: its parameters (recorded and checked), resources and outputs. */
  expandFrame(frame: TemplateFrame, chain: string[], depth: number): { resources: ExpandedResource[]; outputs: Value } {
    if (depth > this.budget.limits.deploymentDepth) {
      throw new ExpansionFault(`deployments nest deeper than ${this.budget.limits.deploymentDepth} levels`, frame.pointer);
    }
    this.recordParameters(frame, chain);
    this.recordVariables(frame, chain);
    const instances: Instance[] = [];
    const declared = getKey(frame.template, "resources");
    const resourcesKey = findKey(frame.template, "resources") ?? "resources";
    if (Array.isArray(declared)) {
      declared.forEach((decl, i) => this.instantiate(decl, `${frame.pointer}/${resourcesKey}/${i}`, frame, frame.root, undefined, undefined, chain, instances));
    } else if (isObject(declared)) {
      for (const [symbol, decl] of Object.entries(declared)) {
        this.instantiate(decl, `${frame.pointer}/${resourcesKey}/${pointerSegment(symbol)}`, frame, frame.root, undefined, symbol, chain, instances);
      }
    } else if (declared !== undefined) {
      throw new ExpansionFault("resources must be an array or an object", `${frame.pointer}/${resourcesKey}`);
    }
    const resources: ExpandedResource[] = [];
    for (const instance of instances) {
      const r = instance.materialize();
      if (!r || instance.existing) continue;
      if (++this.emitted > this.budget.limits.resources) {
        throw new ExpansionFault(`the template deploys more than ${this.budget.limits.resources} resources`, instance.pointer);
      }
      resources.push(r, ...(instance.nested?.resources() ?? []));
    }
    return { resources, outputs: this.outputs(frame, chain) };
  }

  private recordParameters(frame: TemplateFrame, chain: string[]): void {
    const params = getKey(frame.template, "parameters");
    if (!isObject(params) || frame.parameterNames().length === 0) return;
    const key = findKey(frame.template, "parameters")!;
    for (const name of frame.parameterNames()) {
      const decl = frame.declaration(name);
      const type = frame.typeOf(name);
      const value = frame.parameter(name);
      const pointer = `${frame.pointer}/${key}/${pointerSegment(name)}`;
      const entry: ExpandedParameter = { name, type, secure: isSecureType(type), value, deployments: chain, file: frame.file, pointer };
      const dflt = getKey(decl, "defaultValue");
      // Without a supplied value the default is the value, already evaluated.
      if (dflt !== undefined) entry.defaultValue = frame.isSupplied(name) ? resolveValue(dflt, frame.root, this.budget) : value;
      this.result.parameters.push(entry);
      for (const problem of validateParameter(name, type, decl, value)) this.notice("warning", problem, frame.file, pointer);
    }
  }

  /** Records every variable with its value: rules look for secrets even in variables nothing uses. */
  private recordVariables(frame: TemplateFrame, chain: string[]): void {
    for (const name of frame.variableNames()) {
      this.result.variables.push({ name, value: frame.variable(name), deployments: chain, file: frame.file, pointer: frame.variableDeclaration(name) });
    }
  }

  /** Registers every instance of a declaration (copy loop, condition), then its children. */
  private instantiate(
    raw: unknown,
    pointer: string,
    frame: TemplateFrame,
    scope: Scope,
    parent: Instance | undefined,
    symbol: string | undefined,
    chain: string[],
    out: Instance[],
  ): void {
    if (!isObject(raw)) throw new ExpansionFault("a resource must be an object", pointer);
    const decl = raw;
    const type = getKey(decl, "type");
    if (typeof type !== "string" || type === "") throw new ExpansionFault("a resource needs a literal type", pointer);
    const fullType = parent ? `${parent.type}/${type}` : type;
    for (const [instanceScope, loopUnknown] of this.copies(decl, pointer, scope)) {
      let condition: true | Unknown | false = loopUnknown ?? true;
      const rawCondition = getKey(decl, "condition");
      if (rawCondition !== undefined) {
        const c = resolveValue(rawCondition, instanceScope, this.budget);
        if (c === false) continue;
        const own = c === true ? true : c instanceof Unknown ? c : new Unknown("error", preview(rawCondition as Value), [], undefined, false, "condition is not a bool");
        condition = condition === true ? own : own === true ? condition : mergeUnknowns([condition, own]);
      }
      const ownName = resolveValue(getKey(decl, "name") ?? null, instanceScope, this.budget);
      const name = parent ? joinNames(parent.name, ownName) : ownName;
      const instance = this.identify(decl, pointer, frame, instanceScope, fullType, name, condition, symbol, chain);
      (frame.root.resolver as TemplateResolver).add(instance);
      out.push(instance);
      const children = getKey(decl, "resources");
      const childKey = findKey(decl, "resources") ?? "resources";
      if (Array.isArray(children)) {
        children.forEach((child, i) => this.instantiate(child, `${pointer}/${childKey}/${i}`, frame, instanceScope, instance, undefined, chain, out));
      }
    }
  }

  /** The scopes of a declaration's instances; an unknown count gives one instance marked unknown. */
  private copies(decl: JsonObject, pointer: string, scope: Scope): Array<[Scope, Unknown | undefined]> {
    const copy = getKey(decl, "copy");
    if (copy === undefined) return [[scope, undefined]];
    if (!isObject(copy)) throw new ExpansionFault("copy must be an object", `${pointer}/copy`);
    const loop = typeof copy["name"] === "string" ? copy["name"] : "";
    const count = copyCount(resolveValue(getKey(copy, "count") ?? null, scope, this.budget), this.budget, `${pointer}/copy/count`);
    if (count instanceof Unknown) {
      const marked = new Unknown(count.reason, count.expression, count.functions, count.target, count.secret, `the copy count is not known: ${count.detail ?? count.expression}`);
      return [[scope.withCopy(loop, marked).withCopy("", marked), marked]];
    }
    return Array.from({ length: count }, (_, i) => [scope.withCopy(loop, i).withCopy("", i), undefined]);
  }

  /** Works out an instance's real type, name, id and scope, including the extension forms. */
  private identify(
    decl: JsonObject,
    pointer: string,
    frame: TemplateFrame,
    scope: Scope,
    fullType: string,
    fullName: Value,
    condition: true | Unknown,
    symbol: string | undefined,
    chain: string[],
  ): Instance {
    const ctx = this.targetContext(decl, frame, scope);
    const existing = getKey(decl, "existing") === true;
    let type = fullType;
    let name = fullName;
    let scopeId: Value | undefined;
    const typeParts = fullType.split("/");
    const providersAt = typeParts.findIndex((p, i) => i > 0 && p.toLowerCase() === "providers");
    if (providersAt > 0) {
      // `<base type>/providers/<ext type>` named `<base names>/<ext namespace>/<ext names>`.
      const baseType = typeParts.slice(0, providersAt).join("/");
      const extType = typeParts.slice(providersAt + 1).join("/");
      const baseCount = providersAt - 1;
      if (typeof fullName === "string") {
        const names = fullName.split("/");
        type = `${names[baseCount] ?? ""}/${extType}`;
        name = names.slice(baseCount + 1).join("/");
        scopeId = this.idOf(ctx, frame.deploymentScope, baseType, names.slice(0, baseCount).join("/"));
      } else {
        const u = fullName as Unknown;
        type = `${EXTENSION_NAMESPACES[extType.toLowerCase()] ?? "Unknown.Namespace"}/${extType}`;
        scopeId = new Unknown(u.reason, u.expression, u.functions, { type: baseType.toLowerCase() }, u.secret, u.detail);
      }
    } else {
      const rawScope = getKey(decl, "scope");
      if (rawScope !== undefined) scopeId = this.scopeTarget(resolveValue(rawScope, scope, this.budget), ctx, frame);
    }
    let id: Value;
    if (name instanceof Unknown) {
      id = new Unknown(name.reason, name.expression, name.functions, { type: type.toLowerCase() }, name.secret, name.detail);
    } else if (typeof name !== "string") {
      throw new ExpansionFault("a resource name must be a string", `${pointer}/name`);
    } else if (scopeId !== undefined) {
      id = typeof scopeId === "string" ? buildResourceId(scopeId, type, [name]) : scopeId;
    } else {
      id = this.idOf(ctx, frame.deploymentScope, type, name);
    }
    const instance = new Instance(decl, frame, scope, pointer, type, name, id, scopeId, existing, condition, chain, symbol, ctx);
    if (type.toLowerCase() === "microsoft.resources/deployments") this.attachNested(instance, chain);
    return instance;
  }

  private idOf(ctx: DeploymentContext, scope: TemplateScope, type: string, name: string): string {
    try {
      return resourceIdAt(ctx, scope, type, name);
    } catch (e) {
      throw new ExpansionFault((e as Error).message);
    }
  }

  /** The context a resource is deployed in: its own `subscriptionId` / `resourceGroup` override the template's. */
  private targetContext(decl: JsonObject, frame: TemplateFrame, scope: Scope): DeploymentContext {
    const ctx = { ...frame.context };
    for (const [key, field] of [["subscriptionId", "subscriptionId"], ["resourceGroup", "resourceGroup"]] as const) {
      const raw = getKey(decl, key);
      if (raw === undefined) continue;
      const v = resolveValue(raw, scope, this.budget);
      if (typeof v === "string") ctx[field] = v;
    }
    return ctx;
  }

  /** A `scope` value: a full id, a relative `Namespace/type/name` path, or a symbolic name. */
  private scopeTarget(v: Value, ctx: DeploymentContext, frame: TemplateFrame): Value {
    if (v instanceof Unknown || typeof v !== "string") return v;
    if (v.startsWith("/")) return v;
    const symbol = (frame.root.resolver as TemplateResolver).lookup(v);
    if (symbol && !v.includes("/")) return symbol.id;
    const [namespace, ...rest] = v.split("/");
    const types = rest.filter((_, i) => i % 2 === 0);
    const names = rest.filter((_, i) => i % 2 === 1);
    if (!namespace || types.length === 0 || types.length !== names.length) return v;
    return this.idOf(ctx, frame.deploymentScope, [namespace, ...types].join("/"), names.join("/"));
  }

  /** Makes a deployment instance expand its template (inline, or a local relativePath link). */
  private attachNested(instance: Instance, chain: string[]): void {
    const expansion = this;
    const decl = instance.decl;
    const propsKey = findKey(decl, "properties");
    const props = propsKey === undefined ? undefined : decl[propsKey];
    const name = typeof instance.name === "string" ? instance.name : (instance.name as Unknown).expression;
    let expanded: { resources: ExpandedResource[]; outputs: Value } | undefined;
    let resolvedParameters: Value = newObject();
    const expand = () => {
      if (expanded) return expanded;
      expanded = { resources: [], outputs: newObject() };
      if (!isObject(props)) return expanded;
      const source = expansion.nestedTemplate(instance, props, `${instance.pointer}/${propsKey}`);
      if (!source) {
        expanded.outputs = new Unknown("linked-template", name, [], undefined, false, `deployment ${name} links a template the scanner does not read`);
        return expanded;
      }
      const options = getKey(props, "expressionEvaluationOptions");
      const inner = isObject(options) && String(getKey(options, "scope") ?? "").toLowerCase() === "inner";
      const supplied = new Map<string, Value>();
      if (inner) {
        const params = resolveValue(getKey(props, "parameters") ?? null, instance.scope, expansion.budget);
        resolvedParameters = isObject(params) ? params : newObject();
        if (isObject(params)) {
          for (const [k, entry] of Object.entries(params)) {
            if (isObject(entry) && "value" in entry) supplied.set(k.toLowerCase(), entry["value"]!);
            else if (isObject(entry) && isObject(entry["reference"])) {
              supplied.set(k.toLowerCase(), new Unknown("secret", `Key Vault secret for ${k}`, [], { type: "microsoft.keyvault/vaults" }, true, `parameter ${k} is a Key Vault reference`));
            }
          }
        } else if (params instanceof Unknown) {
          expansion.notice("warning", `the parameters of deployment ${name} are not known: ${params.detail ?? params.expression}`, instance.frame.file, `${instance.pointer}/${propsKey}`);
        }
      }
      const frame = expansion.frame(
        source.template,
        source.file,
        source.pointer,
        instance.context,
        scopeOf(source.template, instance),
        supplied,
        inner ? undefined : instance.frame,
        name,
      );
      expanded = expansion.expandFrame(frame, [...chain, name], chain.length + 1);
      return expanded;
    };
    instance.nested = {
      outputs: () => expand().outputs,
      resources: () => expand().resources,
      properties: () => {
        expand();
        const out = newObject();
        if (!isObject(props)) return out;
        for (const key of ["mode", "expressionEvaluationOptions", "templateLink"]) {
          const v = getKey(props, key);
          if (v !== undefined && v !== null) out[key] = resolveValue(v, instance.scope, expansion.budget);
        }
        out["parameters"] = resolvedParameters;
        return out;
      },
    };
  }

  /** The template a deployment runs: inline, or linked by a relativePath the caller can read. */
  private nestedTemplate(instance: Instance, props: JsonObject, propsPointer: string): { template: JsonObject; file: string; pointer: string } | undefined {
    const inlineKey = findKey(props, "template");
    const inline = inlineKey === undefined ? undefined : props[inlineKey];
    if (isObject(inline)) return { template: inline, file: instance.frame.file, pointer: `${propsPointer}/${inlineKey}` };
    const link = resolveValue(getKey(props, "templateLink") ?? null, instance.scope, this.budget);
    const relative = isObject(link) ? getKey(link, "relativePath") : undefined;
    const describe = isObject(link) ? String(getKey(link, "uri") ?? getKey(link, "id") ?? relative ?? "?") : "?";
    if (typeof relative === "string" && this.options.loadLinkedTemplate) {
      const linked = this.options.loadLinkedTemplate(instance.frame.file, relative);
      if (linked && isObject(linked.value)) return { template: linked.value as JsonObject, file: linked.file, pointer: "" };
    }
    this.notice("notice", `linked template ${describe} is not analysed (only relativePath links inside the scanned tree are followed)`, instance.frame.file, propsPointer);
    return undefined;
  }

  /** Evaluates a template's outputs (condition, copy) and records them. */
  private outputs(frame: TemplateFrame, chain: string[]): Value {
    const result = newObject();
    const declared = getKey(frame.template, "outputs");
    if (!isObject(declared)) return result;
    const key = findKey(frame.template, "outputs")!;
    for (const [name, decl] of Object.entries(declared)) {
      if (!isObject(decl)) continue;
      const pointer = `${frame.pointer}/${key}/${pointerSegment(name)}`;
      const rawCondition = getKey(decl, "condition");
      if (rawCondition !== undefined && resolveValue(rawCondition, frame.root, this.budget) === false) continue;
      const type = String(getKey(decl, "type") ?? "").toLowerCase();
      let value: Value;
      const copy = getKey(decl, "copy");
      if (isObject(copy)) {
        const count = copyCount(resolveValue(getKey(copy, "count") ?? null, frame.root, this.budget), this.budget, `${pointer}/copy/count`);
        value =
          count instanceof Unknown
            ? count
            : Array.from({ length: count }, (_, i) => resolveValue(getKey(copy, "input") ?? null, frame.root.withCopy("", i), this.budget));
      } else {
        value = resolveValue(getKey(decl, "value") ?? null, frame.root, this.budget);
      }
      const output: ExpandedOutput = { name, type, secure: isSecureType(type), value, deployments: chain, file: frame.file, pointer };
      this.result.outputs.push(output);
      const entry = newObject();
      entry["type"] = type;
      entry["value"] = value;
      result[name] = entry;
    }
    return result;
  }
}

function joinNames(parent: Value, child: Value): Value {
  if (typeof parent === "string" && typeof child === "string") return `${parent}/${child}`;
  const unknowns = [parent, child].filter((v): v is Unknown => v instanceof Unknown);
  return unknowns.length > 0 ? mergeUnknowns(unknowns) : new Unknown("error", "name", [], undefined, false, "a resource name is not a string");
}

/** The deployment scope of a template, from its `$schema`; a nested deployment into a resource group is one. */
function scopeOf(template: JsonObject, deployment?: Instance): TemplateScope {
  const schema = getKey(template, "$schema");
  const file = typeof schema === "string" ? schema.replace(/#$/, "").split("/").pop()?.toLowerCase() : undefined;
  const byFile: Record<string, TemplateScope> = {
    "subscriptiondeploymenttemplate.json": "subscription",
    "managementgroupdeploymenttemplate.json": "managementGroup",
    "tenantdeploymenttemplate.json": "tenant",
  };
  if (deployment && getKey(deployment.decl, "resourceGroup") !== undefined) return "resourceGroup";
  return (file && byFile[file]) || "resourceGroup";
}

