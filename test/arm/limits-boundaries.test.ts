import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DEFAULT_LIMITS, expandTemplate, type JsonObject } from "../../src/arm/index.js";
import { MAX_COPY_VALUES } from "../../src/arm/limits.js";
import { preview } from "../../src/arm/preview.js";
import { parseBicep } from "../../src/bicep/parser.js";
import { rulesById } from "../../src/catalog/index.js";
import { compileGlob, MAX_GLOB_LENGTH, resolveOptions } from "../../src/config/index.js";
import { judge } from "../../src/judge/index.js";
import { loadCatalog, loadEngine } from "../../src/node/index.js";
import { MAX_SOURCE_BYTES } from "../../src/reader/index.js";
import { parseGitignore } from "../../src/scan/gitignore.js";
import { fitStepSummary, STEP_SUMMARY_LIMIT } from "../../src/ci/github-action.js";
import { excerptAt, lineStarts } from "../../src/evidence/excerpt.js";
import { createScanner } from "../../src/index.js";
import { repoPath } from "../helpers.js";
import { MAX_ALIAS_COUNT, MAX_CONFIG_BYTES } from "../../src/node/index.js";
import { loadConfig } from "../../src/node/index.js";
import { readSource } from "../../src/reader/index.js";
import { MAX_JSON_DEPTH } from "../../src/reader/json-structure.js";
import { tempDir } from "../../scripts/temp-dir.js";

// Every limit in docs/security.md, at its value (accepted) and just past it (refused, naming it:
// thrown for the whole file, or an error of the one part that exceeds it).
// The file and policy-input limits are in test/scan/filesystem.test.ts,
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
  const dir = tempDir("acs-config-limits-");
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

test(`work: ${DEFAULT_LIMITS.steps} steps, at the value and one past`, () => {
  // Fifty variables of range(0, k) cost a fixed overhead plus one step per element: the overhead is
  // measured with a budget of its own, then the elements fill the default budget exactly.
  const template = (elements: number) => {
    const variables: Record<string, string> = {};
    for (let i = 0; i < 50; i++) {
      const k = Math.min(DEFAULT_LIMITS.arrayLength, elements);
      elements -= k;
      variables[`v${i}`] = `[range(0, ${k})]`;
    }
    return { $schema: SCHEMA, contentVersion: "1.0.0.0", resources: [], variables } as unknown as JsonObject;
  };
  const passes = (elements: number, steps?: number) => {
    try {
      expandTemplate("t.json", template(elements), steps === undefined ? {} : { limits: { steps } });
      return true;
    } catch (e) {
      if (!/more than \d+ steps/.test((e as Error).message)) throw e;
      return false;
    }
  };
  let low = 0;
  let high = 10_000;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (passes(0, mid)) high = mid;
    else low = mid + 1;
  }
  const overhead = low;
  assert.ok(passes(0, overhead) && !passes(0, overhead - 1));
  assert.ok(passes(DEFAULT_LIMITS.steps - overhead), "at the value");
  assert.not.ok(passes(DEFAULT_LIMITS.steps - overhead + 1), "one past");
});

test("policy engine memory: 1 GiB, reserved whole (an input needing more fails, test/engine)", () => {
  assert.is(loadEngine().memoryBytes, 1024 * 1024 * 1024);
});

test(`quoted values: ${100} characters, keys ${80}`, () => {
  assert.is(preview("x".repeat(98)), `"${"x".repeat(98)}"`, "100 characters with the quotes, whole");
  assert.is(preview("x".repeat(99)), `"${"x".repeat(99)}…`, "one past: cut at 100");
  const keys = (n: number) => readSource("t.json", `{"${"k".repeat(n)}": 1, "${"K".repeat(n)}": 2}`);
  assert.match(
    refused(() => keys(80)),
    `'${"k".repeat(80)}' and '${"K".repeat(80)}'`,
  );
  assert.match(
    refused(() => keys(81)),
    `'${"k".repeat(80)}…' and '${"K".repeat(80)}…'`,
  );
});

test(`glob patterns: ${MAX_GLOB_LENGTH} characters`, () => {
  assert.ok(compileGlob("a".repeat(MAX_GLOB_LENGTH)).test("a".repeat(MAX_GLOB_LENGTH)));
  assert.throws(() => compileGlob("a".repeat(MAX_GLOB_LENGTH + 1)), `longer than ${MAX_GLOB_LENGTH} characters`);
  const rules = rulesById(loadCatalog());
  const inline = (n: number) =>
    judge([], () => undefined, resolveOptions({}, rules), rules, undefined, [
      {
        index: 0,
        metadata: { "acs-baseline": { suppress: [{ rule: `ACS-NET-001${"*".repeat(n - 11)}`, justification: "x" }] } },
        file: "t.json",
        pointer: "/resources/0",
      },
    ]).notices.map((n) => n.message);
  assert.equal(inline(MAX_GLOB_LENGTH), ["the inline suppression of ACS-NET-001" + "*".repeat(MAX_GLOB_LENGTH - 11) + ' matched no finding ("x")']);
  assert.equal(inline(MAX_GLOB_LENGTH + 1), [`an inline suppression's rule pattern is longer than ${MAX_GLOB_LENGTH} characters, so it is ignored`]);
  // .gitignore: the line as written (braces it escapes and the `**/` it implies do not count)
  const ignored = (n: number) => parseGitignore(`${"{".repeat(n - 1)}*`, "/r");
  assert.ok(ignored(MAX_GLOB_LENGTH)[0]!.glob.test(`d/${"{".repeat(MAX_GLOB_LENGTH - 1)}.json`));
  assert.is(ignored(MAX_GLOB_LENGTH + 1).length, 0, "one past: the line is skipped");
});

