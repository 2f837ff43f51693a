import { EvalError } from "../../errors.js";
import type { JsonObject, Value } from "../../json.js";
import { Unknown } from "../../unknown.js";
import type { Env } from "../env.js";
import { eager, MANY, type FunctionTable } from "../function-table.js";
import { int, str } from "../values.js";
import { fromJson } from "./collections.js";
import { originOf } from "../derive.js";

const object = (entries: Record<string, unknown>): JsonObject => fromJson(entries) as JsonObject;

/** Placeholder of Azure public cloud endpoints, as `environment()` returns them there. */
const AZURE_CLOUD = {
  name: "AzureCloud",
  gallery: "https://gallery.azure.com/",
  graph: "https://graph.windows.net/",
  portal: "https://portal.azure.com",
  graphAudience: "https://graph.windows.net/",
  activeDirectoryDataLake: "https://datalake.azure.net/",
  batch: "https://batch.core.windows.net/",
  media: "https://rest.media.azure.net",
  sqlManagement: "https://management.core.windows.net:8443/",
  vmImageAliasDoc: "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json",
  resourceManager: "https://management.azure.com/",
  authentication: {
    loginEndpoint: "https://login.microsoftonline.com/",
    audiences: ["https://management.core.windows.net/", "https://management.azure.com/"],
    tenant: "common",
    identityProvider: "AAD",
  },
  suffixes: {
    acrLoginServer: ".azurecr.io",
    azureDatalakeAnalyticsCatalogAndJob: "azuredatalakeanalytics.net",
    azureDatalakeStoreFileSystem: "azuredatalakestore.net",
    azureFrontDoorEndpointSuffix: "azurefd.net",
    keyvaultDns: ".vault.azure.net",
    sqlServerHostname: ".database.windows.net",
    storage: "core.windows.net",
  },
};

/**
 * The resource group's location when the context does not give it: unknown, the same value for
 * every use in the same group (so two resources placed with it are provably in one place).
 */
function groupLocation(subscriptionId: string, resourceGroup: string): Unknown {
  const origin = originOf("resourcegroup().location", [subscriptionId, resourceGroup]);
  const detail = "the resource group's location is known only at deployment; set context.location in the configuration to judge it";
  return new Unknown("runtime-function", "resourceGroup().location", ["resourcegroup"], undefined, false, detail, origin === undefined ? {} : { origin });
}

function copyIndex(args: Value[], env: Env): Value {
  let loop: string | undefined;
  let offset = 0;
  if (args.length === 2) {
    loop = str("copyIndex", args[0]!);
    offset = int("copyIndex", args[1]!, 2);
  } else if (args.length === 1) {
    if (typeof args[0] === "string") loop = args[0];
    else offset = int("copyIndex", args[0]!);
  }
  const index = env.scope.copyIndex(loop);
  return index instanceof Unknown ? index : index + offset;
}

export const deploymentFunctions: FunctionTable = {
  parameters: eager(1, 1, ([name], env) => env.scope.parameter(str("parameters", name!), env)),
  variables: eager(1, 1, ([name], env) => env.scope.variable(str("variables", name!), env)),
  copyindex: eager(0, 2, copyIndex),
  lambdavariables: eager(1, 1, ([name], env) => env.scope.lambdaVariable(str("lambdaVariables", name!))),
  lambda: eager(1, MANY, () => {
    throw new EvalError("lambda() is only allowed as an argument of filter, map, reduce, sort, toObject, groupBy or mapValues");
  }),
  subscription: eager(0, 0, (_a, env) => {
    const c = env.scope.context;
    return object({ id: `/subscriptions/${c.subscriptionId}`, subscriptionId: c.subscriptionId, tenantId: c.tenantId, displayName: "subscription" });
  }),
  resourcegroup: eager(0, 0, (_a, env) => {
    const c = env.scope.context;
    if (env.scope.deploymentScope !== "resourceGroup") throw new EvalError("resourceGroup() is only available in resource-group deployments");
    const group = object({
      id: `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}`,
      name: c.resourceGroup,
      type: "Microsoft.Resources/resourceGroups",
      tags: {},
      properties: { provisioningState: "Succeeded" },
    });
    // Set after `object()`, which takes plain JSON only.
    group["location"] = c.location ?? groupLocation(c.subscriptionId, c.resourceGroup);
    return group;
  }),
  tenant: eager(0, 0, (_a, env) => {
    const c = env.scope.context;
    return object({ countryCode: "US", displayName: "tenant", id: `/tenants/${c.tenantId}`, tenantId: c.tenantId });
  }),
  managementgroup: eager(0, 1, (_a, env) => {
    const c = env.scope.context;
    return object({
      id: `/providers/Microsoft.Management/managementGroups/${c.managementGroup}`,
      name: c.managementGroup,
      type: "Microsoft.Management/managementGroups",
      properties: { displayName: c.managementGroup, tenantId: c.tenantId },
    });
  }),
  deployer: eager(0, 0, (_a, env) =>
    object({ objectId: "00000000-0000-0000-0000-000000000000", tenantId: env.scope.context.tenantId, userPrincipalName: "deployer@example.com" }),
  ),
  environment: eager(0, 0, () => object(AZURE_CLOUD)),
  deployment: eager(0, 0, (_a, env) => env.scope.resolver.deployment()),
};
