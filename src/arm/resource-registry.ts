import { EvalError } from "./errors.js";
import { RUNTIME_REST } from "./expressions/evaluate.js";
import type { Env, ResourceResolver } from "./expressions/env.js";
import { fromJson } from "./expressions/functions/collections.js";
import { isObject, newObject, type JsonObject, type Value } from "./json.js";
import { declaredObject, type Instance } from "./instance.js";
import { parseResourceId } from "./resource-id.js";
import { originOf } from "./expressions/derive.js";
import { Unknown, type UnknownTarget } from "./unknown.js";

/** Resource instances of every template in one expansion, found by full id. */
export class GlobalRegistry {
  private readonly byId = new Map<string, Instance>();

  add(instance: Instance): void {
    if (typeof instance.id === "string" && !this.byId.has(instance.id.toLowerCase())) this.byId.set(instance.id.toLowerCase(), instance);
  }

  get(id: string): Instance | undefined {
    return this.byId.get(id.toLowerCase());
  }
}

/** What `deployment()` returns for a template. */
export interface DeploymentInfo {
  name: string;
  template: JsonObject;
}

/**
 * Resolves resource functions for one template: symbolic names, bare resource names (resources
 * this template declares) and full ids (resources any template in the expansion declares).
 */
export class TemplateResolver implements ResourceResolver {
  private readonly byName = new Map<string, Instance>();
  private readonly bySymbol = new Map<string, Instance[]>();
  /** Resources whose name or id is unknown, by the origin of that unknown. */
  private readonly byOrigin = new Map<string, Instance>();
  /** Resources whose name is unknown, by the origin of Bicep's `scope: x` for them (`format('<type>/{0}', name)`). */
  private readonly byScopeOrigin = new Map<string, Instance>();

  constructor(
    private readonly global: GlobalRegistry,
    private readonly info: DeploymentInfo,
  ) {}

  add(instance: Instance): void {
    this.global.add(instance);
    if (typeof instance.name === "string" && !this.byName.has(instance.name.toLowerCase())) this.byName.set(instance.name.toLowerCase(), instance);
    for (const v of [instance.name, instance.id]) {
      const origin = v instanceof Unknown ? v.facts.origin : undefined;
      if (origin !== undefined && !this.byOrigin.has(origin)) this.byOrigin.set(origin, instance);
    }
    const scopeOrigin = instance.name instanceof Unknown ? originOf("format", [`${instance.type}/{0}`, instance.name]) : undefined;
    if (scopeOrigin !== undefined && !this.byScopeOrigin.has(scopeOrigin)) this.byScopeOrigin.set(scopeOrigin, instance);
    if (instance.symbolicName !== undefined) {
      const list = this.bySymbol.get(instance.symbolicName.toLowerCase()) ?? [];
      list.push(instance);
      this.bySymbol.set(instance.symbolicName.toLowerCase(), list);
    }
  }

  lookup(target: string): Instance | undefined {
    const indexed = /^(.+)\[(\d+)\]$/.exec(target);
    if (indexed) return this.bySymbol.get(indexed[1]!.toLowerCase())?.[Number(indexed[2])];
    const symbol = this.bySymbol.get(target.toLowerCase());
    if (symbol) return symbol[0];
    if (target.startsWith("/")) return this.global.get(target);
    return this.byName.get(target.toLowerCase());
  }

  /**
   * The resource a `scope` of unknown name designates, as Bicep writes `scope: acs`:
   * `format('<type>/{0}', <the same unknown as the resource's name>)`.
   */
  scopedBy(scope: Unknown, typeLower: string): Instance | undefined {
    const instance = scope.facts.origin === undefined ? undefined : this.byScopeOrigin.get(scope.facts.origin);
    return instance?.typeLower === typeLower ? instance : undefined;
  }

  /** The resource an unknown name or id designates: the one whose name or id is the same unknown. */
  private lookupUnknown(target: Unknown): Instance | undefined {
    return target.facts.origin === undefined ? undefined : this.byOrigin.get(target.facts.origin);
  }

