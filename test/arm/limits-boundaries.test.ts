import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DEFAULT_LIMITS, expandTemplate, type JsonObject } from "../../src/arm/index.js";
import { MAX_COPY_VALUES } from "../../src/arm/limits.js";
import { MAX_ALIAS_COUNT, MAX_CONFIG_BYTES } from "../../src/node/index.js";
import { loadConfig } from "../../src/node/index.js";
import { readSource } from "../../src/reader/index.js";
import { MAX_JSON_DEPTH } from "../../src/reader/json-structure.js";

// Every limit in docs/security.md, at its value (accepted) and just past it (refused, naming it:
// thrown for the whole file, or an error of the one part that exceeds it).
// The file, stdin and policy-input limits are in test/scan/filesystem.test.ts,
// test/arm/hostile-budgets.test.ts and test/scan/fuzz-regressions.test.ts.

const SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
const expand = (extra: Record<string, unknown>) =>
  expandTemplate("t.json", { $schema: SCHEMA, contentVersion: "1.0.0.0", resources: [], ...extra } as unknown as JsonObject);
const partErrors = (r: ReturnType<typeof expand>) => (r.errors ?? []).map((e) => e.message).join("\n");
const output = (type: string, value: unknown) => {
  const r = expand({ outputs: { o: { type, value } } });
  if (partErrors(r)) throw new Error(partErrors(r));
  return r.outputs[0]!.value;
};

/**
 * The message of a refusal: a limit of the whole expansion throws; one that a single part
 * (a variable, an output, a nested deployment) exceeds is an error of that part, and the rest of
 * the template is still expanded.
 */
function refused(fn: () => unknown): string {
  let result: unknown;
  try {
    result = fn();
  } catch (e) {
    return (e as Error).message;
  }
  const errors = partErrors(result as ReturnType<typeof expand>);
  if (errors) return errors;
  throw new Error("expected the limit to refuse");
}

test(`copy count: ${DEFAULT_LIMITS.copyCount}`, () => {
  const loop = (count: number) =>
    expand({ variables: { copy: [{ name: "v", count, input: "[copyIndex('v')]" }] }, outputs: { o: { type: "int", value: "[length(variables('v'))]" } } });
  assert.is(loop(DEFAULT_LIMITS.copyCount).outputs[0]!.value, DEFAULT_LIMITS.copyCount);
  assert.match(
    refused(() => loop(DEFAULT_LIMITS.copyCount + 1)),
    `over the limit of ${DEFAULT_LIMITS.copyCount}`,
  );
});

test(`values made by property copy loops: ${MAX_COPY_VALUES}`, () => {
  const loops = (extra: number) => [
    ...Array.from({ length: MAX_COPY_VALUES / 800 }, (_, i) => ({ name: `l${i}`, count: 800, input: "[copyIndex()]" })),
    ...(extra ? [{ name: "extra", count: extra, input: 1 }] : []),
  ];
  const resource = (extra: number) => ({
    type: "Microsoft.Communication/communicationServices",
    apiVersion: "2025-05-01",
    name: "acs",
    location: "global",
    properties: { copy: loops(extra) },
  });
  assert.is(expand({ resources: [resource(0)] }).resources.length, 1);
  assert.match(
    refused(() => expand({ resources: [resource(1)] })),
    `copy loops make more than ${MAX_COPY_VALUES} values`,
  );
});

test(`expression nesting: ${DEFAULT_LIMITS.expressionDepth} levels`, () => {
  const nested = (levels: number) => `[${"concat(".repeat(levels)}'a'${")".repeat(levels)}]`;
  assert.is(output("string", nested(DEFAULT_LIMITS.expressionDepth)), "a");
  assert.match(
    refused(() => output("string", nested(DEFAULT_LIMITS.expressionDepth + 1))),
    `nesting deeper than ${DEFAULT_LIMITS.expressionDepth}`,
  );
});

