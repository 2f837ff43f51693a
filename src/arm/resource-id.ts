import type { DeploymentContext } from "./context.js";

/** The deployment scope a template's `$schema` selects. */
export type TemplateScope = "resourceGroup" | "subscription" | "managementGroup" | "tenant";

/** `{prefix}/providers/{namespace}/{t1}/{n1}/{t2}/{n2}...`: type and name segments alternate. */
export function buildResourceId(prefix: string, type: string, names: readonly string[]): string {
  const [namespace, ...types] = type.split("/");
  const nameSegments = names.flatMap((n) => n.split("/"));
  if (types.length !== nameSegments.length) {
    throw new Error(`resource type '${type}' needs ${types.length} name segment(s), got ${nameSegments.length}`);
  }
  return `${prefix}/providers/${namespace}/${types.map((t, i) => `${t}/${nameSegments[i]}`).join("/")}`;
}

/** The id prefix of a resource group, a subscription or the tenant. */
export function scopePrefix(ctx: DeploymentContext, scope: TemplateScope): string {
  switch (scope) {
    case "resourceGroup":
      return `/subscriptions/${ctx.subscriptionId}/resourceGroups/${ctx.resourceGroup}`;
    case "subscription":
      return `/subscriptions/${ctx.subscriptionId}`;
    case "managementGroup":
      return `/providers/Microsoft.Management/managementGroups/${ctx.managementGroup}`;
    case "tenant":
      return "";
  }
}

/** The full id of a resource of `type` named `name` deployed at `scope`. */
export function resourceIdAt(ctx: DeploymentContext, scope: TemplateScope, type: string, name: string): string {
  if (type.toLowerCase() === "microsoft.resources/resourcegroups") return `/subscriptions/${ctx.subscriptionId}/resourceGroups/${name}`;
  if (type.toLowerCase() === "microsoft.resources/subscriptions") return `/subscriptions/${name}`;
  return buildResourceId(scopePrefix(ctx, scope), type, [name]);
}

/** Type and name of the resource a full id names (the part after its last `/providers/`). */
export function parseResourceId(id: string): { type: string; name: string } | undefined {
  const at = id.toLowerCase().lastIndexOf("/providers/");
  if (at < 0) {
    const m = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?\/?$/i.exec(id);
    if (!m) return undefined;
    return m[2] !== undefined ? { type: "Microsoft.Resources/resourceGroups", name: m[2] } : { type: "Microsoft.Resources/subscriptions", name: m[1]! };
  }
  const [namespace, ...rest] = id.slice(at + "/providers/".length).split("/");
  if (!namespace || rest.length === 0 || rest.length % 2 !== 0) return undefined;
  const types = rest.filter((_, i) => i % 2 === 0);
  const names = rest.filter((_, i) => i % 2 === 1);
  return { type: [namespace, ...types].join("/"), name: names.join("/") };
}
