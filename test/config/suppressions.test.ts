import { test } from "uvu";
import * as assert from "uvu/assert";
import { Scanner } from "../../src/scan/index.js";

const template = (metadata?: object) =>
  JSON.stringify({
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    contentVersion: "1.0.0.0",
    resources: [
      {
        type: "Microsoft.Communication/communicationServices",
        apiVersion: "2025-05-01",
        name: "acs-public",
        location: "global",
        ...(metadata ? { metadata } : {}),
        properties: { dataLocation: "Europe", disableLocalAuth: true, publicNetworkAccess: "Enabled" },
      },
    ],
  });

const now = new Date("2026-11-28T12:00:00Z");
const net001 = (scanner: Scanner, text = template()) => {
  const result = scanner.scanContent("infra/main.json", text);
  return { result, finding: result.findings.find((f) => f.ruleId === "ACS-NET-001")! };
};

test("a configured suppression keeps the finding, marked, and it no longer fails the run", () => {
  const scanner = new Scanner({ now, suppressions: [{ rule: "ACS-NET-001", resource: "acs-*", file: "infra/**", justification: "browsers call ACS directly" }] });
  const { finding } = net001(scanner);
  assert.equal(finding.suppression, { kind: "config", justification: "browsers call ACS directly" });
  assert.not.ok(scanner.isFailing(finding));
});

test("a suppression for another resource or file does not apply, and is reported unused", () => {
  const scanner = new Scanner({ now, suppressions: [{ rule: "ACS-NET-*", resource: "other", justification: "x" }, { rule: "ACS-NET-001", file: "elsewhere/**", justification: "y" }] });
  const { result, finding } = net001(scanner);
  assert.is(finding.suppression, undefined);
  const report = scanner.report([result]);
  assert.is(report.summary.unusedSuppressions, 2);
  assert.ok(report.notices.some((n) => n.kind === "suppression-unused" && n.message.includes("for other")));
});

test("an expired suppression stops suppressing and is reported expired", () => {
  const scanner = new Scanner({ now, suppressions: [{ rule: "ACS-NET-001", justification: "temporary", expires: "2026-11-27" }] });
  const { result, finding } = net001(scanner);
  assert.is(finding.suppression, undefined);
  assert.ok(scanner.isFailing(finding));
  assert.ok(result.notices.some((n) => n.kind === "suppression-expired" && n.message.includes("expired on 2026-11-27")));
  assert.is(scanner.report([result]).summary.expiredSuppressions, 1);
  const stillValid = new Scanner({ now, suppressions: [{ rule: "ACS-NET-001", justification: "temporary", expires: "2026-11-28" }] });
  assert.ok(net001(stillValid).finding.suppression, "a suppression applies through its expiry day");
});

test("inline suppressions in the resource's metadata (ARM form)", () => {
  const scanner = new Scanner({ now });
  const { finding } = net001(scanner, template({ "acs-baseline": { suppress: [{ rule: "ACS-NET-001", justification: "public clients", expires: "2027-06-30" }] } }));
  assert.equal(finding.suppression, { kind: "inline", justification: "public clients", expires: "2027-06-30" });
});

test("inline suppressions in metadata.description (what Bicep's @description writes)", () => {
  const scanner = new Scanner({ now });
  const description = "ACS for the web app. acs-baseline:suppress ACS-NET-001 until 2027-06-30: browsers call ACS directly";
  const { result, finding } = net001(scanner, template({ description }));
  assert.equal(finding.suppression, { kind: "inline", justification: "browsers call ACS directly", expires: "2027-06-30" });
  assert.is(result.findings.filter((f) => f.suppression).length, 1, "only the named rule is suppressed");
});

test("an inline suppression without a justification is ignored and reported", () => {
  const scanner = new Scanner({ now });
  const { result, finding } = net001(scanner, template({ "acs-baseline": { suppress: [{ rule: "ACS-NET-001" }] } }));
  assert.is(finding.suppression, undefined);
  assert.ok(result.notices.some((n) => n.kind === "suppression-invalid" && n.message.includes("no justification")));
});

test("inline suppressions can be switched off", () => {
  const scanner = new Scanner({ now, inlineSuppressions: false });
  const { finding } = net001(scanner, template({ description: "acs-baseline:suppress ACS-NET-001: because" }));
  assert.is(finding.suppression, undefined);
});

test("a baseline accepts the findings it records, by fingerprint", () => {
  const first = net001(new Scanner({ now })).finding;
  const scanner = new Scanner({ now, baseline: [first.fingerprint] });
  const { result, finding } = net001(scanner);
  assert.equal(finding.suppression, { kind: "baseline", justification: "recorded in the baseline" });
  assert.ok(result.findings.some((f) => !f.suppression), "findings not in the baseline still count");
});

test("severity overrides apply to findings and the threshold", () => {
  const scanner = new Scanner({ now, severity: { "ACS-NET-001": "critical" }, failOn: "critical" });
  const { finding } = net001(scanner);
  assert.is(finding.severity, "critical");
  assert.ok(scanner.isFailing(finding));
});

test("a suppression without a justification is a configuration error", () => {
  assert.throws(() => new Scanner({ suppressions: [{ rule: "ACS-NET-001", justification: " " }] }), /has no justification/);
  assert.throws(() => new Scanner({ suppressions: [{ rule: "ACS-NET-001", justification: "x", expires: "soon" }] }), /YYYY-MM-DD/);
  assert.throws(() => new Scanner({ severity: { "ACS-NET-001": "huge" as never } }), /severity of ACS-NET-001/);
});

test.run();