  reference(target: Value, full: boolean, env: Env): Value {
    const same = target instanceof Unknown ? this.lookupUnknown(target) : undefined;
    if (same) return referenceTo(same, full, env);
    if (target instanceof Unknown) {
      return new Unknown("runtime-function", env.text, [...target.functions, "reference"], target.target, target.secret, target.detail);
    }
    if (typeof target !== "string") throw new EvalError("reference: the target must be a resource id, name or symbolic name");
    const instance = this.lookup(target);
    if (!instance) {
      return new Unknown("runtime-function", env.text, ["reference"], targetOf(target), false, `${target} is not declared in this template`);
    }
    return referenceTo(instance, full, env);
  }

  references(symbol: string, full: boolean, env: Env): Value {
    const instances = this.bySymbol.get(symbol.toLowerCase());
    if (!instances) throw new EvalError(`references: '${symbol}' is not a symbolic name of this template`);
    return instances.map((i) => referenceTo(i, full, env));
  }

  list(functionName: string, target: Value, env: Env): Unknown {
    let functions = [functionName];
    let info: UnknownTarget | undefined;
    if (target instanceof Unknown) {
      functions = [...target.functions, functionName];
      const same = this.lookupUnknown(target);
      info = same ? instanceTarget(same) : target.target;
    } else if (typeof target === "string") {
      const instance = this.lookup(target);
      info = instance ? instanceTarget(instance) : targetOf(target);
    }
    return new Unknown("runtime-function", env.text, functions, info, true, `${functionName}() returns secrets at deployment`);
  }

  deployment(): Value {
    return fromJson({
      name: this.info.name,
      properties: {
        template: { contentVersion: this.info.template["contentVersion"] ?? "1.0.0.0", metadata: this.info.template["metadata"] ?? {} },
        parameters: {},
        mode: "Incremental",
        provisioningState: "Accepted",
      },
    });
  }
}

function instanceTarget(instance: Instance): UnknownTarget {
  return typeof instance.id === "string" ? { type: instance.typeLower, id: instance.id } : { type: instance.typeLower };
}

function targetOf(idOrName: string): UnknownTarget | undefined {
  const parsed = idOrName.startsWith("/") ? parseResourceId(idOrName) : undefined;
  return parsed ? { type: parsed.type.toLowerCase(), id: idOrName } : undefined;
}

/** A declared resource's values, with whatever it does not declare unknown until deployment. */
function referenceTo(instance: Instance, full: boolean, env: Env): Value {
  const target = instanceTarget(instance);
  const runtime = (what: string) => (key: string) =>
    new Unknown(
      "runtime-function",
      env.text,
      ["reference"],
      target,
      false,
      `${what}${key} of ${instance.id instanceof Unknown ? instance.type : instance.id} is known only after deployment`,
    );
  if (instance.nested) {
    const outputs = instance.nested.outputs();
    const out = newObject();
    if (full) {
      const properties = newObject();
      properties["outputs"] = outputs;
      out["properties"] = layer(properties, runtime("properties."));
    } else {
      out["outputs"] = outputs;
    }
    return layer(out, runtime(""));
  }
  const declared = declaredObject(instance, full);
  if (declared === undefined) {
    const why = instance.fault ? `the resource could not be expanded: ${instance.fault.message}` : "circular reference between resources";
    return new Unknown("error", env.text, ["reference"], target, false, why);
  }
  if (!isObject(declared)) return declared;
  const out = layer(declared, runtime(full ? "" : "properties."));
  if (full && isObject(out["properties"])) out["properties"] = layer(out["properties"], runtime("properties."));
  return out;
}

function layer(o: JsonObject, rest: (key: string) => Unknown): JsonObject {
  const copy = newObject();
  for (const k of Object.keys(o)) copy[k] = o[k]!;
  (copy as { [RUNTIME_REST]?: (key: string) => Unknown })[RUNTIME_REST] = rest;
  return copy;
}
