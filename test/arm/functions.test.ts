import { test } from "uvu";
import * as assert from "uvu/assert";
import { ev, unknownOf } from "./helpers.js";

const cases: Array<[string, unknown]> = [
  // grammar: '' escape, whitespace and newlines between tokens, accessors, negative numbers
  ["[concat('it''s', ' ok')]", "it's ok"],
  ["[concat(\n  'a' ,\t'b'\n)]", "ab"],
  ["[createObject('a', createObject('b', 1)).a.b]", 1],
  ["[createObject('a', createArray(1, 2))['a'][1]]", 2],
  ["[add(-3, 1)]", -2],
  ["[[not an expression]", "[not an expression]"],
  ["[ toUpper('x') ]", "X"],
  // case rules
  ["[TOLOWER('ABC')]", "abc"],
  ["[createObject('Key', 1).key]", 1],
  ["[equals('a', 'A')]", false],
  ["[startsWith('Hello', 'he')]", true],
  ["[endsWith('Hello', 'LO')]", true],
  ["[indexOf('Hello', 'L')]", 2],
  ["[lastIndexOf('Hello', 'L')]", 3],
  ["[contains('Hello', 'h')]", false],
  ["[contains(createObject('Key', 1), 'KEY')]", true],
  // string()
  ["[string(true)]", "True"],
  ["[string(false)]", "False"],
  ["[string(createObject('a', 1))]", '{"a":1}'],
  ["[string(createArray(1, 'x'))]", '[1,"x"]'],
  ["[string(7)]", "7"],
  // collections
  [
    "[items(createObject('b', 2, 'a', 1, 'C', 3))]",
    [
      { key: "a", value: 1 },
      { key: "b", value: 2 },
      { key: "C", value: 3 },
    ],
  ],
  ["[union(createObject('a', createObject('x', 1, 'y', 2)), createObject('a', createObject('y', 3), 'b', 4))]", { a: { x: 1, y: 3 }, b: 4 }],
  ["[union(createArray(1, 2), createArray(2, 3))]", [1, 2, 3]],
  ["[intersection(createArray(1, 2, 3), createArray(2, 3, 4))]", [2, 3]],
  ["[concat(createArray(1), createArray(2, 3))]", [1, 2, 3]],
  ["[concat('a', 1, true)]", "a1True"],
  ["[first(createArray())]", null],
  ["[last('abc')]", "c"],
  ["[skip('abcdef', 2)]", "cdef"],
  ["[take(createArray(1, 2, 3), 5)]", [1, 2, 3]],
  ["[range(5, 3)]", [5, 6, 7]],
  ["[length(createObject('a', 1, 'b', 2))]", 2],
  ["[empty('')]", true],
  ["[empty(null())]", true],
  ["[max(createArray(1, 9, 3))]", 9],
  ["[min(4, 2, 8)]", 2],
  ["[flatten(createArray(createArray(1), createArray(2, 3)))]", [1, 2, 3]],
  ["[tryGet(createObject('a', createObject('b', 1)), 'a', 'b')]", 1],
  ["[tryGet(createObject('a', 1), 'missing')]", null],
  ["[indexFromEnd(createArray(1, 2, 3), 1)]", 3],
  ["[tryIndexFromEnd(createArray(1), 5)]", null],
  ["[objectKeys(createObject('a', 1, 'b', 2))]", ["a", "b"]],
  ["[shallowMerge(createArray(createObject('a', 1), createObject('b', 2)))]", { a: 1, b: 2 }],
  ["[json('{\"a\": [1, null]}')]", { a: [1, null] }],
  ["[json('null')]", null],
  // logic and numbers
  ["[if(true(), 'yes', 'no')]", "yes"],
  ["[and(true(), false())]", false],
  ["[or(false(), true())]", true],
  ["[not(false())]", true],
  ["[bool('TRUE')]", true],
  ["[coalesce(null(), null(), 'x', 'y')]", "x"],
  ["[div(7, 2)]", 3],
  ["[div(-7, 2)]", -3],
  ["[mod(-7, 2)]", -1],
  ["[int('42')]", 42],
  ["[greater('b', 'a')]", true],
  ["[lessOrEquals(2, 2)]", true],
  // strings
  ["[format('{0}-{1:D3}-{{x}}', 'a', 7)]", "a-007-{x}"],
  ["[format('{0,5}|{1,-3}|', 'ab', 'c')]", "   ab|c  |"],
  ["[padLeft(13, 5)]", "   13"],
  ["[padLeft('7', 3, '0')]", "007"],
  ["[replace('a-b-c', '-', '+')]", "a+b+c"],
  ["[split('a,b;c', createArray(',', ';'))]", ["a", "b", "c"]],
  ["[substring('hello', 1, 3)]", "ell"],
  ["[trim('  x ')]", "x"],
  ["[join(createArray('a', 'b'), '/')]", "a/b"],
  ["[base64('hi')]", "aGk="],
  ["[base64ToString('aGk=')]", "hi"],
  ["[base64ToJson(base64('{\"a\":1}'))]", { a: 1 }],
  ["[dataUri('Hello')]", "data:text/plain;charset=utf8;base64,SGVsbG8="],
  ["[dataUriToString('data:text/plain;charset=utf8;base64,SGVsbG8=')]", "Hello"],
  ["[uriComponent('UB*8h 0+=_)9h9n')]", "UB%2A8h%200%2B%3D_%299h9n"],
  ["[uriComponentToString('a%20b')]", "a b"],
  ["[uri('https://example.com/a/', 'b')]", "https://example.com/a/b"],
  // hashes: vectors from the Bicep baselines and the azapi provider
  ["[uniqueString('asd', 'asdf', 'asdf')]", "iizpqit7ih3cc"],
  ["[uniqueString('/subscriptions/00000000-0000-0000-0000-000000000000', 'resource-id')]", "cwvxuqg24sifi"],
  ["[guid('asdf')]", "228d27cc-6fdb-5934-b7ac-1efccebade04"],
  // dates
  ["[dateTimeFromEpoch(1680224438)]", "2023-03-31T01:00:38Z"],
  ["[dateTimeAdd(dateTimeFromEpoch(1680224438), 'P1D')]", "2023-04-01T01:00:38Z"],
  ["[dateTimeAdd('2020-01-31T00:00:00Z', 'PT1H30M', 'yyyy-MM-dd HH:mm')]", "2020-01-31 01:30"],
  ["[dateTimeToEpoch('2023-03-31T01:00:38Z')]", 1680224438],
  // CIDR: the examples of the ARM documentation
  [
    "[parseCidr('10.144.0.0/20')]",
    { network: "10.144.0.0", netmask: "255.255.240.0", broadcast: "10.144.15.255", firstUsable: "10.144.0.1", lastUsable: "10.144.15.254", cidr: 20 },
  ],
  [
    "[parseCidr('fdad:3236:5555::/48')]",
    {
      network: "fdad:3236:5555::",
      netmask: "ffff:ffff:ffff::",
      firstUsable: "fdad:3236:5555::",
      lastUsable: "fdad:3236:5555:ffff:ffff:ffff:ffff:ffff",
      cidr: 48,
    },
  ],
  ["[cidrSubnet('10.144.0.0/20', 24, 4)]", "10.144.4.0/24"],
  ["[cidrSubnet('fdad:3236:5555::/48', 52, 3)]", "fdad:3236:5555:3000::/52"],
  ["[cidrHost('10.144.3.0/24', 0)]", "10.144.3.1"],
  ["[cidrHost('fdad:3236:5555:3000::/52', 4)]", "fdad:3236:5555:3000::5"],
  // lambdas
  ["[map(createArray(1, 2, 3), lambda('x', mul(lambdaVariables('x'), 2)))]", [2, 4, 6]],
  ["[map(createArray('a', 'b'), lambda('x', 'i', concat(lambdaVariables('x'), string(lambdaVariables('i')))))]", ["a0", "b1"]],
  ["[filter(createArray(1, 2, 3, 4), lambda('x', equals(mod(lambdaVariables('x'), 2), 0)))]", [2, 4]],
  ["[reduce(createArray(1, 2, 3), 10, lambda('acc', 'x', add(lambdaVariables('acc'), lambdaVariables('x'))))]", 16],
  ["[sort(createArray(3, 1, 2), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]", [1, 2, 3]],
  ["[toObject(createArray('a', 'b'), lambda('x', lambdaVariables('x')), lambda('x', toUpper(lambdaVariables('x'))))]", { a: "A", b: "B" }],
  ["[groupBy(createArray('ab', 'ac', 'b'), lambda('x', first(lambdaVariables('x'))))]", { a: ["ab", "ac"], b: ["b"] }],
  ["[mapValues(createObject('a', 1), lambda('v', add(lambdaVariables('v'), 1)))]", { a: 2 }],
];

