import type { DeploymentContext } from "./context.js";
import { ExpansionFault, LimitFault } from "./errors.js";
import type { Scope } from "./expressions/env.js";
import { pointerSegment, findKey, getKey, type JsonObject, type Value } from "./json.js";
import type { ExpandedResource } from "./model.js";
import { resolveValue } from "./resolve.js";
import type { TemplateFrame } from "./scope.js";
import { Unknown } from "./unknown.js";

/** Keys of a resource declaration that are copied, resolved, into the expanded resource. */
const RESOLVED_KEYS = ["location", "identity", "sku", "kind", "tags", "metadata"] as const;

/** What makes an instance a deployment that expands a nested template. */
export interface NestedExpansion {
  /** Expands the nested template (once) and returns its outputs as `{name: {type, value}}`. */
  outputs(): Value;
  /** The resources the nested template deployed, in order. */
  resources(): ExpandedResource[];
  /** The deployment resource's own properties, without the template. */
  properties(): Value;
}

/**
 * One resource instance: a declaration at one copy index. Its identity (type, name, id) is known
 * when it is registered; its other values are resolved on first use (a `reference()` may need
 * them before the instance's turn comes), and remembered.
 */
export class Instance {
  private state: "pending" | "busy" | "done" = "pending";
  private resource?: ExpandedResource;
  nested?: NestedExpansion;
  /** Why the instance could not be expanded; the other resources are expanded all the same. */
  fault?: ExpansionFault;

  constructor(
    readonly decl: JsonObject,
    readonly frame: TemplateFrame,
    readonly scope: Scope,
    readonly pointer: string,
    readonly type: string,
    readonly name: Value,
    readonly id: Value,
    readonly scopeId: Value | undefined,
    readonly existing: boolean,
    readonly condition: true | Unknown,
    readonly deployments: string[],
    readonly symbolicName: string | undefined,
    readonly context: DeploymentContext,
    /** The parent's id, for a child whose own id is unknown (see ExpandedResource.parentId). */
    readonly parentId?: Value,
  ) {}

  get typeLower(): string {
    return this.type.toLowerCase();
  }

  /** The resolved resource, or undefined while it is being resolved (a circular reference) or when it failed. */
  materialize(): ExpandedResource | undefined {
    if (this.state === "done") return this.resource;
    if (this.state === "busy" || this.fault) return undefined;
    this.state = "busy";
    try {
      this.resource = this.build();
      this.state = "done";
      return this.resource;
    } catch (e) {
      if (!(e instanceof ExpansionFault) || e instanceof LimitFault) throw e;
      this.fault = e;
      return undefined;
    } finally {
      if (this.state === "busy") this.state = "pending";
    }
  }

  private build(): ExpandedResource {
    const budget = this.frame.budget;
    const values: Record<string, string> = {};
    const r: ExpandedResource = {
      type: this.type,
      typeLower: this.typeLower,
      apiVersion: resolveValue(getKey(this.decl, "apiVersion") ?? null, this.scope, budget),
      name: this.name,
      id: this.id,
      existing: this.existing,
      condition: this.condition,
      deployments: this.deployments,
      source: { file: this.frame.file, pointer: this.pointer, values },
    };
    if (this.symbolicName !== undefined) r.symbolicName = this.symbolicName;
    if (this.scopeId !== undefined) r.scope = this.scopeId;
    if (this.parentId !== undefined) r.parentId = this.parentId;
    for (const key of RESOLVED_KEYS) {
      const raw = getKey(this.decl, key);
      if (raw === undefined || raw === null) continue;
      const v = resolveValue(raw, this.scope, budget);
      if (v !== null) r[key] = v;
    }
    if (this.nested) {
      r.properties = this.nested.properties();
    } else {
      const key = findKey(this.decl, "properties");
      if (key !== undefined && this.decl[key] !== null) {
        const provenance = { rel: "/properties", abs: `${this.pointer}/${pointerSegment(key)}`, moved: values, file: this.frame.file };
        const v = resolveValue(this.decl[key], this.scope, budget, { propertyCopy: true, provenance });
        if (v !== null) r.properties = v;
      }
    }
    return r;
  }
}

/** A resource's declared properties, for `reference()` (undefined while circular). */
export function declaredObject(instance: Instance, full: boolean): Value | undefined {
  const r = instance.materialize();
  if (!r) return undefined;
  if (!full) return r.properties ?? (Object.create(null) as JsonObject);
  const out = Object.create(null) as JsonObject;
  out["id"] = r.id;
  out["name"] = r.name;
  out["type"] = r.type;
  out["apiVersion"] = r.apiVersion;
  for (const key of ["location", "properties", "identity", "sku", "kind", "tags"] as const) {
    const v = r[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}
