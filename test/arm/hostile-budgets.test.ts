import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkPolicyInput, expandTemplate, type JsonObject } from "../../src/arm/index.js";
import { DEFAULT_LIMITS, MAX_POLICY_INPUT_BYTES } from "../../src/arm/limits.js";
import { loadConfig } from "../../src/node/index.js";
import { createScanner } from "../../src/index.js";
import { describeForeignError } from "../../src/pipeline/foreign-errors.js";
import { tempDir } from "../../scripts/temp-dir.js";
import { SCHEMA, expansionFault } from "./helpers.js";

// Classes 2, 3 and 7 of the hostile-input suite: work charged by the size of what it touches,
// documented limits honoured at and just past their values, foreign errors said in our words.

const acs = (extra: Record<string, unknown> = {}) => ({
  type: "Microsoft.Communication/communicationServices",
  apiVersion: "2025-05-01",
  name: "acs",
  location: "global",
  properties: { dataLocation: "Europe", disableLocalAuth: true },
  ...extra,
});
const template = (extra: Record<string, unknown>) => ({ $schema: SCHEMA, contentVersion: "1.0.0.0", resources: [acs()], ...extra });
const expand = (t: Record<string, unknown>) => expandTemplate("t.json", t as unknown as JsonObject);

// Forty variables, each an array of the previous one twice: 2^41 leaves in ~120 steps.
const doubling: Record<string, string> = { v0: "[createArray('x', 'x')]" };
for (let i = 1; i <= 40; i++) doubling[`v${i}`] = `[createArray(variables('v${i - 1}'), variables('v${i - 1}'))]`;

test("functions that walk a value whole are charged its full size, shared parts counted each time", () => {
  for (const expression of [
    "[string(variables('v40'))]",
    "[equals(variables('v40'), variables('v39'))]",
    "[contains(variables('v40'), 'y')]",
    "[union(variables('v40'), variables('v40'))]",
  ]) {
    const e = expansionFault(() => expand(template({ variables: doubling, outputs: { o: { type: "string", value: expression } } })));
    assert.match(e.message, `more than ${DEFAULT_LIMITS.steps} steps`, expression);
  }
  // Cheap operations on the same value stay cheap.
  const ok = expand(template({ variables: doubling, outputs: { o: { type: "int", value: "[length(variables('v40'))]" } } }));
  assert.is(ok.outputs[0]!.value, 2);
});

test("a long string read whole by any function is charged its length each time: a million characters read 100,000 times is refused", () => {
  const big = "[padLeft('', 1048576, 'x')]";
  for (const call of [
    "toLower(variables('s'))",
    "substring(variables('s'), 1)",
    "take(variables('s'), 1048575)",
    "startsWith(variables('s'), variables('s'))",
    "base64ToString(variables('b'))",
    "guid(variables('s'))",
    "trim(variables('s'))",
  ]) {
    const e = expansionFault(() =>
      expand(
        template({
          variables: { s: big, b: `[base64(${big.slice(1, -1)})]`, many: "[range(0, 100000)]" },
          outputs: { o: { type: "int", value: `[length(map(variables('many'), lambda('i', ${call})))]` } },
        }),
      ),
    );
    assert.match(e.message, `more than ${DEFAULT_LIMITS.steps} steps`, call);
  }
  // Short strings cost nothing more than the call.
  const ok = expand(template({ outputs: { o: { type: "int", value: "[length(map(range(0, 100000), lambda('i', toLower('ABC'))))]" } } }));
  assert.is(ok.outputs[0]!.value, 100_000);
});

test("the policy input budget holds at its value and just past it", () => {
  // {"s": "..."}: 2 for the object, 3 for the key, the string and its quotes.
  const input = (chars: number) => ({ s: "x".repeat(chars) });
  checkPolicyInput(input(MAX_POLICY_INPUT_BYTES - 7));
  assert.match(expansionFault(() => checkPolicyInput(input(MAX_POLICY_INPUT_BYTES - 6))).message, "larger than the 16 MiB limit (reached at s)");
  // Shared values count every time: a 2^41-leaf value is refused after at most the budget's work.
  const expanded = expansionFault(() => {
    const t = expand(template({ variables: doubling }));
    checkPolicyInput({ variables: t.variables });
  });
  assert.match(expanded.message, "more than 250000 values");
});

test("a 4 Mi-character string referenced 100,000 times is a per-file error, not a crash", () => {
  const t = template({
    variables: { s: "[padLeft('', 4194304, 'x')]", many: "[map(range(0, 100000), lambda('i', variables('s')))]" },
    resources: [acs({ tags: { t: "[variables('many')]" } })],
  });
  const result = createScanner().scanText(JSON.stringify(t), "big.json");
  assert.match(result.error?.message ?? "", /larger than the 16 MiB limit/);
});

test("a computed unpaired surrogate is refused in our words, before the policy engine sees it", () => {
  const t = template({ resources: [acs({ tags: { t: "[substring('\ud83d\ude00', 0, 1)]" } })] });
  const result = createScanner().scanText(JSON.stringify(t), "surrogate.json");
  assert.match(result.error?.message ?? "", /resources\[0\]\.tags\.t holds an unpaired UTF-16 surrogate/);
  assert.not.match(result.error?.message ?? "", /illegal string escape/);
});