for (const [expression, expected] of cases) {
  test(expression, () => assert.equal(ev(expression), expected));
}

test("laziness: if() evaluates only the branch it takes", () => {
  assert.is(ev("[if(true(), 'ok', createObject('a', 1).missing)]"), "ok");
  assert.is(ev("[if(false(), div(1, 0), 'ok')]"), "ok");
});

test("laziness: and/or/coalesce stop at the first deciding argument", () => {
  const p = { parameters: { list: { type: "array", defaultValue: [] } } };
  assert.is(ev("[and(not(empty(parameters('list'))), parameters('list')[0].enabled)]", p), false);
  assert.is(ev("[or(empty(parameters('list')), parameters('list')[0].enabled)]", p), true);
  assert.is(ev("[coalesce('first', parameters('list')[5])]", p), "first");
});

test("parameters and variables are looked up case-insensitively and lazily, in any order", () => {
  const sections = {
    parameters: { Prefix: { type: "string", defaultValue: "[variables('base')]" } },
    variables: { full: "[concat(parameters('PREFIX'), '-x')]", base: "acs" },
  };
  assert.is(ev("[variables('FULL')]", sections), "acs-x");
});

test("user-defined functions, with namespaces, may call each other", () => {
  const functions = [
    {
      namespace: "ns",
      members: {
        twice: { parameters: [{ name: "v", type: "string" }], output: { type: "string", value: "[concat(parameters('v'), parameters('v'))]" } },
        wrap: { parameters: [{ name: "v", type: "string" }], output: { type: "string", value: "[concat('<', ns.twice(parameters('v')), '>')]" } },
      },
    },
  ];
  assert.is(ev("[ns.wrap('ab')]", { functions }), "<abab>");
});

