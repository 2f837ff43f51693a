import { test } from "uvu";
import * as assert from "uvu/assert";
import { expandTemplate, type JsonObject, type Unknown } from "../../src/arm/index.js";
import { unknownOf } from "./helpers.js";

const params = {
  parameters: {
    host: { type: "string" },
    other: { type: "string" },
    region: { type: "string", allowedValues: ["Europe", "Antarctica"] },
    on: { type: "bool" },
  },
};

test("format and concat keep the known beginning and end of a string, and its pattern", () => {
  const u = unknownOf("[format('https://{0}/api/{1}', parameters('host'), 'events')]", params);
  assert.equal([u.facts.prefix, u.facts.suffix, u.facts.pattern], ["https://", "/api/events", "https://{host}/api/events"]);
  const c = unknownOf("[concat('http://', parameters('host'))]", params);
  assert.equal([c.facts.prefix, c.facts.suffix], ["http://", undefined]);
});

test("the same expression over the same unknown has the same origin; another does not", () => {
  const a = unknownOf("[toLower(parameters('host'))]", params);
  const b = unknownOf("[toLower(parameters('host'))]", params);
  const c = unknownOf("[toLower(parameters('other'))]", params);
  const d = unknownOf("[toUpper(parameters('host'))]", params);
  assert.ok(a.facts.origin !== undefined && a.facts.origin === b.facts.origin);
  assert.not.equal(a.facts.origin, c.facts.origin);
  assert.not.equal(a.facts.origin, d.facts.origin);
});

test("a result never passes for its argument: if() and property access get their own identity", () => {
  const p = unknownOf("[parameters('host')]", params);
  const chosen = unknownOf("[if(parameters('on'), parameters('host'), 'x')]", params);
  assert.is(chosen.facts.origin, undefined);
  assert.not.equal(unknownOf("[parameters('host').a]", params).facts.origin, p.facts.origin);
  assert.not.equal(unknownOf("[parameters('host').a]", params).facts.origin, unknownOf("[parameters('host').b]", params).facts.origin);
  assert.is(unknownOf("[newGuid()]", params).facts.origin, undefined);
});

test("allowed values and bools are finite domains, carried through functions", () => {
  const u = unknownOf("[toUpper(parameters('region'))]", params);
  assert.equal(u.facts.domain, {
    parameter: "region",
    cases: [
      { when: "Europe", value: "EUROPE" },
      { when: "Antarctica", value: "ANTARCTICA" },
    ],
  });
  const b = unknownOf("[not(parameters('on'))]", params);
  assert.equal(b.facts.domain?.cases, [
    { when: true, value: false },
    { when: false, value: true },
  ]);
  assert.is(unknownOf("[concat(parameters('region'), parameters('host'))]", params).facts.domain, undefined, "two unknowns: no domain");
});

test("listKeys of the same unknown name targets the resource so named", () => {
  const template = {
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    contentVersion: "1.0.0.0",
    parameters: { env: { type: "string" } },
    variables: { comms: "[format('comms-{0}', parameters('env'))]" },
    resources: [{ type: "Microsoft.Communication/communicationServices", apiVersion: "2025-05-01", name: "[variables('comms')]", location: "global" }],
    outputs: {
      keys: { type: "string", value: "[listKeys(variables('comms'), '2025-05-01').primaryKey]" },
      byId: { type: "string", value: "[listKeys(resourceId('Microsoft.Communication/communicationServices', variables('comms')), '2025-05-01').primaryKey]" },
      scoped: {
        type: "string",
        value: "[listKeys(extensionResourceId(parameters('env'), 'Microsoft.Communication/communicationServices', 'x'), '2025-05-01').primaryKey]",
      },
    },
  } as unknown as JsonObject;
  const outputs = expandTemplate("t.json", template).outputs;
  for (const o of outputs) assert.is((o.value as { target?: { type?: string } }).target?.type, "microsoft.communication/communicationservices", o.name);
});

