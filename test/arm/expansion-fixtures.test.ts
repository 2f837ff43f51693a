import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { expandTemplate, type JsonObject } from "../../src/arm/index.js";
import { readSource } from "../../src/reader/index.js";
import { repoPath } from "../helpers.js";
import { plain } from "./helpers.js";

const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(JSON.parse(readFileSync(repoPath("schemas/expansion.schema.json"), "utf8")));
const root = repoPath("fixtures/expander");

/** Expands a fixture folder's template.json (with template.parameters.json when there is one). */
export function expandFixture(name: string): unknown {
  const dir = join(root, name);
  const template = readSource("template.json", readFileSync(join(dir, "template.json")));
  const paramsPath = join(dir, "template.parameters.json");
  const params = existsSync(paramsPath) ? readSource("template.parameters.json", readFileSync(paramsPath)) : undefined;
  const expanded = expandTemplate("template.json", template.value as JsonObject, params ? { parameterFile: { file: params.path, value: params.value } } : {});
  return plain(expanded);
}

// Each fixture's expansion is checked in beside it (expected.json) and must match exactly.
// UPDATE_EXPECTED=1 rewrites the files; review the diff before committing it.
for (const name of readdirSync(root).sort()) {
  test(`expands ${name} as expected`, () => {
    const actual = expandFixture(name);
    assert.ok(validate(actual), `schema: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    const expectedPath = join(root, name, "expected.json");
    if (process.env["UPDATE_EXPECTED"] === "1") writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + "\n");
    assert.equal(actual, JSON.parse(readFileSync(expectedPath, "utf8")));
  });
}

/** JSON pointers of every unknown in a value. */
function unknownPaths(v: unknown, at = ""): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => unknownPaths(x, `${at}/${i}`));
  if (v && typeof v === "object") {
    if ("$unknown" in v) return [at];
    return Object.entries(v).flatMap(([k, x]) => unknownPaths(x, `${at}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`));
  }
  return [];
}

test("the Bicep-shaped module expands completely when its parameters are supplied", () => {
  assert.equal(unknownPaths(expandFixture("bicep-module")), []);
});

test("without parameters, exactly the values that depend on the missing ones are unknown", () => {
  const expanded = expandFixture("bicep-module-unresolved") as { resources: unknown[] };
  assert.equal(unknownPaths(expanded.resources), [
    "/0/name",
    "/0/id",
    "/0/properties/dataLocation",
    "/0/properties/linkedDomains/0",
    "/1/properties/parameters/name/value",
    "/1/properties/parameters/dataLocation/value",
    "/2/name",
    "/2/id",
    "/2/properties/dataLocation",
    "/3/name",
    "/3/id",
    "/3/parentId",
  ]);
});

interface Expanded {
  resources: Array<{ name: string; properties: Record<string, unknown> }>;
  notices: unknown[];
}

test("a property copy loop in an inner-scope deployment's parameters becomes the parameter's value", () => {
  const expanded = expandFixture("nested-parameter-copy") as Expanded;
  assert.equal(expanded.notices, []);
  const [deployment, acs] = expanded.resources;
  assert.equal(deployment!.properties["parameters"], {
    localAuthOff: { value: [true, false] },
    domains: {
      value: [
        { zone: "Europe", index: 1 },
        { zone: "UK", index: 2 },
      ],
    },
  });
  assert.equal(acs!.properties, { dataLocation: "Europe", disableLocalAuth: true });
});

test("languageVersion 2.0: a property copy loop in a module's parameters becomes the parameter's value", () => {
  const expanded = expandFixture("nested-parameter-copy-symbolic") as Expanded;
  assert.equal(expanded.notices, []);
  assert.equal(
    expanded.resources.map((r) => [r.name, r.properties["disableLocalAuth"] ?? r.properties["parameters"]]),
    [
      ["comms-module", { localAuthOff: { value: [true, false] } }],
      ["symbolic-looped-parameters-acs", true],
    ],
  );
});

test.run();
