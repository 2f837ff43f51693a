import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadCatalog } from "../../src/node/index.js";
import { describeUnknown, PLACEHOLDER, renderMessage } from "../../src/locate/message.js";

const rule = {
  id: "ACS-X-001",
  messages: {
    plain: "value {v}",
    json: "is {v|json}",
    or: "fails when {p} is {values|or}",
    lists: "{a|comma} / {b|and} / {c|semicolon}",
    module: "parameter '{name}'{deployments|module} leaks",
    nested: "the vault {problems|semicolon}",
    part: "lacks {what}",
  },
};
const unknown = (facts: Record<string, unknown>) => ({ $unknown: facts });

test("strings are inserted as they are; other known values as JSON", () => {
  assert.is(renderMessage(rule, { id: "plain", args: { v: "Europe" } }), "value Europe");
  assert.is(renderMessage(rule, { id: "plain", args: { v: 1.2 } }), "value 1.2");
  assert.is(renderMessage(rule, { id: "json", args: { v: "None" } }), 'is "None"');
});

test("an unknown value reads as what it depends on", () => {
  const expression = "[parameters('x')]";
  assert.is(renderMessage(rule, { id: "plain", args: { v: unknown({ expression, detail: "no value" }) } }), "value [parameters('x')] (no value)");
  assert.is(renderMessage(rule, { id: "plain", args: { v: unknown({ expression }) } }), "value [parameters('x')]");
  assert.is(describeUnknown({ reason: "runtime" }), "a value not known before deployment");
});

test("lists are quoted, joined or named as nested deployments", () => {
  assert.is(renderMessage(rule, { id: "or", args: { p: "loc", values: ["Antarctica", false] } }), "fails when loc is 'Antarctica' or false");
  assert.is(renderMessage(rule, { id: "lists", args: { a: ["x", "y"], b: ["x", "y"], c: ["x", "y"] } }), "x, y / x and y / x; y");
  assert.is(renderMessage(rule, { id: "module", args: { name: "k", deployments: ["a", "b"] } }), "parameter 'k' of nested deployment a > b leaks");
  assert.is(renderMessage(rule, { id: "module", args: { name: "k", deployments: [] } }), "parameter 'k' leaks");
});

test("nested messages are rendered with the same rule's templates", () => {
  const problems = [
    { id: "part", args: { what: "purge protection" } },
    { id: "part", args: { what: "RBAC" } },
  ];
  assert.is(renderMessage(rule, { id: "nested", args: { problems } }), "the vault lacks purge protection; lacks RBAC");
});

test("a message id or argument the rule does not define is an error, never a blank", () => {
  assert.throws(() => renderMessage(rule, { id: "missing", args: {} }), /message missing/);
  assert.throws(() => renderMessage(rule, { id: "plain", args: {} }), /uses \{v\}/);
});

test("odd arguments never print a raw marker, [object Object] or undefined", () => {
  const u = unknown({ expression: "[parameters('x')]", detail: "no value" });
  const nested = { id: "part", args: { what: "RBAC" } };
  assert.is(
    renderMessage(rule, { id: "or", args: { p: "loc", values: [u, "Zürich {0}|x"] } }),
    "fails when loc is [parameters('x')] (no value) or 'Zürich {0}|x'",
  );
  assert.is(renderMessage(rule, { id: "json", args: { v: u } }), "is [parameters('x')] (no value)");
  assert.is(renderMessage(rule, { id: "json", args: { v: ["a", u] } }), 'is ["a","[parameters(\'x\')] (no value)"]');
  assert.is(renderMessage(rule, { id: "plain", args: { v: [nested] } }), 'value ["lacks RBAC"]');
  assert.is(
    renderMessage(rule, { id: "module", args: { name: "k", deployments: [unknown({}), "b"] } }),
    "parameter 'k' of nested deployment a value not known before deployment > b leaks",
  );
  assert.is(renderMessage(rule, { id: "lists", args: { a: [], b: "$&", c: [u] } }), " / $& / [parameters('x')] (no value)");
  // Names of Object.prototype are not arguments or templates the rule gave.
  assert.throws(() => renderMessage({ id: "R", messages: { m: "{constructor}" } }, { id: "m", args: {} }), /uses \{constructor\}/);
  assert.throws(() => renderMessage(rule, { id: "toString", args: {} }), /message toString/);
});

test("every rule of the catalog has templates whose placeholders name known filters", () => {
  for (const r of loadCatalog().rules) {
    assert.ok(Object.keys(r.messages).length > 0, r.id);
    for (const template of Object.values(r.messages)) {
      for (const [, , filter] of template.matchAll(PLACEHOLDER)) {
        assert.ok(filter === undefined || ["json", "or", "comma", "and", "semicolon", "module"].includes(filter), `${r.id}: ${template}`);
      }
    }
  }
});

test.run();
