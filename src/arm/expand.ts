import { DEFAULT_CONTEXT, type DeploymentContext } from "./context.js";
import { ExpansionFault, LimitFault } from "./errors.js";
import { Budget, type EvaluationFailure, type Scope } from "./expressions/env.js";
import { pointerSegment, findKey, getKey, isObject, newObject, type JsonObject, type Value } from "./json.js";
import { DEFAULT_LIMITS, type ExpansionLimits } from "./limits.js";
import { Instance } from "./instance.js";
import type { ExpandedOutput, ExpandedParameter, ExpandedResource, ExpandedTemplate } from "./model.js";
import { readParameterFile, validateParameter } from "./parameters.js";
import { GlobalRegistry, TemplateResolver } from "./resource-registry.js";
import { copyCount, resolveValue } from "./resolve.js";
import { buildResourceId, resourceIdAt, type TemplateScope } from "./resource-id.js";
import { TemplateFrame, isSecureType } from "./scope.js";
import { Unknown, unknownId } from "./unknown.js";
import { fromJson } from "./expressions/functions/collections.js";
import { mergeUnknowns } from "./expressions/values.js";
import { originOf } from "./expressions/derive.js";
import { MAX_QUOTED_EXPRESSION, clipText, preview } from "./preview.js";
import { certainResourceCount } from "./resource-count.js";
import { joinNames, nameSegments } from "./name-segments.js";

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

/** Parts of one template that may fail before the template counts as unreadable as a whole. */
const MAX_ERRORS = 100;

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
 * A part that cannot be expanded (a resource, output, parameter, variable or module) is recorded
 * in `errors` and the rest is expanded all the same; throws `ExpansionFault` only when the
 * template cannot be expanded at all (it is not a template, or a limit of the whole expansion).
 */
export function expandTemplate(file: string, template: JsonObject, options: ExpandOptions = {}): ExpandedTemplate {
  return new Expansion(file, options).run(template);
}

class Expansion {
  readonly result: ExpandedTemplate;
  readonly budget: Budget;
  private readonly registry = new GlobalRegistry();
  /** Resource instances declared so far (copies and nested deployments included). */
  private declared = 0;
  private readonly reported = new Set<EvaluationFailure>();
  private readonly noticed = new Set<string>();

