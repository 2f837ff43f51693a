import { test } from "uvu";
import * as assert from "uvu/assert";
import { ExpansionFault, expandTemplate, type JsonObject } from "../../src/arm/index.js";
import { plain } from "./helpers.js";

const SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

/** The fault of a template: thrown for the whole file, or recorded for the one part that failed. */
function fault(template: Record<string, unknown>): { message: string; pointer?: string } {
  try {
    const expanded = expandTemplate("t.json", { $schema: SCHEMA, contentVersion: "1.0.0.0", resources: [], ...template } as unknown as JsonObject);
    if (expanded.errors[0]) return expanded.errors[0];
  } catch (e) {
    if (e instanceof ExpansionFault) return e;
    throw e;
  }
  throw new Error("expected an ExpansionFault or a part that cannot be expanded");
}

const acs = (extra: Record<string, unknown> = {}) => ({
  type: "Microsoft.Communication/communicationServices",
  apiVersion: "2025-05-01",
  name: "acs",
  location: "global",
  properties: { dataLocation: "Europe" },
  ...extra,
});

test("a variable that refers to itself is a fault naming it", () => {
  const e = fault({ variables: { loop: "[concat('x', variables('loop'))]" }, outputs: { o: { type: "string", value: "[variables('loop')]" } } });
  assert.match(e.message, "variables 'loop' refers to itself");
  assert.is(e.pointer, "/variables/loop");
});

test("a cycle between variables is a fault", () => {
  const e = fault({ variables: { a: "[variables('b')]", b: "[variables('a')]" }, outputs: { o: { type: "string", value: "[variables('a')]" } } });
  assert.match(e.message, "refers to itself");
});

test("a cycle between parameter defaults is a fault", () => {
  assert.match(fault({ parameters: { a: { type: "string", defaultValue: "[parameters('a')]" } } }).message, "parameters 'a' refers to itself");
});

test("copy counts: over 800, negative, or not a number are faults at the count", () => {
  assert.match(fault({ resources: [acs({ copy: { name: "c", count: 100000000 } })] }).message, "copy count 100000000 is over the limit of 800");
  assert.match(fault({ resources: [acs({ copy: { name: "c", count: -1 } })] }).message, "negative");
  const e = fault({ resources: [acs({ copy: { name: "c", count: "many" } })] });
  assert.match(e.message, "not a whole number");
  assert.is(e.pointer, "/resources/0/copy/count");
});

test("a property copy loop in a deployment's parameters keeps the copy limit; the fault names the loop, the rest is expanded", () => {
  const expanded = expandTemplate("t.json", {
    $schema: SCHEMA,
    contentVersion: "1.0.0.0",
    resources: [
      {
        type: "Microsoft.Resources/deployments",
        apiVersion: "2022-09-01",
        name: "d",
        properties: {
          mode: "Incremental",
          expressionEvaluationOptions: { scope: "inner" },
          parameters: { flags: { copy: [{ name: "value", count: 100000000, input: true }] } },
          template: { $schema: SCHEMA, contentVersion: "1.0.0.0", resources: [acs({ name: "inner" })] },
        },
      },
      acs({ name: "sibling" }),
    ],
  } as unknown as JsonObject);
  assert.equal(plain(expanded.errors), [
    { file: "t.json", pointer: "/resources/0/properties/parameters/flags/copy/0", message: "copy count 100000000 is over the limit of 800" },
  ]);
  assert.equal(
    expanded.resources.map((r) => r.name),
    ["d", "inner", "sibling"],
  );
});

test("an expression that does not parse is a fault", () => {
  assert.match(fault({ resources: [acs({ name: "[concat('a', ]" })] }).message, "expression does not parse");
  assert.match(fault({ resources: [acs({ name: "[concat('unterminated)]" })] }).message, "unterminated string");
});

test("deeply nested expressions are a fault, not a stack overflow", () => {
  const deep = "[" + "concat(".repeat(20_000) + "'a'" + ")".repeat(20_000) + "]";
  assert.match(fault({ resources: [acs({ name: deep })] }).message, "nesting deeper than");
});

