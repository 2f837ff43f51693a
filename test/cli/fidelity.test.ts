import { test } from "uvu";
import * as assert from "uvu/assert";
import { cli, repoPath } from "../helpers.js";

interface Out {
  code: number;
  errors: Array<{ message: string; line?: number; column?: number }>;
  notices: string[];
  findings: Array<{ rule: string; status: string; name: string; type: string; line: number }>;
}

/** Scans one fixture of fixtures/fidelity through the CLI (JSON format). */
async function scan(name: string, ...argv: string[]): Promise<Out> {
  const r = await cli("scan", repoPath(`fixtures/fidelity/${name}`), "--format", "json", ...argv);
  const out = JSON.parse(r.stdout);
  return {
    code: r.code,
    errors: out.errors,
    notices: out.notices.map((n: { message: string }) => n.message),
    findings: out.findings.map((f: Record<string, any>) => ({ rule: f.ruleId, status: f.status, name: f.subject.name, type: f.subject.type, line: f.range.start.line })),
  };
}

const of = (out: Out, rule: string) => out.findings.filter((f) => f.rule === rule);

test("a nested entry with a fully qualified type is taken as written (names known)", async () => {
  const out = await scan("nested-qualified-type.json");
  assert.equal(out.errors, []);
  assert.equal(of(out, "ACS-IAM-004"), [{ rule: "ACS-IAM-004", status: "fail", name: "notifier/appsettings", type: "Microsoft.Web/sites/config", line: 28 }]);
  assert.is(of(out, "ACS-LOG-001").length, 1, "a nested diagnostic setting of another provider does not target the ACS resource");
});

test("a nested entry with a fully qualified type keeps its type when its name is unknown", async () => {
  const out = await scan("nested-qualified-type-unknown-name.json");
  assert.equal(out.errors, []);
  assert.equal(of(out, "ACS-IAM-004").map((f) => [f.status, f.type]), [["fail", "Microsoft.Web/sites/config"]]);
});

test("Bicep-compiled: a JSON module embedding the nested qualified shape is judged", async () => {
  const out = await scan("bicep-json-module-qualified.json");
  assert.equal(out.errors, []);
  assert.equal(of(out, "ACS-IAM-004").map((f) => [f.status, f.type, f.line]), [["fail", "Microsoft.Web/sites/config", 48]]);
});

test("a resource, a property and an output that cannot be expanded are errors with their place; the rest is judged", async () => {
  const out = await scan("bad-parts-kept.json");
  assert.is(out.code, 2);
  assert.equal(
    out.errors.map((e) => [e.line, e.column, e.message]),
    [
      [8, 7, "cannot be expanded: a resource name must be a string"],
      [23, 23, "cannot be expanded: expression does not parse: expected a name at character 16 of [concat('true', ]"],
      [27, 5, "cannot be expanded: expression does not parse: expected a name at character 15 of [format('{0}', ]"],
    ],
  );
  assert.equal(of(out, "ACS-IAM-001").map((f) => [f.status, f.name]), [["fail", "acs"]]);
});

test("Bicep-compiled: extensibility-provider resources are skipped with a notice, the ARM resources judged", async () => {
  const out = await scan("bicep-extensibility.json");
  assert.equal(out.errors, []);
  assert.ok(out.notices.some((n) => n.includes("Microsoft.Graph/applications@v1.0 is a resource of the Bicep extensibility provider microsoftGraph")));
  assert.equal(of(out, "ACS-IAM-001").map((f) => [f.status, f.name]), [["fail", "acs-notifier"]]);
});

test.run();