  constructor(
    file: string,
    private readonly options: ExpandOptions,
  ) {
    this.result = { file, resources: [], parameters: [], variables: [], outputs: [], notices: [], errors: [] };
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

    const certain = certainResourceCount(template, this.budget.limits);
    if (certain > this.budget.limits.resources) {
      throw new LimitFault(
        `the template deploys more than ${this.budget.limits.resources} resources (its copy loops and nested deployments make at least ${certain})`,
        "/resources",
      );
    }
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
        p.origin = "parameter-file";
      }
    }
    return this.result;
  }

  notice(level: "warning" | "notice", message: string, file: string, pointer: string): void {
    this.result.notices.push({ level, message, file, pointer });
  }

  /**
   * Runs the expansion of one part of a template; a fault there is recorded as that part's error
   * (at the fault's own place when it has one) and `fallback` stands for the part. Limits of the
   * whole expansion are not caught: carrying on would only exceed them again.
   */
  guard<T>(file: string, pointer: string, expand: () => T, fallback: T): T {
    const from = this.budget.failures.length;
    try {
      return expand();
    } catch (e) {
      if (!(e instanceof ExpansionFault) || e instanceof LimitFault) throw e;
      this.error(e, file, pointer);
      return fallback;
    } finally {
      this.failureNotices(from, file, pointer);
    }
  }

  /**
   * A notice for each expression that failed since `from` (its value became unknown), naming the
   * expression and where it is written, or else the part (`pointer`) being expanded.
   */
  private failureNotices(from: number, file: string, pointer: string): void {
    const failures = this.budget.failures;
    for (let i = from; i < failures.length; i++) {
      const f = failures[i]!;
      if (this.reported.has(f)) continue;
      this.reported.add(f);
      const at = f.pointer ?? pointer;
      const message = `${clipText(f.expression, MAX_QUOTED_EXPRESSION)} cannot be evaluated: ${f.message}; its value is unknown`;
      const key = `${file}|${at}|${message}`;
      if (this.noticed.has(key)) continue;
      this.noticed.add(key);
      this.notice("warning", message, file, at);
    }
  }

  private error(fault: ExpansionFault, file: string, pointer: string): void {
    const at = fault.pointer ?? pointer;
    // A bad variable is reported where it is declared, once, however many parts use it.
    if (this.result.errors.some((e) => e.file === file && e.pointer === at && e.message === fault.message)) return;
    if (this.result.errors.length >= MAX_ERRORS)
      throw new LimitFault(`more than ${MAX_ERRORS} parts of the template cannot be expanded; the last: ${fault.message}`, at);
    this.result.errors.push({ message: fault.message, file, pointer: at });
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
    const declare = (decl: unknown, pointer: string, symbol: string | undefined) =>
      this.guard(frame.file, pointer, () => this.instantiate(decl, pointer, frame, frame.root, undefined, symbol, chain, instances), undefined);
    if (Array.isArray(declared)) {
      declared.forEach((decl, i) => declare(decl, `${frame.pointer}/${resourcesKey}/${i}`, undefined));
    } else if (isObject(declared)) {
      for (const [symbol, decl] of Object.entries(declared)) declare(decl, `${frame.pointer}/${resourcesKey}/${pointerSegment(symbol)}`, symbol);
    } else if (declared !== undefined) {
      throw new ExpansionFault("resources must be an array or an object", `${frame.pointer}/${resourcesKey}`);
    }
    const resources: ExpandedResource[] = [];
    for (const instance of instances) {
      const from = this.budget.failures.length;
      const r = instance.materialize();
      this.failureNotices(from, instance.frame.file, instance.pointer);
      if (instance.fault) this.error(instance.fault, instance.frame.file, instance.pointer);
      if (!r || instance.existing) continue;
      resources.push(r, ...(instance.nested?.resources() ?? []));
    }
    return { resources, outputs: this.outputs(frame, chain) };
  }

  private recordParameters(frame: TemplateFrame, chain: string[]): void {
    const params = getKey(frame.template, "parameters");
    if (!isObject(params) || frame.parameterNames().length === 0) return;
    const key = findKey(frame.template, "parameters")!;
    for (const name of frame.parameterNames()) {
      const pointer = `${frame.pointer}/${key}/${pointerSegment(name)}`;
      this.guard(frame.file, pointer, () => this.recordParameter(frame, chain, name, pointer), undefined);
    }
  }

  private recordParameter(frame: TemplateFrame, chain: string[], name: string, pointer: string): void {
    const decl = frame.declaration(name);
    const type = frame.typeOf(name);
    const value = frame.parameter(name);
    const origin = frame.isSupplied(name) ? (chain.length > 0 ? "module-input" : "argument") : getKey(decl, "defaultValue") !== undefined ? "default" : "none";
    const entry: ExpandedParameter = { name, type, secure: isSecureType(type), value, origin, deployments: chain, file: frame.file, pointer };
    const dflt = getKey(decl, "defaultValue");
    // Without a supplied value the default is the value, already evaluated.
    if (dflt !== undefined) entry.defaultValue = frame.isSupplied(name) ? resolveValue(dflt, frame.root, this.budget) : value;
    this.result.parameters.push(entry);
    for (const problem of validateParameter(name, type, decl, value)) this.notice("warning", problem, frame.file, pointer);
  }

  /** Records every variable with its value: rules look for secrets even in variables nothing uses. */
  private recordVariables(frame: TemplateFrame, chain: string[]): void {
    for (const name of frame.variableNames()) {
      const pointer = frame.variableDeclaration(name);
      this.guard(
        frame.file,
        pointer,
        () => this.result.variables.push({ name, value: frame.variable(name), deployments: chain, file: frame.file, pointer }),
        0,
      );
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
    const provider = extensibilityProvider(decl, type, frame.template);
    if (provider !== undefined) {
      this.notice(
        "notice",
        `${type} is a resource of the Bicep extensibility provider ${provider}, not an ARM resource: it is not judged`,
        frame.file,
        pointer,
      );
      return;
    }
    // A nested entry whose type already names its namespace is taken as written, name included.
    const qualified = isQualifiedType(type);
    const fullType = parent && !qualified ? `${parent.type}/${type}` : type;
    for (const [instanceScope, loopUnknown] of this.copies(decl, pointer, scope)) {
      let condition: true | Unknown | false = loopUnknown ?? true;
      const rawCondition = getKey(decl, "condition");
      if (rawCondition !== undefined) {
        const c = resolveValue(rawCondition, instanceScope, this.budget);
        if (c === false) continue;
        const own =
          c === true ? true : c instanceof Unknown ? c : new Unknown("error", preview(rawCondition as Value), [], undefined, false, "condition is not a bool");
        condition = condition === true ? own : own === true ? condition : mergeUnknowns([condition, own]);
      }
      if (getKey(decl, "existing") !== true) this.chargeResource(pointer);
      const ownName = resolveValue(getKey(decl, "name") ?? null, instanceScope, this.budget);
      const name = parent && !qualified ? joinNames(parent.name, ownName) : ownName;
      const instance = this.identify(decl, pointer, frame, instanceScope, fullType, name, condition, symbol, chain);
      (frame.root.resolver as TemplateResolver).add(instance);
      out.push(instance);
      const children = getKey(decl, "resources");
      const childKey = findKey(decl, "resources") ?? "resources";
      if (Array.isArray(children)) {
        children.forEach((child, i) => {
          const at = `${pointer}/${childKey}/${i}`;
          this.guard(frame.file, at, () => this.instantiate(child, at, frame, instanceScope, instance, undefined, chain, out), undefined);
        });
      }
    }
  }

  /**
   * Counts one resource instance as it is declared, before anything of it is evaluated: nested
   * copy loops and copied deployments multiply, and an instance that later fails still costs its
   * work, so the limit is reached after at most `resources` instances, never after the work.
   */
  private chargeResource(pointer: string): void {
    if (++this.declared > this.budget.limits.resources) {
      throw new LimitFault(`the template deploys more than ${this.budget.limits.resources} resources`, pointer);
    }
  }

  /** The scopes of a declaration's instances; an unknown count gives one instance marked unknown. */
  private copies(decl: JsonObject, pointer: string, scope: Scope): Array<[Scope, Unknown | undefined]> {
    const copy = getKey(decl, "copy");
    if (copy === undefined) return [[scope, undefined]];
    if (!isObject(copy)) throw new ExpansionFault("copy must be an object", `${pointer}/copy`);
    const loopName = getKey(copy, "name");
    const loop = typeof loopName === "string" ? loopName : "";
    const count = copyCount(resolveValue(getKey(copy, "count") ?? null, scope, this.budget), this.budget, `${pointer}/copy/count`);
    if (count instanceof Unknown) {
      const marked = new Unknown(
        count.reason,
        count.expression,
        count.functions,
        count.target,
        count.secret,
        `the copy count is not known: ${count.detail ?? count.expression}`,
      );
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
        const segments = nameSegments(u);
        const namespace = segments[baseCount];
        type = `${typeof namespace === "string" ? namespace : (EXTENSION_NAMESPACES[extType.toLowerCase()] ?? "Unknown.Namespace")}/${extType}`;
        // `concat(parameters('acs'), '/Microsoft.Insights/', 'x')`: the base's names are known as
        // segments, so the scope is the id resourceId(baseType, names...) gives: that resource's.
        const base = segments.length > baseCount + 1 ? segments.slice(0, baseCount) : undefined;
        const origin = base ? originOf("resourceid", [baseType, ...base]) : undefined;
        scopeId =
          base && base.every((n): n is string => typeof n === "string")
            ? this.idOf(ctx, frame.deploymentScope, baseType, base.join("/"))
            : unknownId(u, baseType, origin);
        const own = base ? segments.slice(baseCount + 1) : [];
        if (own.length > 0 && own.every((n): n is string => typeof n === "string")) name = own.join("/");
      }
    } else {
      const rawScope = getKey(decl, "scope");
      if (rawScope !== undefined) scopeId = this.scopeTarget(resolveValue(rawScope, scope, this.budget), ctx, frame);
    }
    let id: Value;
    let parentId: Value | undefined;
    if (name instanceof Unknown) {
      // The origin resourceId(type, segments...) gives: the id written elsewhere is this resource's.
      const segments = nameSegments(name);
      const origin = originOf("resourceid", [type, ...segments]);
      parentId = this.parentIdOf(ctx, frame.deploymentScope, type, segments);
      id = unknownId(name, type, origin);
    } else if (typeof name !== "string") {
      throw new ExpansionFault("a resource name must be a string", `${pointer}/name`);
    } else if (scopeId !== undefined) {
      id = typeof scopeId === "string" ? buildResourceId(scopeId, type, [name]) : extensionId(scopeId, type, name);
    } else {
      id = this.idOf(ctx, frame.deploymentScope, type, name);
    }
    // In a resource group whose name is not known (a module in `rg-${environmentName}`), the id is
    // unknown too: the one Bicep's reference to the module builds, so its outputs are found.
    const group = getKey(decl, "resourceGroup");
    const groupName = group === undefined || scopeId !== undefined || typeof name !== "string" ? undefined : resolveValue(group, scope, this.budget);
    if (groupName instanceof Unknown) id = idInUnknownGroup(ctx.subscriptionId, groupName, type, name as string);
    const instance = new Instance(decl, frame, scope, pointer, type, name, id, scopeId, existing, condition, chain, symbol, ctx, parentId);
    if (type.toLowerCase() === "microsoft.resources/deployments") this.attachNested(instance, chain);
    return instance;
  }

  /**
   * The id of the parent of a child resource whose name is unknown (`{mail}/AzureManagedDomain`),
   * when its segments tell the parent's: known, or unknown with the origin `resourceId` gives it.
   * Rules join a child to its parent by it (a domain to its email service).
   */
  private parentIdOf(ctx: DeploymentContext, scope: TemplateScope, type: string, segments: readonly Value[]): Value | undefined {
    const types = type.split("/");
    if (types.length < 3 || segments.length !== types.length - 1) return undefined;
    const parentType = types.slice(0, -1).join("/");
    const names = segments.slice(0, -1);
    if (names.every((n): n is string => typeof n === "string")) return this.idOf(ctx, scope, parentType, names.join("/"));
    const u = names.find((n): n is Unknown => n instanceof Unknown)!;
    const origin = originOf("resourceid", [parentType, ...names]);
    return unknownId(u, parentType, origin);
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
    for (const [key, field] of [
      ["subscriptionId", "subscriptionId"],
      ["resourceGroup", "resourceGroup"],
    ] as const) {
      const raw = getKey(decl, key);
      if (raw === undefined) continue;
      const v = resolveValue(raw, scope, this.budget);
      if (typeof v === "string") ctx[field] = v;
    }
    return ctx;
  }

  /** A `scope` value: a full id, a relative `Namespace/type/name` path, or a symbolic name. */
  private scopeTarget(v: Value, ctx: DeploymentContext, frame: TemplateFrame): Value {
    if (v instanceof Unknown) {
      // Bicep's `scope: acs` with an unknown name: `format('Microsoft.X/y/{0}', name)` still says the type.
      const type = v.target || !v.facts.prefix ? undefined : typeFromPrefix(v.facts.prefix);
      if (!type) return v;
      const same = (frame.root.resolver as TemplateResolver).scopedBy(v, type.toLowerCase());
      return same ? same.id : new Unknown(v.reason, v.expression, v.functions, { type: type.toLowerCase() }, v.secret, v.detail, v.facts);
    }
    if (typeof v !== "string") return v;
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
    // The attached function runs later, from the instance; it needs this expansion, not the instance.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
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
        // ARM expands property copy loops here as in resource properties: AVM passes
        // `{ "copy": [{ "name": "value", ... }] }` to build a parameter's array value.
        const paramsKey = findKey(props, "parameters") ?? "parameters";
        const provenance = { rel: "/properties/parameters", abs: `${instance.pointer}/${propsKey}/${pointerSegment(paramsKey)}` };
        const resolveParameters = () => resolveValue(props[paramsKey] ?? null, instance.scope, expansion.budget, { propertyCopy: true, provenance });
        const params = expansion.guard(instance.frame.file, instance.pointer, resolveParameters, null);
        resolvedParameters = isObject(params) ? params : newObject();
        if (isObject(params)) {
          for (const [k, entry] of Object.entries(params)) {
            // (keys read without case, as ARM reads them: `"Value": false` is the value)
            const valueKey = isObject(entry) ? findKey(entry, "value") : undefined;
            if (valueKey !== undefined) supplied.set(k.toLowerCase(), (entry as JsonObject)[valueKey]!);
            else if (isObject(entry) && isObject(getKey(entry, "reference"))) {
              supplied.set(
                k.toLowerCase(),
                new Unknown("secret", `Key Vault secret for ${k}`, [], { type: "microsoft.keyvault/vaults" }, true, `parameter ${k} is a Key Vault reference`),
              );
            }
          }
        } else if (params instanceof Unknown) {
          expansion.notice(
            "warning",
            `the parameters of deployment ${name} are not known: ${params.detail ?? params.expression}`,
            instance.frame.file,
            `${instance.pointer}/${propsKey}`,
          );
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
      const fallback = { resources: [], outputs: new Unknown("error", name, [], undefined, false, `deployment ${name} could not be expanded`) };
      expanded = expansion.guard(instance.frame.file, instance.pointer, () => expansion.expandFrame(frame, [...chain, name], chain.length + 1), fallback);
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
    // Bicep writes a module built from a JSON file as "template": "[variables('$fxv#0')]", the
    // template an (escaped) object in that variable: the template is that variable's value.
    if (typeof inline === "string") {
      const value = resolveValue(inline, instance.scope, this.budget);
      const variable = VARIABLE_REFERENCE.exec(inline)?.[1];
      const pointer = variable === undefined ? `${propsPointer}/${inlineKey}` : instance.frame.variableDeclaration(variable);
      if (isObject(value)) return { template: value, file: instance.frame.file, pointer };
    }
    const link = resolveValue(getKey(props, "templateLink") ?? null, instance.scope, this.budget);
    const relative = isObject(link) ? getKey(link, "relativePath") : undefined;
    if (typeof relative === "string" && this.options.loadLinkedTemplate) {
      const linked = this.options.loadLinkedTemplate(instance.frame.file, relative);
      if (linked && isObject(linked.value)) return { template: linked.value as JsonObject, file: linked.file, pointer: "" };
    }
    const describe = isObject(link) ? describeLink(getKey(link, "uri") ?? getKey(link, "id") ?? relative) : describeLink(link);
    this.notice(
      "notice",
      `linked template ${describe} is not analysed (only relativePath links inside the scanned tree are followed)`,
      instance.frame.file,
      propsPointer,
    );
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
      this.guard(frame.file, pointer, () => this.output(frame, chain, name, decl, pointer, result), undefined);
    }
    return result;
  }

  /** Evaluates one output (condition, copy), records it and adds it to `result`. */
  private output(frame: TemplateFrame, chain: string[], name: string, decl: JsonObject, pointer: string, result: JsonObject): void {
    const rawCondition = getKey(decl, "condition");
    if (rawCondition !== undefined && resolveValue(rawCondition, frame.root, this.budget) === false) return;
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
}

