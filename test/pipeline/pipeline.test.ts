import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { PolicyEngine } from "../../src/engine/index.js";
import { DEFAULT_POLICY_URL, loadCatalog, loadEngine, nodePolicyLoader } from "../../src/node/index.js";
import { Pipeline, scan, scanSources, type Source } from "../../src/pipeline/index.js";
import { Scanner } from "../../src/scan/index.js";
import { readSource } from "../../src/reader/index.js";
import { repoPath } from "../helpers.js";

// The pure pipeline takes texts and the compiled policy: no file is read by it (the test reads them).

const catalog = loadCatalog();
const wasm = readFileSync(DEFAULT_POLICY_URL);
const policy = { wasm: new WebAssembly.Module(wasm), catalog, loader: nodePolicyLoader };
const text = (path: string) => readFileSync(repoPath(path), "utf8");
const pipeline = new Pipeline(policy);

test("scan(sources) gives the Node scanner's findings for the same texts, parameter files each in turn", () => {
  const sources: Source[] = [
    {
      name: "fanout/main.json",
      content: text("fixtures/cli/fanout/main.json"),
      parameterFiles: ["fanout/main.parameters.dev.json", "fanout/main.parameters.prod.json"],
    },
    { name: "fanout/main.parameters.dev.json", content: text("fixtures/cli/fanout/main.parameters.dev.json") },
    { name: "fanout/main.parameters.prod.json", content: text("fixtures/cli/fanout/main.parameters.prod.json") },
  ];
  const report = scan(sources, { policy });
  const scanner = new Scanner();
  const expected = scanner.scanContent("fanout/main.json", sources[0]!.content, {
    parameterFiles: sources.slice(1).map((s) => ({ path: s.name, content: s.content })),
  });
  assert.ok(expected.findings.length > 0);
  assert.equal(report.files[0], expected);
  assert.equal(report.skipped, ["fanout/main.parameters.dev.json", "fanout/main.parameters.prod.json"]);
  assert.ok(
    report.findings.some((f) => f.parameterSets?.length === 1),
    "a finding of one parameter set names it",
  );
  assert.is(report.run.rules.length, catalog.rules.length);
});

test("linked templates are found among the sources by relative path; a missing one is a notice, not a read", () => {
  const main = { name: "linked/main.json", content: text("fixtures/cli/linked/main.json") };
  const module = { name: "linked/modules/acs.json", content: text("fixtures/cli/linked/modules/acs.json") };
  const withModule = scanSources(pipeline, [main, module]);
  assert.ok(
    withModule.findings.some((f) => f.file === "linked/modules/acs.json"),
    "findings in the linked template",
  );
  const alone = scanSources(pipeline, [main]);
  assert.not.ok(alone.findings.some((f) => f.file === "linked/modules/acs.json"));
  assert.ok(alone.notices.some((n) => n.kind === "expansion"));
});

test("a parameter file that is not among the sources, or is not one, is the template's error", () => {
  const main = { name: "main.json", content: text("fixtures/cli/compliant.json") };
  const report = scanSources(pipeline, [
    { ...main, parameterFiles: ["nowhere.json"] },
    { ...main, name: "other.json", parameterFiles: ["main.json"] },
  ]);
  assert.equal(
    report.errors.map((e) => e.message),
    ["nowhere.json: is not among the sources scanned", "main.json: is not a parameter file (deploymentParameters)"],
  );
});

test("an unexpected exception is an internal error naming the file and the stage, never an input error", () => {
  const broken = loadEngine();
  broken.evaluate = () => {
    throw new TypeError("Cannot read properties of null (reading 'x')");
  };
  const buggy = new Pipeline({ engine: broken as PolicyEngine, catalog });
  const source = readSource("infra/main.json", text("fixtures/cli/compliant.json"));
  const result = buggy.scanTemplate(source, undefined);
  assert.is(result.error!.internal, true);
  assert.is(result.error!.file, "infra/main.json");
  assert.match(
    result.error!.message,
    /^internal error while evaluating the rules: Cannot read properties of null.*a bug in acs-baseline.*please report it, with this message, to its maintainers$/,
  );
  assert.not.match(result.error!.message, "could not read");
  assert.is(result.error!.stack, undefined, "no stack trace unless asked");
  const debugging = new Pipeline({ engine: broken as PolicyEngine, catalog }, { debug: true });
  assert.match(debugging.scanTemplate(source, undefined).error!.stack!, /TypeError: Cannot read properties of null/);
});

test("bad input stays an input error", () => {
  const result = scanSources(pipeline, [{ name: "bad.json", content: '{ "resources": [ }' }]).files[0]!;
  assert.is(result.kind, "error");
  assert.is(result.error!.internal, undefined);
});

test.run();