test(`call depth: ${DEFAULT_LIMITS.callDepth} levels`, () => {
  // f.r(0) calls itself until n reaches `last`: last + 1 nested calls.
  const recursion = (levels: number) => ({
    functions: [
      {
        namespace: "f",
        members: {
          r: {
            parameters: [{ name: "n", type: "int" }],
            output: { type: "int", value: `[if(equals(parameters('n'), ${levels - 1}), 0, f.r(add(parameters('n'), 1)))]` },
          },
        },
      },
    ],
    outputs: { o: { type: "int", value: "[f.r(0)]" } },
  });
  assert.is(expand(recursion(DEFAULT_LIMITS.callDepth)).outputs[0]!.value, 0);
  assert.match(
    refused(() => expand(recursion(DEFAULT_LIMITS.callDepth + 1))),
    `nests deeper than ${DEFAULT_LIMITS.callDepth} levels`,
  );
});

test(`deployment nesting: ${DEFAULT_LIMITS.deploymentDepth} levels`, () => {
  const nested = (levels: number) => {
    let template: Record<string, unknown> = { $schema: SCHEMA, contentVersion: "1.0.0.0", resources: [] };
    for (let i = 0; i < levels; i++) {
      template = {
        $schema: SCHEMA,
        contentVersion: "1.0.0.0",
        resources: [{ type: "Microsoft.Resources/deployments", apiVersion: "2022-09-01", name: `d${i}`, properties: { mode: "Incremental", template } }],
      };
    }
    return () => expandTemplate("t.json", template as unknown as JsonObject);
  };
  nested(DEFAULT_LIMITS.deploymentDepth)();
  assert.match(refused(nested(DEFAULT_LIMITS.deploymentDepth + 1)), `deeper than ${DEFAULT_LIMITS.deploymentDepth} levels`);
});

test(`string length: ${DEFAULT_LIMITS.stringLength} characters`, () => {
  const joined = (n: number) => `[length(concat(padLeft('', ${n - 1}, 'x'), 'y'))]`;
  assert.is(output("int", joined(DEFAULT_LIMITS.stringLength)), DEFAULT_LIMITS.stringLength);
  assert.match(
    refused(() => output("int", joined(DEFAULT_LIMITS.stringLength + 1))),
    `string longer than ${DEFAULT_LIMITS.stringLength} characters`,
  );
});

test(`array length: ${DEFAULT_LIMITS.arrayLength} elements`, () => {
  assert.is(output("int", `[length(range(0, ${DEFAULT_LIMITS.arrayLength}))]`), DEFAULT_LIMITS.arrayLength);
  assert.match(
    refused(() => output("int", `[length(range(0, ${DEFAULT_LIMITS.arrayLength + 1}))]`)),
    `array longer than ${DEFAULT_LIMITS.arrayLength}`,
  );
});

test(`JSON nesting: ${MAX_JSON_DEPTH} levels`, () => {
  const nested = (levels: number) => "[".repeat(levels) + "]".repeat(levels);
  readSource("t.json", nested(MAX_JSON_DEPTH));
  assert.match(
    refused(() => readSource("t.json", nested(MAX_JSON_DEPTH + 1))),
    `nesting deeper than ${MAX_JSON_DEPTH} levels`,
  );
});

test(`configuration: ${MAX_CONFIG_BYTES} bytes, fewer than ${MAX_ALIAS_COUNT} alias expansions`, () => {
  const dir = mkdtempSync(join(tmpdir(), "acs-config-limits-"));
  const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
  const padded = (bytes: number) => `failOn: high\n${"#".repeat(bytes - 14)}\n`;
  loadConfig(write("at.yaml", padded(MAX_CONFIG_BYTES)), new Map());
  assert.match(
    refused(() => loadConfig(write("past.yaml", padded(MAX_CONFIG_BYTES + 1)), new Map())),
    "larger than the 1 MiB limit",
  );
  const aliases = (n: number) => `context:\n  location: westus\ninclude: &a ["x"]\nexclude: [${Array(n).fill("*a").join(", ")}]\n`;
  assert.match(
    refused(() => loadConfig(write("a99.yaml", aliases(MAX_ALIAS_COUNT - 1)), new Map())),
    /exclude/,
    "read (then refused by the schema, not as a bomb)",
  );
  assert.match(
    refused(() => loadConfig(write("a100.yaml", aliases(MAX_ALIAS_COUNT)), new Map())),
    `aliases expand ${MAX_ALIAS_COUNT} times or more`,
  );
});

test.run();