/**
 * The type of the resource a string starting with `prefix` designates, when the prefix ends just
 * before its last name: `Microsoft.X/y/` (a relative path) or `/subscriptions/.../providers/Microsoft.X/y/`.
 */
function typeFromPrefix(prefix: string): string | undefined {
  const at = prefix.toLowerCase().lastIndexOf("/providers/");
  const path = at >= 0 ? prefix.slice(at + "/providers/".length) : prefix.startsWith("/") ? "" : prefix;
  const segments = path.split("/");
  if (segments.pop() !== "" || segments.length < 2 || segments.length % 2 !== 0 || !segments[0]!.includes(".")) return undefined;
  return [segments[0]!, ...segments.filter((_, i) => i % 2 === 1)].join("/");
}

/**
 * The id of an extension resource (a diagnostic setting) on a scope not known before deployment:
 * unknown, of its own type, never the scope's id (the setting is not the resource it extends).
 */
function extensionId(scope: Value, type: string, name: string): Unknown {
  const u = scope instanceof Unknown ? scope : new Unknown("error", preview(scope), [], undefined, false, "a resource scope is not a string");
  return unknownId(u, type, originOf("extensionresourceid", [scope, type, name]));
}

/**
 * The id of a resource in a resource group not known before deployment, with the origin of
 * `extensionResourceId(format('/subscriptions/{0}/resourceGroups/{1}', subscription().subscriptionId, group), type, name)`.
 */
