import { test } from "uvu";
import * as assert from "uvu/assert";
import { rulesById } from "../../src/catalog/index.js";
import { resolveOptions, type ScanOptions } from "../../src/config/index.js";
import { buildReport, isFailing, judge, runConfiguration, type JudgedResource } from "../../src/judge/index.js";
import type { FileResult, Finding } from "../../src/model/index.js";
import { loadCatalog } from "../../src/node/index.js";

// Judging is a stage of its own: these tests hand it located findings and never load the policy.

const catalog = loadCatalog();
const rules = rulesById(catalog);
const now = new Date("2026-11-28T12:00:00Z");

function located(ruleId: string, over: Partial<Finding> = {}): Finding {
  const rule = rules.get(ruleId)!;
  return {
    ruleId,
    title: rule.title,
    severity: rule.severity,
    status: "fail",
    message: `${ruleId} message`,
    subject: { kind: "resource", type: "Microsoft.Communication/communicationServices", name: "acs-public", id: "/subscriptions/x/acs-public" },
    file: "infra/main.json",
    pointer: "/resources/0/properties/publicNetworkAccess",
    exact: true,
    range: { start: { line: 12, column: 9 }, end: { line: 12, column: 40 } },
    remediation: rule.remediation,
    helpUri: "https://example.invalid",
    fingerprint: `fp-${ruleId}`,
    ...over,
  };
}

const resource = (metadata?: unknown): JudgedResource => ({ index: 0, metadata, file: "infra/main.json", pointer: "/resources/0" });

/** Judges one NET-001 finding about a resource with `metadata` under `options`. */
function net001(options: ScanOptions, metadata?: unknown, extra: Finding[] = []) {
  const resolved = resolveOptions({ now, ...options }, rules);
  const judged = judge([located("ACS-NET-001"), ...extra], () => resource(metadata), resolved, rules);
  const run = runConfiguration(catalog, resolved);
  const result: FileResult = {
    file: "infra/main.json",
    kind: "template",
    findings: judged.findings,
    notices: judged.notices,
    matchedSuppressions: judged.matched,
  };
  return { judged, run, finding: judged.findings.find((f) => f.ruleId === "ACS-NET-001"), report: () => buildReport([result], resolved, run) };
}

test("a configured suppression keeps the finding, marked, and it no longer fails the run", () => {
  const { finding, run, judged } = net001({
    suppressions: [{ rule: "ACS-NET-001", resource: "acs-*", file: "infra/**", justification: "browsers call ACS directly" }],
  });
  assert.equal(finding!.suppression, { kind: "config", justification: "browsers call ACS directly" });
  assert.not.ok(isFailing(finding!, run));
  assert.equal(judged.matched, [0]);
});

test("a suppression for another resource or file does not apply, and is reported unused", () => {
  const { finding, report } = net001({
    suppressions: [
      { rule: "ACS-NET-*", resource: "other", justification: "x" },
      { rule: "ACS-NET-001", file: "elsewhere/**", justification: "y" },
    ],
  });
  assert.is(finding!.suppression, undefined);
  assert.is(report().summary.unusedSuppressions, 2);
  assert.ok(report().notices.some((n) => n.kind === "suppression-unused" && n.message.includes("for other")));
});

test("an expired suppression stops suppressing and is reported expired", () => {
  const { finding, run, judged, report } = net001({ suppressions: [{ rule: "ACS-NET-001", justification: "temporary", expires: "2026-11-27" }] });
  assert.is(finding!.suppression, undefined);
  assert.ok(isFailing(finding!, run));
  assert.ok(judged.notices.some((n) => n.kind === "suppression-expired" && n.message.includes("expired on 2026-11-27")));
  assert.is(report().summary.expiredSuppressions, 1);
  const stillValid = net001({ suppressions: [{ rule: "ACS-NET-001", justification: "temporary", expires: "2026-11-28" }] });
  assert.ok(stillValid.finding!.suppression, "a suppression applies through its expiry day");
});

test("inline suppressions in the resource's metadata (ARM form)", () => {
  const { finding } = net001({}, { "acs-baseline": { suppress: [{ rule: "ACS-NET-001", justification: "public clients", expires: "2027-06-30" }] } });
  assert.equal(finding!.suppression, { kind: "inline", justification: "public clients", expires: "2027-06-30" });
});

test("inline suppressions in metadata.description (what Bicep's @description writes)", () => {
  const description = "ACS for the web app. acs-baseline:suppress ACS-NET-001 until 2027-06-30: browsers call ACS directly";
  const { judged, finding } = net001({}, { description }, [located("ACS-IAM-002", { pointer: "/resources/0/identity" })]);
  assert.equal(finding!.suppression, { kind: "inline", justification: "browsers call ACS directly", expires: "2027-06-30" });
  assert.is(judged.findings.filter((f) => f.suppression).length, 1, "only the named rule is suppressed");
});

