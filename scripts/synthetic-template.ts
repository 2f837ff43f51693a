/**
 * A template of about `bytes` bytes, shaped like real ones: parameters and variables, expressions
 * in every resource (format, resourceId, uniqueString, union, a property copy loop, a lambda), a
 * resource copy loop, comments, and an inner-scope module (nested deployment) per 20 resources.
 */
export function syntheticTemplate(bytes: number): string {
  const resource = (i: number) => `      // resource ${i}
      {
        "type": "Microsoft.Communication/communicationServices",
        "apiVersion": "2025-05-01",
        "name": "[format('{0}-{1}-{2}', parameters('prefix'), ${i}, uniqueString(resourceGroup().id, '${i}'))]",
        "location": "global",
        "tags": "[union(variables('commonTags'), createObject('index', string(${i})))]",
        "properties": {
          "dataLocation": "[parameters('dataLocation')]",
          "disableLocalAuth": "[equals(mod(${i}, 3), 0)]",
          "copy": [{ "name": "linkedDomains", "count": 2, "input": "[resourceId('Microsoft.Communication/emailServices/domains', 'mail-${i}', format('d{0}.example.com', copyIndex('linkedDomains')))]" }]
        }
      }`;
  const module = (m: number, body: string) => `    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "module-${m}",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": { "scope": "inner" },
        "parameters": { "prefix": { "value": "[parameters('prefix')]" }, "dataLocation": { "value": "[parameters('dataLocation')]" } },
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": { "prefix": { "type": "string" }, "dataLocation": { "type": "string" } },
          "variables": { "commonTags": { "owner": "platform", "names": "[map(range(0, 3), lambda('i', format('n{0}', lambdaVariables('i'))))]" } },
          "resources": [
${body}
          ]
        }
      }
    }`;
  const modules: string[] = [];
  let size = 0;
  for (let m = 0; size < bytes; m++) {
    const body = Array.from({ length: 20 }, (_, k) => resource(m * 20 + k)).join(",\n");
    const text = module(m, body);
    modules.push(text);
    size += text.length + 2;
  }
  return `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "prefix": { "type": "string", "defaultValue": "acs" }, "dataLocation": { "type": "string", "defaultValue": "Europe" } },
  "resources": [
${modules.join(",\n")}
  ]
}
`;
}

/** Resources in one ACS workload slice of {@link acsWorkloadTemplate}. */
export const SLICE_RESOURCES = 6;

/**
 * A legal ARM template of `slices` realistic ACS workload slices, each with the mistakes the pack
 * reports: a communication service (local auth on, public network, no identity, a linked domain
 * of an email service in another geography), the email service and its domain (engagement
 * tracking on), a web app reading the ACS key through listKeys, a storage account (public blobs,
 * old TLS) and a diagnostic setting on the service (no allLogs, no workspace). Slices are grouped
 * into inner-scope nested deployments of at most `moduleResources` resources (ARM allows 800), so
 * a large template looks like a Bicep build with many modules.
 */
export function acsWorkloadTemplate(slices: number, moduleResources = 150): string {
  const slice = (i: number) => `          {
            "type": "Microsoft.Communication/communicationServices",
            "apiVersion": "2025-05-01",
            "name": "[format('{0}-acs-${i}', parameters('prefix'))]",
            "location": "global",
            "tags": "[parameters('tags')]",
            "properties": {
              "dataLocation": "[parameters('dataLocation')]",
              "disableLocalAuth": false,
              "publicNetworkAccess": "Enabled",
              "linkedDomains": ["[resourceId('Microsoft.Communication/emailServices/domains', format('{0}-mail-${i}', parameters('prefix')), 'AzureManagedDomain')]"]
            }
          },
          {
            "type": "Microsoft.Communication/emailServices",
            "apiVersion": "2025-05-01",
            "name": "[format('{0}-mail-${i}', parameters('prefix'))]",
            "location": "global",
            "tags": "[parameters('tags')]",
            "properties": { "dataLocation": "Europe" }
          },
          {
            "type": "Microsoft.Communication/emailServices/domains",
            "apiVersion": "2025-05-01",
            "name": "[format('{0}-mail-${i}/AzureManagedDomain', parameters('prefix'))]",
            "location": "global",
            "dependsOn": ["[resourceId('Microsoft.Communication/emailServices', format('{0}-mail-${i}', parameters('prefix')))]"],
            "properties": { "domainManagement": "AzureManaged", "userEngagementTracking": "Enabled" }
          },
          {
            "type": "Microsoft.Web/sites",
            "apiVersion": "2023-12-01",
            "name": "[format('{0}-app-${i}', parameters('prefix'))]",
            "location": "[parameters('location')]",
            "properties": {
              "httpsOnly": true,
              "siteConfig": {
                "minTlsVersion": "1.2",
                "appSettings": [
                  { "name": "ACS_ENDPOINT", "value": "[format('https://{0}-acs-${i}.communication.azure.com', parameters('prefix'))]" },
                  { "name": "ACS_CONNECTION_STRING", "value": "[listKeys(resourceId('Microsoft.Communication/communicationServices', format('{0}-acs-${i}', parameters('prefix'))), '2025-05-01').primaryConnectionString]" }
                ]
              }
            }
          },
          {
            "type": "Microsoft.Storage/storageAccounts",
            "apiVersion": "2023-05-01",
            "name": "[format('{0}rec${i}', parameters('prefix'))]",
            "location": "[parameters('location')]",
            "kind": "StorageV2",
            "sku": { "name": "Standard_LRS" },
            "properties": { "minimumTlsVersion": "TLS1_2", "supportsHttpsTrafficOnly": true, "allowBlobPublicAccess": true }
          },
          {
            "type": "Microsoft.Insights/diagnosticSettings",
            "apiVersion": "2021-05-01-preview",
            "name": "acs-logs-${i}",
            "scope": "[resourceId('Microsoft.Communication/communicationServices', format('{0}-acs-${i}', parameters('prefix')))]",
            "dependsOn": ["[resourceId('Microsoft.Communication/communicationServices', format('{0}-acs-${i}', parameters('prefix')))]"],
            "properties": {
              "storageAccountId": "[resourceId('Microsoft.Storage/storageAccounts', format('{0}rec${i}', parameters('prefix')))]",
              "logs": [{ "category": "ChatOperational", "enabled": true }]
            }
          }`;
  const perModule = Math.max(1, Math.floor(moduleResources / SLICE_RESOURCES));
  const module = (m: number, body: string) => `    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "workload-${m}",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": { "scope": "inner" },
        "parameters": {
          "prefix": { "value": "[parameters('prefix')]" },
          "location": { "value": "[parameters('location')]" },
          "dataLocation": { "value": "[parameters('dataLocation')]" },
          "tags": { "value": { "module": "workload-${m}" } }
        },
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {
            "prefix": { "type": "string" },
            "location": { "type": "string" },
            "dataLocation": { "type": "string" },
            "tags": { "type": "object" }
          },
          "resources": [
${body}
          ]
        }
      }
    }`;
  const modules: string[] = [];
  for (let first = 0, m = 0; first < slices; first += perModule, m++) {
    const count = Math.min(perModule, slices - first);
    modules.push(module(m, Array.from({ length: count }, (_, k) => slice(first + k)).join(",\n")));
  }
  return `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "prefix": { "type": "string", "defaultValue": "acs" },
    "location": { "type": "string", "defaultValue": "westeurope" },
    "dataLocation": { "type": "string", "defaultValue": "United States" }
  },
  "resources": [
${modules.join(",\n")}
  ]
}
`;
}
