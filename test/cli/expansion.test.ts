import { test } from "uvu";
import * as assert from "uvu/assert";
import { cli, repoPath } from "../helpers.js";

/** Scans with only ACS-IAM-001 counting, so each case is about one value. */
const json = async (...argv: string[]) => {
  const r = await cli(...argv, "--format", "json");
  const out = JSON.parse(r.stdout);
  out.findings = out.findings.filter((f: { ruleId: string }) => f.ruleId === "ACS-IAM-001");
  return { code: r.code, out };
};

test("a parameter without a value gives an unknown finding; --param and --parameters resolve it", async () => {
  const file = repoPath("fixtures/cli/needs-parameter.json");
  const unresolved = await json("scan", file);
  assert.is(unresolved.out.findings[0].status, "unknown");
  // A bool parameter is judged for each of its two values: one of them fails.
  assert.match(unresolved.out.findings[0].message, "is not true when localAuthOff is false");
  assert.is((await json("scan", file, "--param", "localAuthOff=true")).out.findings.length, 0);
  const viaFile = await json("scan", file, "--parameters", repoPath("fixtures/cli/local-auth-on.parameters.json"));
  assert.is(viaFile.out.findings[0].status, "fail");
});

test("a parameter file that is not one is an error naming it", async () => {
  const r = await json("scan", repoPath("fixtures/cli/needs-parameter.json"), "--parameters", repoPath("fixtures/reader/not-a-template.json"));
  assert.is(r.code, 2);
  assert.match(r.out.errors[0].message, "not-a-template.json: is not a parameter file");
});

test("relativePath links inside the scanned tree are followed; others are notices", async () => {
  const r = await json("scan", repoPath("fixtures/cli/linked/main.json"));
  const [finding] = r.out.findings;
  assert.is(finding.subject.name, "acs-linked");
  assert.is(finding.file, repoPath("fixtures/cli/linked/modules/acs.json"), "the finding is in the linked file");
  assert.is(finding.range.start.line, 11);
  const notices = r.out.notices.map((n: { message: string }) => n.message);
  assert.ok(
    notices.some((m: string) => m.includes("../outside/acs.json is not analysed")),
    "a link leaving the tree is not followed",
  );
  assert.ok(
    notices.some((m: string) => m.includes("https://example.com/templates/acs.json is not analysed")),
    "a remote link is never fetched",
  );
});

test("a template that cannot be expanded is an error with its place, and other files still scan", async () => {
  const r = await json("scan", repoPath("fixtures/cli/hostile-cycle.json"), repoPath("examples/insecure-acs-workload.json"));
  assert.is(r.code, 2);
  assert.equal(r.out.errors[0], {
    file: repoPath("fixtures/cli/hostile-cycle.json"),
    message: "cannot be expanded: variables 'a' refers to itself (a cycle)",
    line: 5,
    column: 5,
  });
  assert.ok(r.out.findings.length > 0, "the other file was scanned");
});

test.run();