test("deployment-context functions return the configured context", () => {
  const ctx = { subscriptionId: "sub-1", resourceGroup: "rg-1", location: "westeurope" };
  assert.is(ev("[resourceGroup().id]", {}, { context: ctx }), "/subscriptions/sub-1/resourceGroups/rg-1");
  assert.is(ev("[resourceGroup().location]", {}, { context: ctx }), "westeurope");
  assert.is(ev("[subscription().subscriptionId]", {}, { context: ctx }), "sub-1");
  assert.is(ev("[environment().suffixes.storage]"), "core.windows.net");
});

test("the resource group's location is unknown unless the context gives it, never a guess", () => {
  const location = unknownOf("[resourceGroup().location]");
  assert.is(location.detail, "the resource group's location is known only at deployment; set context.location in the configuration to judge it");
  // One group's location is one value, whatever it turns out to be; another group's is another.
  assert.is(location.facts.origin, unknownOf("[resourceGroup().location]").facts.origin);
  assert.is.not(location.facts.origin, unknownOf("[resourceGroup().location]", {}, { context: { resourceGroup: "other" } }).facts.origin);
  assert.is(ev("[resourceGroup().location]", {}, { context: { location: "westeurope" } }), "westeurope");
});

test("resource ids", () => {
  assert.is(
    ev("[resourceId('Microsoft.Communication/emailServices/domains', 'mail', 'example.com')]"),
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resource-group/providers/Microsoft.Communication/emailServices/mail/domains/example.com",
  );
  assert.is(
    ev("[resourceId('other-rg', 'Microsoft.Web/sites', 'app')]"),
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/other-rg/providers/Microsoft.Web/sites/app",
  );
  assert.is(
    ev("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'abc')]"),
    "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/abc",
  );
  assert.is(ev("[tenantResourceId('Microsoft.Management/managementGroups', 'mg')]"), "/providers/Microsoft.Management/managementGroups/mg");
  assert.is(
    ev(
      "[extensionResourceId('/subscriptions/s/resourceGroups/r/providers/Microsoft.Communication/communicationServices/acs', 'Microsoft.Insights/diagnosticSettings', 'd')]",
    ),
    "/subscriptions/s/resourceGroups/r/providers/Microsoft.Communication/communicationServices/acs/providers/Microsoft.Insights/diagnosticSettings/d",
  );
});