test("an inline suppression without a justification is ignored and reported", () => {
  const { finding, judged } = net001({}, { "acs-baseline": { suppress: [{ rule: "ACS-NET-001" }] } });
  assert.is(finding!.suppression, undefined);
  assert.equal(
    judged.notices.map((n) => [n.kind, n.pointer]),
    [["suppression-invalid", "/resources/0/metadata"]],
  );
  assert.match(judged.notices[0]!.message, "no justification");
});

test("an inline directive without a colon is ignored and reported, as the docs say", () => {
  const { finding, judged } = net001({}, { description: "acs-baseline:suppress ACS-NET-001 browsers call ACS directly" });
  assert.is(finding!.suppression, undefined);
  assert.is(judged.notices.length, 1);
  assert.match(judged.notices[0]!.message, "needs 'RULE [until YYYY-MM-DD]: justification'");
});

test("an expiry that is not a calendar date is refused in every form, never read as a later day", () => {
  for (const metadata of [
    { description: "acs-baseline:suppress ACS-NET-001 until 2026-13-45: browsers call ACS directly" },
    { "acs-baseline": { suppress: [{ rule: "ACS-NET-001", justification: "public clients", expires: "2026-02-30" }] } },
  ]) {
    const { finding, judged } = net001({}, metadata);
    assert.is(finding!.suppression, undefined);
    assert.match(judged.notices[0]!.message, "not a YYYY-MM-DD date");
  }
  assert.throws(
    () => net001({ suppressions: [{ rule: "ACS-NET-001", justification: "temporary", expires: "2026-11-31" }] }),
    /expires must be a YYYY-MM-DD date/,
  );
  assert.equal(
    net001({ suppressions: [{ rule: "ACS-NET-001", justification: "leap day", expires: "2028-02-29" }] }).finding!.suppression?.expires,
    "2028-02-29",
  );
});

test("a metadata.acs-baseline that is not { suppress: [...] } is reported, never ignored unsaid", () => {
  for (const own of [{ suppress: { rule: "ACS-NET-001", justification: "one object, not a list" } }, { suppresions: [] }, "ACS-NET-001"]) {
    const { finding, judged } = net001({}, { "acs-baseline": own });
    assert.is(finding!.suppression, undefined);
    assert.equal(
      judged.notices.map((n) => [n.kind, n.pointer]),
      [["suppression-invalid", "/resources/0/metadata"]],
    );
    assert.match(judged.notices[0]!.message, 'metadata.acs-baseline must be { "suppress"');
  }
});

test("inline suppressions can be switched off", () => {
  const { finding } = net001({ inlineSuppressions: false }, { description: "acs-baseline:suppress ACS-NET-001: because" });
  assert.is(finding!.suppression, undefined);
});

test("an inline suppression naming no rule of the pack is reported, with the likely id, in either form", () => {
  for (const metadata of [
    { description: "acs-baseline:suppress ACS-NET-01: browsers call ACS directly" },
    { "acs-baseline": { suppress: [{ rule: "ACS-NET-01", justification: "browsers call ACS directly" }] } },
  ]) {
    const { finding, judged } = net001({}, metadata);
    assert.is(finding!.suppression, undefined);
    assert.equal(
      judged.notices.map((n) => [n.kind, n.message]),
      [["suppression-invalid", "the inline suppression of ACS-NET-01 names no rule of acs-baseline (did you mean ACS-NET-001?), so it suppresses nothing"]],
    );
  }
  const glob = net001({}, { description: "acs-baseline:suppress XYZ-*: nothing like it" });
  assert.match(glob.judged.notices[0]!.message, /^the inline suppression of XYZ-\* names no rule of acs-baseline, so/);
  assert.ok(net001({}, { description: "acs-baseline:suppress acs-net-*: any case" }).finding!.suppression, "a glob in any case is known");
});