function idInUnknownGroup(subscriptionId: string, group: Unknown, type: string, name: string): Unknown {
  const scopeOrigin = originOf("format", ["/subscriptions/{0}/resourceGroups/{1}", subscriptionId, group]);
  const scope = unknownId(group, undefined, scopeOrigin);
  return unknownId(group, type, scopeOrigin === undefined ? undefined : originOf("extensionresourceid", [scope, type, name]));
}

/** `[variables('name')]`, the whole expression: its name. */
const VARIABLE_REFERENCE = /^\[\s*variables\(\s*'([^']+)'\s*\)\s*\]$/i;

/** True for a type that starts with a namespace (`Microsoft.Web/sites/config`), not a child's own segment. */
function isQualifiedType(type: string): boolean {
  const slash = type.indexOf("/");
  return slash > 0 && type.slice(0, slash).includes(".");
}

/**
 * The extensibility provider of a Bicep resource that is not an ARM resource (Microsoft Graph,
 * Kubernetes): languageVersion 2.0 marks it with `import` or `extension`, and its type carries
 * `@version`, which no ARM type does. The `az` extension (AzureResourceManager) is ARM itself:
 * its resources are judged like any other.
 */
function extensibilityProvider(decl: JsonObject, type: string, template: JsonObject): string | undefined {
  const marker = getKey(decl, "import") ?? getKey(decl, "extension");
  if (typeof marker === "string") return isArmExtension(marker, template) ? undefined : marker;
  return type.includes("@") ? type.slice(0, type.indexOf("/")) || type : undefined;
}

/** True when a template's extension (or import) alias names AzureResourceManager, or is an undeclared `az`. */
function isArmExtension(alias: string, template: JsonObject): boolean {
  const declared = [getKey(template, "extensions"), getKey(template, "imports")]
    .map((table) => (isObject(table) ? getKey(table, alias) : undefined))
    .find(isObject);
  if (!declared) return alias.toLowerCase() === "az";
  const name = getKey(declared, "name") ?? getKey(declared, "provider");
  return typeof name === "string" && name.toLowerCase() === "azureresourcemanager";
}

/** A linked template's `uri`, `id` or `relativePath` for messages; an unknown one by its expression. */
function describeLink(v: Value | undefined): string {
  if (typeof v === "string") return v;
  if (v instanceof Unknown) return v.shape();
  return v === undefined || v === null ? "?" : preview(v);
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