test("Bicep sources: values nest 256 levels, string interpolations 64 inside a string", () => {
  const values = (levels: number) => () => parseBicep(`var x = ${"[".repeat(levels)}${"]".repeat(levels)}\n`);
  values(256)();
  assert.match(refused(values(257)), "values nest deeper than 256 levels");
  const strings = (nested: number) => () => {
    let s = "1";
    for (let i = 0; i < nested; i++) s = `'\${${s}}'`;
    return parseBicep(`var x = ${s}\n`);
  };
  strings(65)();
  assert.match(refused(strings(66)), "string interpolations nest too deeply");
});

test("parts of one template that cannot be expanded: 100, then the whole template is refused", () => {
  const broken = (n: number) => expand({ variables: Object.fromEntries(Array.from({ length: n }, (_, i) => [`v${i}`, `[concat(${i}, ]`])) });
  assert.is(broken(100).errors.length, 100);
  assert.match(
    refused(() => broken(101)),
    /^more than 100 parts of the template cannot be expanded/,
  );
});

test(".gitignore: 10,000 lines read per file, the rest ignored (so more files are scanned, never fewer)", () => {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `f${i}.json`).join("\n");
  assert.is(parseGitignore(lines(10_000), "").length, 10_000);
  assert.is(parseGitignore(lines(10_001), "").length, 10_000);
});

test(`standard input: ${MAX_SOURCE_BYTES} bytes, at the value and one past`, () => {
  const stdin = (bytes: number) => {
    const input = Buffer.alloc(bytes, 0x20);
    input.write("{}");
    return spawnSync(process.execPath, [repoPath("bin/acs-baseline.js"), "scan", "-"], { input, timeout: 120_000 });
  };
  const at = stdin(MAX_SOURCE_BYTES);
  assert.is(at.status, 0, at.stdout.toString());
  const past = stdin(MAX_SOURCE_BYTES + 1);
  assert.is(past.status, 2);
  assert.match(past.stdout.toString(), /stdin\.json: file is larger than the 16 MiB limit/);
});

// Bounds on what is shown, not on what is judged (security.md, "Bounds on what is shown and kept").

const acsTemplate = (extra: Record<string, unknown>, properties: Record<string, unknown>, condition?: string) => ({
  $schema: SCHEMA,
  contentVersion: "1.0.0.0",
  ...extra,
  resources: [
    {
      type: "Microsoft.Communication/communicationServices",
      apiVersion: "2025-05-01",
      name: "acs",
      location: "global",
      properties: { dataLocation: "Europe", ...properties },
      ...(condition ? { condition } : {}),
    },
  ],
});
const localAuth = (template: object) =>
  createScanner()
    .scanTemplate(template)
    .findings.find((f) => f.ruleId === "ACS-IAM-001")!;

test("traces: 24 steps, 10 levels deep", () => {
  // `or` of n variables: the property and one step per variable.
  const wide = (n: number) => {
    const names = Array.from({ length: n }, (_, i) => `a${i}`);
    const used = names.map((v) => `variables('${v}')`).join(", ");
    return localAuth(acsTemplate({ variables: Object.fromEntries(names.map((v) => [v, false])) }, { disableLocalAuth: `[or(${used}, false)]` })).trace!;
  };
  assert.is(wide(23).length, 24);
  assert.is(wide(23).at(-1)!.label, "variables('a22')", "at the value: every variable");
  assert.is(wide(24).length, 24, "one past: cut at 24");
  // A chain of n variables, each the next one's value: one level each.
  const deep = (n: number) => {
    const variables: Record<string, unknown> = { v0: false };
    for (let i = 1; i < n; i++) variables[`v${i}`] = `[variables('v${i - 1}')]`;
    return localAuth(acsTemplate({ variables }, { disableLocalAuth: `[variables('v${n - 1}')]` })).trace!;
  };
  assert.is(deep(10).at(-1)!.label, "variables('v0')", "at the value: down to the literal");
  assert.is(deep(11).length, 11);
  assert.is(deep(11).at(-1)!.label, "variables('v1')", "one past: the last level is left out");
});

test("allowed values judged one by one: 32, then the parameter is plainly unknown", () => {
  const allowed = (n: number) =>
    localAuth(
      acsTemplate(
        { parameters: { environment: { type: "string", allowedValues: Array.from({ length: n }, (_, i) => `e${i}`) } } },
        { disableLocalAuth: false },
        "[not(equals(parameters('environment'), 'none'))]",
      ),
    ).message;
  assert.not.match(allowed(32), "deployed only when", "at the value: the condition holds for every allowed value");
  assert.match(allowed(33), "deployed only when [parameters('environment')] (parameter environment has no value)");
});

test(`GitHub job summary: ${STEP_SUMMARY_LIMIT} bytes`, () => {
  const at = `${"x".repeat(1023)}\n`.repeat(STEP_SUMMARY_LIMIT / 1024);
  assert.is(Buffer.byteLength(at), STEP_SUMMARY_LIMIT);
  assert.is(fitStepSummary(at), at);
  const past = fitStepSummary(`${at}y`);
  assert.ok(Buffer.byteLength(past) <= STEP_SUMMARY_LIMIT);
  assert.match(past, "more lines are left out: GitHub takes at most 1 MiB of job summary");
});

test("evidence excerpts: lines of 200 characters", () => {
  const line = (n: number) => {
    const text = "x".repeat(n);
    return excerptAt(text, lineStarts(text), 1).lines[0];
  };
  assert.is(line(200), "x".repeat(200));
  assert.is(line(201), `${"x".repeat(200)}…`);
});

test.run();