test("problems of inline suppressions are reported on resources without findings too: malformed, unknown, unused, expired", () => {
  const resolved = resolveOptions({ now }, rules);
  const clean = (index: number, metadata: unknown): JudgedResource => ({ index, metadata, file: "infra/main.json", pointer: `/resources/${index}` });
  const resources = [
    clean(0, { "acs-baseline": { suppress: [{ rule: "ACS-NET-001" }] } }),
    clean(1, { description: "acs-baseline:suppress ACS-LOG-02: typo" }),
    clean(2, { description: "acs-baseline:suppress ACS-NET-001: public clients" }),
    clean(3, { description: "acs-baseline:suppress ACS-NET-001 until 2026-01-31: public clients" }),
    clean(4, { description: "acs-baseline:suppress ACS-NET-001: used" }),
  ];
  const judged = judge([located("ACS-NET-001")], () => resources[4], resolved, rules, undefined, resources);
  assert.equal(
    judged.notices.map((n) => [n.kind, n.pointer, n.message]),
    [
      ["suppression-invalid", "/resources/0/metadata", "the inline suppression of ACS-NET-001 has no justification, so it is ignored"],
      [
        "suppression-invalid",
        "/resources/1/metadata",
        "the inline suppression of ACS-LOG-02 names no rule of acs-baseline (did you mean ACS-LOG-002?), so it suppresses nothing",
      ],
      ["suppression-unused", "/resources/2/metadata", 'the inline suppression of ACS-NET-001 matched no finding ("public clients")'],
      ["suppression-expired", "/resources/3/metadata", 'the inline suppression of ACS-NET-001 expired on 2026-01-31 and matched no finding ("public clients")'],
    ],
  );
  assert.ok(judged.findings[0]!.suppression);
  const off = judge([], () => undefined, resolveOptions({ now, inlineSuppressions: false }, rules), rules, undefined, resources);
  assert.equal(
    off.notices.map((n) => n.kind),
    ["suppression-invalid", "suppression-invalid"],
    "with inline suppressions off, none is unused, but malformed ones are still said",
  );
});

test("an inline suppression of a finding this run leaves out (rule off, unknown ignored) is not called unused", () => {
  const metadata = { description: "acs-baseline:suppress ACS-NET-001: public clients acs-baseline:suppress ACS-IAM-002: no identity yet" };
  const { judged } = net001({ rules: { "ACS-NET-001": false }, unknown: "ignore" }, metadata, [located("ACS-IAM-002", { status: "unknown" })]);
  assert.equal(judged.findings, []);
  assert.equal(judged.notices, []);
});

test("a baseline accepts the findings it records, by fingerprint", () => {
  const { judged } = net001({ baseline: ["fp-ACS-NET-001"] }, undefined, [located("ACS-IAM-002")]);
  assert.equal(judged.findings.find((f) => f.ruleId === "ACS-NET-001")!.suppression, { kind: "baseline", justification: "recorded in the baseline" });
  assert.ok(
    judged.findings.some((f) => !f.suppression),
    "findings not in the baseline still count",
  );
});

test("severity overrides apply to findings and the threshold", () => {
  const { finding, run } = net001({ severity: { "ACS-NET-001": "critical" }, failOn: "critical" });
  assert.is(finding!.severity, "critical");
  assert.ok(isFailing(finding!, run));
  assert.equal(
    run.rules.find((r) => r.id === "ACS-NET-001"),
    { id: "ACS-NET-001", enabled: true, severity: "critical" },
  );
});

test("rule selection: a disabled rule's findings are dropped, and the run records the selection", () => {
  const { judged, run } = net001({ rules: { "ACS-NET-001": false } }, undefined, [located("ACS-IAM-002")]);
  assert.equal(
    judged.findings.map((f) => f.ruleId),
    ["ACS-IAM-002"],
  );
  assert.is(run.rules.find((r) => r.id === "ACS-NET-001")!.enabled, false);
  assert.is(run.rules.length, catalog.rules.length);
});

test("unknown handling: ignore drops unknown findings, fail makes them fail the run", () => {
  const unknown = located("ACS-IAM-002", { status: "unknown" });
  assert.equal(
    net001({ unknown: "ignore" }, undefined, [unknown]).judged.findings.map((f) => f.ruleId),
    ["ACS-NET-001"],
  );
  const warned = net001({ unknown: "warn" }, undefined, [located("ACS-IAM-002", { status: "unknown" })]);
  assert.not.ok(isFailing(warned.judged.findings[1]!, warned.run));
  const failed = net001({ unknown: "fail" }, undefined, [located("ACS-IAM-002", { status: "unknown" })]);
  assert.ok(isFailing(failed.judged.findings[1]!, failed.run));
  assert.is(failed.report().summary.failing, 2);
});

test("a suppression without a justification is a configuration error", () => {
  assert.throws(() => resolveOptions({ suppressions: [{ rule: "ACS-NET-001", justification: " " }] }, rules), /has no justification/);
  assert.throws(() => resolveOptions({ suppressions: [{ rule: "ACS-NET-001", justification: "x", expires: "soon" }] }, rules), /YYYY-MM-DD/);
  assert.throws(() => resolveOptions({ severity: { "ACS-NET-001": "huge" as never } }, rules), /severity of ACS-NET-001/);
});

test.run();
