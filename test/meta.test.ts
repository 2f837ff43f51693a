import { existsSync, readFileSync, readdirSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadCatalog } from "../src/node/index.js";
import { Scanner } from "../src/scan/index.js";
import { generatedDocs } from "../scripts/docs.js";
import { TOOL } from "../src/version.js";
import { repoPath } from "./helpers.js";

const catalog = loadCatalog();

test("the tool's name and version are package.json's", () => {
  const pkg = JSON.parse(readFileSync(repoPath("package.json"), "utf8")) as { name: string; version: string };
  assert.equal(TOOL, { name: pkg.name, version: pkg.version });
});

test("the catalog has the 21 rules of the baseline, with unique ids", () => {
  const ids = catalog.rules.map((r) => r.id);
  assert.is(ids.length, 21);
  assert.is(new Set(ids).size, ids.length);
});

for (const rule of catalog.rules) {
  test(`${rule.id} has its Rego test, fixtures, and a category matching its folder`, () => {
    assert.ok(existsSync(repoPath(rule.source.replace(/\.rego$/, "_test.rego"))), "a _test.rego beside the rule");
    const category = rule.package.split(".")[2]!;
    assert.is(rule.id.split("-")[1]!.toLowerCase(), category);
    const files = readdirSync(repoPath(`fixtures/rules/${rule.id}`));
    assert.ok(files.includes("expected.json"));
    assert.ok(files.some((f) => f.startsWith("pass")) && files.some((f) => f.startsWith("fail")));
  });

  const props = (rule.parameters["properties"] ?? {}) as Record<string, { default?: unknown }>;
  if (Object.keys(props).length > 0) {
    test(`${rule.id}: the Rego defaults are the parameter schema's defaults`, () => {
      const defaults = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, p.default]));
      const dir = repoPath(`fixtures/rules/${rule.id}`);
      const plain = new Scanner({ rules: { [rule.id]: true } }).scanPaths([dir]).findings;
      const explicit = new Scanner({ rules: { [rule.id]: true }, ruleParameters: { [rule.id]: defaults } }).scanPaths([dir]).findings;
      assert.equal(explicit, plain);
    });
  }
}

test("the generated docs (rule pages, index, README table) are up to date", () => {
  for (const [path, content] of generatedDocs(catalog)) {
    assert.ok(existsSync(path), `${path} exists`);
    assert.is(readFileSync(path, "utf8"), content, `${path} is up to date: run npm run docs`);
  }
});

test("the baseline coverage page links every rule", () => {
  const coverage = readFileSync(repoPath("docs/baseline-coverage.md"), "utf8");
  for (const rule of catalog.rules) assert.ok(coverage.includes(`rules/${rule.id}.md`), rule.id);
});

test.run();
