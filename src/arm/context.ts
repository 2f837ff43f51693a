/**
 * The deployment context: where the template is deployed. Functions such as `subscription()` and
 * `resourceGroup()` read it. The defaults are documented placeholders; callers may set real values.
 */
export interface DeploymentContext {
  subscriptionId: string;
  tenantId: string;
  resourceGroup: string;
  location: string;
  managementGroup: string;
  deploymentName: string;
}

export const DEFAULT_CONTEXT: DeploymentContext = {
  subscriptionId: "00000000-0000-0000-0000-000000000000",
  tenantId: "00000000-0000-0000-0000-000000000000",
  resourceGroup: "resource-group",
  location: "westus2",
  managementGroup: "management-group",
  deploymentName: "deployment",
};
