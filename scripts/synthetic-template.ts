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
