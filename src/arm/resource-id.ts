import type { DeploymentContext } from "./context.js";

/**
 * The full id of a resource of `type` (`Namespace/t1/t2`) named `name` (`n1/n2`) in the context's
 * resource group: type and name segments alternate after the namespace.
 */
export function resourceGroupResourceId(ctx: DeploymentContext, type: string, name: string): string {
  const [namespace, ...types] = type.split("/");
  const names = name.split("/");
  const pairs = types.map((t, i) => `${t}/${names[i] ?? ""}`).join("/");
  return `/subscriptions/${ctx.subscriptionId}/resourceGroups/${ctx.resourceGroup}/providers/${namespace}/${pairs}`;
}