test("a child named from unknowns has the id resourceId(type, segments...) gives, and its parent's id", () => {
  const template = {
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    contentVersion: "1.0.0.0",
    parameters: { mail: { type: "string" }, site: { type: "string" } },
    resources: [
      { type: "Microsoft.Communication/emailServices", apiVersion: "2025-05-01", name: "[parameters('mail')]", location: "global" },
      { type: "Microsoft.Communication/emailServices/domains", apiVersion: "2025-05-01", name: "[format('{0}/{1}', parameters('mail'), 'x')]" },
      {
        type: "Microsoft.Web/sites",
        apiVersion: "2023-12-01",
        name: "[parameters('site')]",
        resources: [{ type: "config", apiVersion: "2023-12-01", name: "appsettings", properties: {} }],
      },
    ],
    outputs: {
      domain: { type: "string", value: "[resourceId('Microsoft.Communication/emailServices/domains', parameters('mail'), 'x')]" },
      config: { type: "string", value: "[resourceId('Microsoft.Web/sites/config', parameters('site'), 'appsettings')]" },
    },
  } as unknown as JsonObject;
  const expanded = expandTemplate("t.json", template);
  const origin = (v: unknown) => (v as Unknown).facts.origin;
  const [mail, domain, site, config] = expanded.resources;
  const [domainRef, configRef] = expanded.outputs;
  assert.ok(origin(domain!.id) !== undefined && origin(domain!.id) === origin(domainRef!.value), "the domain's id is the one resourceId gives");
  assert.is(origin(domain!.parentId), origin(mail!.id), "the domain's parent is the email service");
  assert.is(origin(config!.id), origin(configRef!.value), "a nested child's id keeps its own name");
  assert.is(origin(config!.parentId), origin(site!.id));
  assert.is((config!.name as Unknown).shape(), "{site}/appsettings", "shown by its pattern");
  assert.is(mail!.parentId, undefined, "a top-level resource has no parent");
});

test("a provider-form extension named from unknowns is scoped to the resource so named; its id is its own", () => {
  const template = {
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    contentVersion: "1.0.0.0",
    parameters: { acs: { type: "string" } },
    resources: [
      { type: "Microsoft.Communication/communicationServices", apiVersion: "2025-05-01", name: "[parameters('acs')]", location: "global" },
      {
        type: "Microsoft.Communication/communicationServices/providers/diagnosticSettings",
        apiVersion: "2021-05-01-preview",
        name: "[concat(parameters('acs'), '/', 'Microsoft.Insights/', 'logs')]",
      },
    ],
  } as unknown as JsonObject;
  const [acs, setting] = expandTemplate("t.json", template).resources;
  const origin = (v: unknown) => (v as Unknown).facts.origin;
  assert.is(setting!.type, "Microsoft.Insights/diagnosticSettings");
  assert.is(setting!.name, "logs");
  assert.ok(origin(acs!.id) !== undefined && origin(setting!.scope) === origin(acs!.id), "scoped to the ACS resource");
  assert.not.equal(origin(setting!.id), origin(acs!.id), "the setting is not the resource it extends");
});

test("resource ids built from unknowns compare without case, as ARM compares ids", () => {
  const template = {
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    contentVersion: "1.0.0.0",
    parameters: { acs: { type: "string" } },
    resources: [{ type: "Microsoft.Communication/communicationServices", apiVersion: "2025-05-01", name: "[parameters('acs')]", location: "global" }],
    outputs: { id: { type: "string", value: "[resourceId('Microsoft.Communication/CommunicationServices', parameters('acs'))]" } },
  } as unknown as JsonObject;
  const expanded = expandTemplate("t.json", template);
  const origin = (v: unknown) => (v as Unknown).facts.origin;
  assert.ok(origin(expanded.resources[0]!.id) !== undefined && origin(expanded.resources[0]!.id) === origin(expanded.outputs[0]!.value));
});

test.run();