test("unknowns: a parameter without a value is unknown, with the reason", () => {
  const u = unknownOf("[parameters('x')]", { parameters: { x: { type: "string" } } });
  assert.is(u.reason, "missing-parameter");
  assert.is(u.detail, "parameter x has no value");
});

test("unknowns: a nullable parameter without a value is null", () => {
  assert.is(ev("[parameters('x')]", { parameters: { x: { type: "string", nullable: true } } }), null);
});

test("unknowns propagate through functions and property access", () => {
  const p = { parameters: { x: { type: "object" } } };
  assert.is(unknownOf("[toUpper(parameters('x').a.b)]", p).reason, "missing-parameter");
  assert.is(unknownOf("[concat('a', string(parameters('x')))]", p).reason, "missing-parameter");
  assert.is(unknownOf("[equals(createArray(parameters('x')), createArray(1))]", p).reason, "missing-parameter");
  assert.is(ev("[length(createArray(parameters('x'), 2))]", p), 2, "a known-length array with unknown elements");
  assert.is(ev("[if(true(), 'known', parameters('x'))]", p), "known");
  assert.is(unknownOf("[coalesce(parameters('x'), 'fallback')]", p).reason, "missing-parameter", "an unknown may be null");
});

test("unknowns: runtime functions", () => {
  assert.equal(unknownOf("[utcNow()]").functions, ["utcnow"]);
  assert.equal(unknownOf("[newGuid()]").functions, ["newguid"]);
  assert.equal(unknownOf("[reference('/subscriptions/s/resourceGroups/r/providers/Microsoft.Web/sites/app').siteConfig]").target, {
    type: "microsoft.web/sites",
    id: "/subscriptions/s/resourceGroups/r/providers/Microsoft.Web/sites/app",
  });
});

test("list* gives a secret unknown that knows its target's type, even when the name is unknown", () => {
  const p = { parameters: { name: { type: "string" } } };
  const u = unknownOf("[listKeys(resourceId('Microsoft.Communication/communicationServices', parameters('name')), '2025-05-01').primaryConnectionString]", p);
  assert.ok(u.secret);
  assert.equal(u.functions, ["listkeys"]);
  assert.equal(u.target, { type: "microsoft.communication/communicationservices" });
});

test("a failing expression becomes an unknown for that value only", () => {
  const u = unknownOf("[createObject('a', 1).missing]");
  assert.is(u.reason, "error");
  assert.match(u.detail!, "the property 'missing' does not exist");
  assert.is(unknownOf("[div(1, 0)]").reason, "error");
  assert.is(unknownOf("[substring('abc', 2, 5)]").reason, "error");
  assert.is(unknownOf("[noSuchFunction()]").reason, "unsupported");
});

test.run();
