/**
 * A Bicep file of `count` Communication Services resources (with loops, conditions and variables)
 * and, beside it, the template the Bicep compiler emits for it (languageVersion 1.0), for the
 * benchmark of mapping findings back to Bicep lines.
 */
export function syntheticBicep(count: number): { bicep: string; json: string } {
  const lines = [
    "@description('Prefix of every name.')",
    "param prefix string = 'contoso'",
    "",
    "param dataLocation string = 'Europe'",
    "",
    "var commonTags = {",
    "  workload: 'communications'",
    "  owner: 'platform-team'",
    "}",
    "",
  ];
  const resources: object[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(
      `// resource ${i}`,
      `resource acs${i} 'Microsoft.Communication/communicationServices@2025-05-01' = if (${i % 4} != 3) {`,
      `  name: '\${prefix}-${i}-\${uniqueString(resourceGroup().id, '${i}')}'`,
      "  location: 'global'",
      `  tags: union(commonTags, { index: '${i}' })`,
      "  properties: {",
      "    dataLocation: dataLocation",
      `    disableLocalAuth: ${i % 3 === 0 ? "true" : "false"}`,
      `    linkedDomains: [for d in range(0, 2): resourceId('Microsoft.Communication/emailServices/domains', 'mail-${i}', 'd\${d}.example.com')]`,
      "  }",
      "}",
      "",
    );
    resources.push({
      condition: `[not(equals(${i % 4}, 3))]`,
      type: "Microsoft.Communication/communicationServices",
      apiVersion: "2025-05-01",
      name: `[format('{0}-${i}-{1}', parameters('prefix'), uniqueString(resourceGroup().id, '${i}'))]`,
      location: "global",
      tags: `[union(variables('commonTags'), createObject('index', '${i}'))]`,
      properties: {
        copy: [
          {
            name: "linkedDomains",
            count: "[length(range(0, 2))]",
            input: `[resourceId('Microsoft.Communication/emailServices/domains', 'mail-${i}', format('d{0}.example.com', range(0, 2)[copyIndex('linkedDomains')]))]`,
          },
        ],
        dataLocation: "[parameters('dataLocation')]",
        disableLocalAuth: i % 3 === 0,
      },
    });
  }
  const template = {
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    contentVersion: "1.0.0.0",
    metadata: { _generator: { name: "bicep", version: "0.42.1.51946", templateHash: "1234567890123456789" } },
    parameters: {
      prefix: { type: "string", defaultValue: "contoso", metadata: { description: "Prefix of every name." } },
      dataLocation: { type: "string", defaultValue: "Europe" },
    },
    variables: { commonTags: { workload: "communications", owner: "platform-team" } },
    resources,
  };
  return { bicep: lines.join("\n"), json: JSON.stringify(template, null, 2) };
}
