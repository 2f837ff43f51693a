import { test } from "uvu";
import * as assert from "uvu/assert";
import { expandTemplate, type JsonObject } from "../../src/arm/index.js";
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

test.run();