test("deeply nested deployments are a fault", () => {
  let template: Record<string, unknown> = { $schema: SCHEMA, contentVersion: "1.0.0.0", resources: [] };
  for (let i = 0; i < 40; i++) {
    template = {
      $schema: SCHEMA,
      contentVersion: "1.0.0.0",
      resources: [{ type: "Microsoft.Resources/deployments", apiVersion: "2022-09-01", name: `d${i}`, properties: { mode: "Incremental", template } }],
    };
  }
  assert.match(fault(template).message, "deployments nest deeper than 16 levels");
});

test("copies of deployments that multiply past the resource limit are a fault", () => {
  const inner = { $schema: SCHEMA, contentVersion: "1.0.0.0", resources: [acs({ name: "[concat('acs', copyIndex())]", copy: { name: "i", count: 800 } })] };
  const e = fault({
    resources: [
      {
        type: "Microsoft.Resources/deployments",
        apiVersion: "2022-09-01",
        name: "[concat('d', copyIndex())]",
        copy: { name: "o", count: 800 },
        properties: { mode: "Incremental", template: inner },
      },
    ],
  });
  assert.match(e.message, "more than 10000 resources");
});

test("huge arrays and strings are faults", () => {
  assert.match(fault({ outputs: { o: { type: "array", value: "[range(0, 100000000)]" } } }).message, "array longer than");
  const doubling = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`v${i + 1}`, `[concat(variables('v${i}'), variables('v${i}'))]`]));
  assert.match(
    fault({ variables: { v0: "xxxxxxxxxx", ...doubling }, outputs: { o: { type: "string", value: "[variables('v40')]" } } }).message,
    "string longer than",
  );
});

test("runaway recursion in user functions is a fault", () => {
  const functions = [
    { namespace: "f", members: { again: { parameters: [{ name: "n", type: "int" }], output: { type: "int", value: "[f.again(add(parameters('n'), 1))]" } } } },
  ];
  assert.match(fault({ functions, outputs: { o: { type: "int", value: "[f.again(0)]" } } }).message, "nests deeper than");
});

test("work beyond the step budget is a fault", () => {
  const explosive = "[length(map(range(0, 100000), lambda('x', range(0, 100000))))]";
  assert.match(fault({ outputs: { o: { type: "int", value: explosive } } }).message, "steps");
});

test("__proto__ keys stay ordinary data", () => {
  const template = JSON.parse(
    `{"$schema": "${SCHEMA}", "contentVersion": "1.0.0.0", "resources": [{"type": "Microsoft.Communication/communicationServices", "apiVersion": "2025-05-01", "name": "acs", "properties": {"__proto__": {"polluted": true}, "dataLocation": "Europe"}}], "outputs": {"o": {"type": "object", "value": "[json('{\\"__proto__\\": {\\"x\\": 1}}')]"}}}`,
  );
  const expanded = expandTemplate("t.json", template);
  const props = plain(expanded.resources[0]!.properties) as Record<string, unknown>;
  assert.equal(Object.keys(props), ["__proto__", "dataLocation"]);
  assert.equal(props["__proto__"], { polluted: true });
  assert.ok(Object.prototype.hasOwnProperty.call(plain(expanded.outputs[0]!.value), "__proto__"));
  assert.is(({} as Record<string, unknown>)["polluted"], undefined);
  assert.is(({} as Record<string, unknown>)["x"], undefined);
});

test("a failure in one property does not poison its siblings", () => {
  const expanded = expandTemplate("t.json", {
    $schema: SCHEMA,
    contentVersion: "1.0.0.0",
    resources: [acs({ properties: { broken: "[createObject('a', 1).nope]", dataLocation: "Europe", disableLocalAuth: true } })],
  } as unknown as JsonObject);
  const props = plain(expanded.resources[0]!.properties) as Record<string, unknown>;
  assert.is(props["dataLocation"], "Europe");
  assert.is(props["disableLocalAuth"], true);
  assert.is((props["broken"] as { $unknown: { reason: string } }).$unknown.reason, "error");
});

test.run();
