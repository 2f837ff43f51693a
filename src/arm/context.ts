/**
 * The deployment context: where the template is deployed. Functions such as `subscription()` and
 * `resourceGroup()` read it. The defaults are documented placeholders for names and ids (they only
 * make ids well formed); the location has none, since rules may judge it: unless the caller gives
 * it, `resourceGroup().location` is unknown.
 */
export interface DeploymentContext {
  subscriptionId: string;
  tenantId: string;
  resourceGroup: string;
  /** The resource group's location; undefined: known only at deployment. */
  location?: string;
  managementGroup: string;
  deploymentName: string;
}

export const DEFAULT_CONTEXT: DeploymentContext = {
  subscriptionId: "00000000-0000-0000-0000-000000000000",
  tenantId: "00000000-0000-0000-0000-000000000000",
  resourceGroup: "resource-group",
  managementGroup: "management-group",
  deploymentName: "deployment",
};