test(`the resource limit (${DEFAULT_LIMITS.resources}) holds at its value and just past it`, () => {
  const many = (n: number) => template({ resources: Array.from({ length: n }, (_, i) => acs({ name: `acs-${i}` })) });
  assert.is(expand(many(DEFAULT_LIMITS.resources)).resources.length, DEFAULT_LIMITS.resources);
  assert.match(expansionFault(() => expand(many(DEFAULT_LIMITS.resources + 1))).message, `more than ${DEFAULT_LIMITS.resources} resources`);
});

// Copies of deployments that hold copies: 800 × 801 resources in a few hundred bytes.
const copiedDeployments = (deployments: number | string, inner: number | string) =>
  template({
    resources: [
      {
        type: "Microsoft.Resources/deployments",
        apiVersion: "2022-09-01",
        name: "[concat('d', copyIndex())]",
        copy: { name: "d", count: deployments },
        properties: {
          mode: "Incremental",
          expressionEvaluationOptions: { scope: "inner" },
          template: template({ resources: [acs({ name: "[concat('acs', copyIndex())]", copy: { name: "c", count: inner } })] }),
        },
      },
    ],
  });

test("the resource count of copies and nested deployments is predicted from literal counts before any expansion", () => {
  // 12 × (1 + 800) = 9,612 resources are within the limit; 13 × 801 = 10,413 are not.
  assert.is(expand(copiedDeployments(12, 800)).resources.length, 12 * 801);
  assert.match(
    expansionFault(() => expand(copiedDeployments(13, 800))).message,
    `more than ${DEFAULT_LIMITS.resources} resources (its copy loops and nested deployments make at least 10413)`,
  );
  assert.match(expansionFault(() => expand(copiedDeployments(800, 800))).message, /make at least 640800\)$/);
});

test("counts from expressions are charged as each instance is declared, conditions honoured", () => {
  const refusal = expansionFault(() => expand(copiedDeployments("[add(799, 1)]", "[add(799, 1)]")));
  assert.is(refusal.message, `the template deploys more than ${DEFAULT_LIMITS.resources} resources`);
  // Only the instances a condition keeps count: 20 loops of 800, one instance each.
  const sparse = Array.from({ length: 20 }, (_, i) =>
    acs({ name: `[concat('acs${i}-', copyIndex())]`, copy: { name: `c${i}`, count: 800 }, condition: "[equals(copyIndex(), 0)]" }),
  );
  assert.is(expand(template({ resources: sparse })).resources.length, 20);
});

test("allowedValues: 100,000 values against 100,000 allowed in one pass, one short warning", () => {
  const allowed = Array.from({ length: 100_000 }, (_, i) => `a${i}`);
  const value = Array.from({ length: 100_000 }, (_, i) => `${"v".repeat(i === 0 ? 5_000_000 : 1)}${i}`);
  const t = template({ parameters: { p: { type: "array", allowedValues: allowed, defaultValue: value } } });
  const warnings = expand(t).notices.filter((n) => n.message.includes("allowed values"));
  assert.is(warnings.length, 1);
  assert.match(warnings[0]!.message, /^parameter p: 100000 values are not among the allowed values \(the first is "v{99}…\)$/);
});

test("foreign errors become messages naming the stage and the limit", () => {
  assert.match(
    describeForeignError(new RangeError("Maximum call stack size exceeded"), "expanding the template")!,
    /^expanding the template nests deeper than the scanner's stack allows/,
  );
  assert.match(describeForeignError(new RangeError("Invalid string length"), "building the input of the rules")!, /about 512 Mi characters/);
  assert.match(describeForeignError(new Error("policy evaluation failed: opa_malloc: failed"), "evaluating the rules")!, /1 GiB of memory/);
  assert.match(
    describeForeignError(new Error("policy evaluation failed: opa_malloc: failed (in log/logs_to_log_analytics)"), "evaluating the rules")!,
    /^evaluating the rules \(rule log\/logs_to_log_analytics\) needs more than/,
  );
  assert.match(
    describeForeignError(new Error("policy evaluation failed: illegal string escape character"), "evaluating the rules")!,
    /unpaired UTF-16 surrogate/,
  );
  assert.is(describeForeignError(new Error("parameter x has no value"), "expanding the template"), undefined);
});

test("a YAML alias bomb in the configuration is refused naming the file and the limit", () => {
  const dir = tempDir("acs-yaml-");
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (const [prev, name] of [
    ["a", "b"],
    ["b", "c"],
    ["c", "d"],
    ["d", "e"],
    ["e", "f"],
    ["f", "g"],
  ])
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
  writeFileSync(join(dir, ".acs-baseline.yaml"), lines.join("\n"));
  try {
    loadConfig(join(dir, ".acs-baseline.yaml"), new Map());
    assert.unreachable();
  } catch (e) {
    assert.match(String(e), /\.acs-baseline\.yaml: invalid YAML: aliases expand 100 times or more/);
  }
});

test.run();
