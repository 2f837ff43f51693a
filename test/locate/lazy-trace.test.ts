import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { comesFromElsewhere, expandTemplate, isObject, traceProvenance, type ExpandedResource, type JsonObject, type Value } from "../../src/arm/index.js";
import { resourcePointer } from "../../src/locate/index.js";
import { TraceBatch } from "../../src/locate/lazy-trace.js";
import type { Finding } from "../../src/model/index.js";
import { formatPointer, readSource } from "../../src/reader/index.js";
import { Scanner } from "../../src/scan/index.js";
import { repoPath } from "../helpers.js";

const scanner = new Scanner();
const ruleDirs = readdirSync(repoPath("fixtures/rules")).map((d) => repoPath(`fixtures/rules/${d}`));
/** Findings as JSON gives them (every lazy trace read). */
const asJson = (findings: readonly Finding[]) => JSON.parse(JSON.stringify(findings)) as unknown[];

test("lazy traces are the same whichever finding is read first, in the library, in JSON and from worker threads", async () => {
  const forward = scanner.scanPaths(ruleDirs).findings;
  for (const f of forward) void f.trace;
  const backward = scanner.scanPaths(ruleDirs).findings;
  for (const f of [...backward].reverse()) void f.trace;
  const cloned = (await scanner.scanPathsAsync(ruleDirs, { workers: 2 })).findings;
  assert.ok(forward.filter((f) => f.trace).length > 50, "the fixtures have traces to compare");
  assert.equal(asJson(backward), asJson(forward));
  assert.equal(asJson(cloned), asJson(forward));
  // A parameter set's findings are kept as they are (not copied), their traces not yet computed.
  const paired = forward.filter((f) => f.parameterSets);
  assert.ok(paired.length > 0 && paired.some((f) => f.trace));
});

const template = JSON.stringify({
  $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  contentVersion: "1.0.0.0",
  parameters: { access: { type: "string", defaultValue: "Enabled" } },
  variables: { props: { disableLocalAuth: false, publicNetworkAccess: "Enabled" } },
  resources: [
    {
      type: "Microsoft.Communication/communicationServices",
      apiVersion: "2025-05-01",
      name: "literal",
      location: "global",
      properties: { disableLocalAuth: false, publicNetworkAccess: "[concat('Enab', 'led')]", dataLocation: "United States" },
    },
    {
      type: "Microsoft.Communication/communicationServices",
      apiVersion: "2025-05-01",
      name: "travelled",
      location: "global",
      properties: { disableLocalAuth: "[not(true)]", publicNetworkAccess: "[parameters('access')]", dataLocation: "United States" },
    },
    { type: "Microsoft.Communication/communicationServices", apiVersion: "2025-05-01", name: "whole", location: "global", properties: "[variables('props')]" },
  ],
});

test("a finding has a trace when its value came from elsewhere, none when the trace would only repeat its place", () => {
  const findings = scanner.scanContent("t.json", template).findings;
  const of = (name: string, ruleId: string) => findings.find((f) => f.subject.name === name && f.ruleId === ruleId)!;
  for (const f of [of("literal", "ACS-IAM-001"), of("literal", "ACS-NET-001"), of("travelled", "ACS-IAM-001")]) {
    assert.not.ok("trace" in f, `${f.subject.name} ${f.ruleId}: written at the property`);
    assert.not.ok(JSON.stringify(f).includes('"trace"'));
  }
  const parameter = of("travelled", "ACS-NET-001");
  assert.equal(
    parameter.trace!.map((s) => s.label),
    ["properties.publicNetworkAccess", `parameters('access') = "Enabled" (its default)`],
  );
  assert.equal(Object.keys(parameter).slice(-1), ["trace"], "the trace has its place among the keys");
  const variable = of("whole", "ACS-IAM-001");
  assert.equal(
    variable.trace!.map((s) => s.kind),
    ["property", "variable"],
  );
  // A trace given before it is read stays.
  const again = scanner.scanContent("t.json", template).findings.filter((f) => "trace" in f);
  again[0]!.trace = [];
  for (const f of again) void f.trace;
  assert.equal(again[0]!.trace, []);
  assert.ok(again[1]!.trace!.length >= 2);
});

test("leaving a trace out never loses a step: on every property of every rule fixture, traceProvenance gives the property alone", () => {
  let checked = 0;
  let left = 0;
  for (const dir of ruleDirs) {
    for (const name of readdirSync(dir).filter((f) => f.endsWith(".json") && !f.endsWith(".parameters.json") && f !== "expected.json")) {
      const file = join(dir, name);
      const source = readSource(file, readFileSync(file));
      if (source.kind !== "template") continue;
      const expanded = expandTemplate(file, source.value as JsonObject);
      const raw = (f: string) => (f === file ? source.value : undefined);
      for (const resource of expanded.resources) {
        for (const path of propertyPaths(resource)) {
          const start = { file, pointer: resourcePointer(resource, path), declared: resource.source.pointer + formatPointer(path), label: "p" };
          checked++;
          if (comesFromElsewhere(expanded, raw, start)) continue;
          left++;
          const steps = traceProvenance(expanded, raw, start);
          assert.is(steps.length, 1, `${file} ${start.pointer}`);
          assert.is(steps[0]!.pointer, start.pointer);
        }
      }
    }
  }
  assert.ok(checked > 500 && left > 100, `${checked} properties, ${left} without a trace`);
});

test("a trace that cannot be computed says so on the finding instead of failing whoever reads it", () => {
  const finding = scanner.scanContent("t.json", template).findings.find((f) => f.trace)!;
  const broken = new TraceBatch({ resources: null } as never, new Map(), undefined);
  broken.attach(finding, { file: "t.json", pointer: "/resources/1", label: "p" }, true);
  assert.match(finding.trace![0]!.label, /could not be traced/);
  assert.is(finding.trace![0]!.file, finding.file);
});

/** The pointers (as paths) of every property of a resource, at most 4 levels down. */
function propertyPaths(resource: ExpandedResource): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const walk = (value: Value, path: Array<string | number>) => {
    if (path.length > 0) out.push(path);
    if (path.length >= 4) return;
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk({ properties: resource.properties, sku: resource.sku ?? null, identity: resource.identity ?? null } as Value, []);
  return out;
}

test.run();
