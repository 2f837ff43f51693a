import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Finding } from "../../src/model/index.js";
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
    findings: out.findings.map((f: Finding) => ({ rule: f.ruleId, status: f.status, name: f.subject.name, type: f.subject.type, line: f.range.start.line })),
  };
}

const of = (out: Out, rule: string) => out.findings.filter((f) => f.rule === rule);

test("a nested entry with a fully qualified type is taken as written (names known)", async () => {
  const out = await scan("nested-qualified-type.json");
  assert.equal(out.errors, []);
  assert.equal(of(out, "ACS-IAM-004"), [{ rule: "ACS-IAM-004", status: "fail", name: "notifier/appsettings", type: "Microsoft.Web/sites/config", line: 28 }]);
  assert.is(of(out, "ACS-LOG-001").length, 1, "a nested diagnostic setting of another provider does not target the ACS resource");
});

test("a value supplied but not known (Key Vault reference, runtime value into a module) is still one of the allowed values", async () => {
  const out = await scan("domain-supplied-unknown.json");
  assert.equal(out.errors, []);
  assert.equal(of(out, "ACS-DATA-001"), [], "every allowed location is allowed: pass, not unknown");
  assert.equal(
    of(out, "ACS-IAM-001").map((f) => [f.status, f.line]),
    [["unknown", 16]],
  );
  const iam = JSON.parse((await cli("scan", repoPath("fixtures/fidelity/domain-supplied-unknown.json"), "--format", "json")).stdout).findings.find(
    (f: Finding) => f.ruleId === "ACS-IAM-001",
  );
  assert.match(iam.message, "when disableLocalAuth is false");
});

test("a nested entry with a fully qualified type keeps its type when its name is unknown", async () => {
  const out = await scan("nested-qualified-type-unknown-name.json");
  assert.equal(out.errors, []);
  assert.equal(
    of(out, "ACS-IAM-004").map((f) => [f.status, f.type]),
    [["fail", "Microsoft.Web/sites/config"]],
  );
});

test("Bicep-compiled: a JSON module embedding the nested qualified shape is judged", async () => {
  const out = await scan("bicep-json-module-qualified.json");
  assert.equal(out.errors, []);
  assert.equal(
    of(out, "ACS-IAM-004").map((f) => [f.status, f.type, f.line]),
    [["fail", "Microsoft.Web/sites/config", 48]],
  );
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
  assert.equal(
    of(out, "ACS-IAM-001").map((f) => [f.status, f.name]),
    [["fail", "acs"]],
  );
});

test("Bicep-compiled: extensibility-provider resources are skipped with a notice, the ARM resources judged", async () => {
  const out = await scan("bicep-extensibility.json");
  assert.equal(out.errors, []);
  assert.ok(out.notices.some((n) => n.includes("Microsoft.Graph/applications@v1.0 is a resource of the Bicep extensibility provider microsoftGraph")));
  assert.equal(
    of(out, "ACS-IAM-001").map((f) => [f.status, f.name]),
    [["fail", "acs-notifier"]],
  );
});

test("Bicep-compiled: a resource of the az extension (AzureResourceManager) is an ARM resource and is judged", async () => {
  const out = await scan("bicep-extension-az.json");
  assert.equal(out.errors, []);
  assert.equal(
    of(out, "ACS-IAM-001").map((f) => [f.status, f.name]),
    [["fail", "acs-notifier"]],
  );
  assert.ok(out.notices.some((n) => n.startsWith("apps/Deployment@v1 is a resource of the Bicep extensibility provider k8s")));
  assert.not.ok(
    out.notices.some((n) => n.includes("Microsoft.Communication")),
    out.notices.join("\n"),
  );
});

test("Bicep-compiled: a module whose template is a variable ([variables('$fxv#0')]) is expanded and judged", async () => {
  const out = await scan("bicep-module-template-variable.json");
  assert.equal(out.errors, []);
  assert.equal(out.notices, []);
  assert.equal(
    of(out, "ACS-IAM-001").map((f) => [f.status, f.name, f.line]),
    [["fail", "acs-notifier", 23]],
  );
});

test("Bicep-compiled azd shape: outputs of a module in a resource group named from a parameter reach app settings and outputs", async () => {
  const out = await scan("azd-module-outputs-bicep.json");
  assert.equal(out.errors, []);
  const verdicts = (rule: string) => of(out, rule).map((f) => [f.status, f.name]);
  assert.equal(
    verdicts("ACS-IAM-004"),
    [["fail", "app-api-{tolower(environmentName)}/appsettings"]],
    "the ACS key flows from one module into the other's app settings",
  );
  assert.equal(verdicts("ACS-IAM-003"), [
    ["fail", "primaryConnectionString"],
    ["fail", "ACS_CONNECTIONSTRING"],
  ]);
  assert.equal(verdicts("ACS-IAM-006"), [["fail", "appSettings"]]);
  assert.equal(verdicts("ACS-DATA-001"), [], "'united states' is an allowed geography");
  assert.equal(
    out.findings.filter((f) => f.status === "unknown"),
    [],
  );
});

test("a linked template's notice shows its uri; a resource with an unknown name is shown by its pattern", async () => {
  const out = await scan("linked-template-uri.json");
  assert.ok(
    out.notices.some((n) => n.startsWith("linked template {templatesBase}/modules/comms.json is not analysed")),
    out.notices.join("\n"),
  );
  assert.equal([...new Set(out.findings.map((f) => f.name))], ["CommunicationServices-{appName}"]);
});

test("an expression that fails is a notice naming it and its place; a key read through it is still an ACS key", async () => {
  const r = await cli("scan", repoPath("fixtures/rules/ACS-IAM-004/fail-keys-of-id-whose-expression-fails.json"), "--format", "json");
  const out = JSON.parse(r.stdout);
  const [notice] = out.notices;
  assert.match(notice.message, "[listKeys(resourceId(split(parameters('acsId'), '/')[4]");
  assert.match(notice.message, "index 4 is out of range for an array of 3; its value is unknown");
  assert.is(notice.pointer, "/resources/0/properties/siteConfig/appSettings/0/value");
  assert.ok(out.findings.some((f: { ruleId: string; status: string }) => f.ruleId === "ACS-IAM-004" && f.status === "fail"));
});

test("a property copy loop in a nested deployment's parameters is expanded: ACS-IAM-001 is judged on its items", async () => {
  const out = await scan("nested-parameter-copy.json");
  assert.equal(out.errors, []);
  assert.equal(out.notices, []);
  // Item 0 is true (acs-looped-parameter passes, so it has no finding); item 1 is false.
  assert.equal(
    of(out, "ACS-IAM-001").map((f) => [f.status, f.name, f.line]),
    [["fail", "acs-looped-parameter-off", 32]],
  );
});

test.run();
