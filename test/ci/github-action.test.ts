import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { actionArgs, fitStepSummary, runGithubAction, STEP_SUMMARY_LIMIT } from "../../src/ci/github-action.js";
import { repoPath } from "../helpers.js";
import { tempDir } from "../../scripts/temp-dir.js";

const action = parse(readFileSync(repoPath("action.yml"), "utf8"));

/** A fake runner: a workspace holding infra/main.json, and the files GitHub hands a step. */
function runner(inputs: Record<string, string>): { env: Record<string, string>; workspace: string; summary: string; output: string } {
  const root = tempDir("acs-gha-");
  const workspace = join(root, "work");
  mkdirSync(join(workspace, "infra"), { recursive: true });
  mkdirSync(join(root, "temp"));
  copyFileSync(repoPath("examples/insecure-acs-workload.json"), join(workspace, "infra", "main.json"));
  const summary = join(root, "step_summary.md");
  const output = join(root, "output");
  writeFileSync(summary, "");
  writeFileSync(output, "");
  const env: Record<string, string> = {
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
    RUNNER_TEMP: join(root, "temp"),
    GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
  };
  // The defaults action.yml declares, then the workflow's `with:`, as the step's env passes them.
  for (const [name, spec] of Object.entries(action.inputs as Record<string, { default?: string }>)) env[`INPUT_${name.toUpperCase()}`] = spec.default ?? "";
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return { env, workspace, summary, output };
}

const outputs = (file: string) =>
  Object.fromEntries(
    readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => l.split(/=(.*)/s).slice(0, 2)),
  );

test("action.yml: a composite action on Node whose scan step passes every input the script reads", () => {
  assert.is(action.runs.using, "composite");
  const steps = action.runs.steps as Array<{
    id?: string;
    uses?: string;
    run?: string;
    env?: Record<string, string>;
    if?: string;
    with?: Record<string, string>;
  }>;
  assert.ok(steps.some((s) => s.uses?.startsWith("actions/setup-node@")));
  const scan = steps.find((s) => s.id === "scan")!;
  assert.match(scan.run!, /node "\$GITHUB_ACTION_PATH\/dist\/scripts\/github-action\.js"/);
  for (const name of ["paths", "config", "fail-on", "unknown", "bicep", "changed-since", "sarif-file", "upload-sarif"]) {
    assert.ok(action.inputs[name], `input ${name}`);
    assert.is(scan.env![`INPUT_${name.toUpperCase()}`], `\${{ inputs.${name} }}`);
  }
  const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))!;
  assert.match(upload.if!, /always\(\) && inputs\.upload-sarif == 'true' && inputs\.changed-since == ''/);
  assert.is(upload.with!["sarif_file"], "${{ steps.scan.outputs.sarif-file }}");
  assert.ok(action.inputs["upload-sarif"]);
});

test("inputs become CLI flags; unset ones are left out; paths come last, after --", () => {
  const { env } = runner({ paths: "infra\nmodules", "fail-on": "high", bicep: "/usr/local/bin/bicep" });
  assert.equal(actionArgs(env, "/tmp/s.md"), [
    "scan",
    "--format",
    "github",
    "--format",
    "markdown=/tmp/s.md",
    "--format",
    "sarif=acs-baseline.sarif",
    "--fail-on=high",
    "--bicep=/usr/local/bin/bicep",
    "--",
    "infra",
    "modules",
  ]);
  assert.equal(
    actionArgs(runner({ paths: "infra/my app\n modules \n" }).env, "/s.md").slice(-3),
    ["--", "infra/my app", "modules"],
    "one path a line when there are lines",
  );
});

test("a path that looks like an option stays a path (a workflow may pass changed file names from a pull request)", async () => {
  const { env } = runner({ paths: "--bicep=/bin/false infra" });
  let stdout = "";
  const code = await runGithubAction(env, { stdout: { write: (s: string) => ((stdout += s), true) }, stderr: { write: () => true } });
  assert.is(code, 2);
  assert.match(stdout, /^::error file=--bicep=\/bin\/false.*no such file or directory/m);
});

test("run with a fake GitHub environment: annotations, SARIF, job summary, outputs, the CLI's exit code", async () => {
  const { env, workspace, summary, output } = runner({ paths: "infra" });
  let stdout = "";
  const code = await runGithubAction(env, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true } });
  assert.is(code, 1);
  // Workflow commands as the runner reads them: `::level key=value,...::message`, one a line.
  const annotations = stdout.split("\n").filter((l) => l.startsWith("::"));
  assert.ok(annotations.length > 0);
  for (const a of annotations) assert.match(a, /^::(error|warning) file=infra\/main\.json,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:\n]+::\S/);
  const sarif = JSON.parse(readFileSync(join(workspace, "acs-baseline.sarif"), "utf8"));
  assert.is(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, "infra/main.json");
  assert.match(readFileSync(summary, "utf8"), /^## ACS security baseline: ❌ \d+ failing at or above low/);
  assert.equal(outputs(output), { "exit-code": "1", "sarif-file": join(workspace, "acs-baseline.sarif") });
});

test("a clean scan exits 0; a usage error exits 2 and says so in the job summary", async () => {
  const quiet = { stdout: { write: () => true }, stderr: { write: () => true } };
  const clean = runner({ paths: "compliant.json", "upload-sarif": "false" });
  copyFileSync(repoPath("fixtures/cli/compliant.json"), join(clean.workspace, "compliant.json"));
  assert.is(await runGithubAction(clean.env, quiet), 0);
  assert.match(readFileSync(clean.summary, "utf8"), /✅ passed/);
  const bad = runner({ "fail-on": "sometimes" });
  writeFileSync(join(bad.workspace, "acs-baseline.sarif"), "{}"); // left by an earlier run on a self-hosted runner
  assert.is(await runGithubAction(bad.env, quiet), 2);
  assert.match(readFileSync(bad.summary, "utf8"), /did not run[\s\S]*--fail-on must be one of/);
  assert.equal(outputs(bad.output), { "exit-code": "2", "sarif-file": "" });
  // the stale-file removal never follows a link the pull request planted on the way to the SARIF file
  const outside = tempDir("acs-gha-outside-");
  writeFileSync(join(outside, "acs.sarif"), "keep");
  const linked = runner({ "fail-on": "sometimes", "sarif-file": "reports/acs.sarif" });
  symlinkSync(outside, join(linked.workspace, "reports"));
  assert.is(await runGithubAction(linked.env, quiet), 2);
  assert.is(readFileSync(join(outside, "acs.sarif"), "utf8"), "keep");
});

test("the step's scratch directory in RUNNER_TEMP is removed after a scan, and when the step fails to start", async () => {
  const quiet = { stdout: { write: () => true }, stderr: { write: () => true } };
  const ran = runner({ paths: "infra" });
  assert.is(await runGithubAction(ran.env, quiet), 1);
  assert.equal(readdirSync(ran.env["RUNNER_TEMP"]!), []);
  const gone = runner({ paths: "infra" });
  gone.env["GITHUB_WORKSPACE"] = join(gone.workspace, "missing");
  const failed = await runGithubAction(gone.env, quiet).then(
    () => "",
    (e: Error) => e.message,
  );
  assert.match(failed, /ENOENT/);
  assert.equal(readdirSync(gone.env["RUNNER_TEMP"]!), []);
});

test("the step's entry script exits with the CLI's code", () => {
  const { env } = runner({ paths: "infra" });
  const r = spawnSync(process.execPath, [repoPath("dist/scripts/github-action.js")], { env: { PATH: process.env["PATH"] ?? "", ...env }, encoding: "utf8" });
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stdout, /^::error file=infra\/main\.json/m);
});

test("a job summary over GitHub's 1 MiB limit (which GitHub rejects whole) is cut at a table row, saying so", () => {
  const head = "## ACS security baseline: ❌ 9000 failing at or above low\n\n| | Rule | Where | Resource | Finding |\n|---|---|---|---|---|\n";
  const row = (i: number) =>
    `| 🔴 | ACS-IAM-001 | \`infra/é${i}.json:28\` | acs-${i} | properties.disableLocalAuth is false: local (access key) authentication is enabled |\n`;
  const big = head + Array.from({ length: 9000 }, (_, i) => row(i)).join("");
  assert.ok(Buffer.byteLength(big) > STEP_SUMMARY_LIMIT);
  const fitted = fitStepSummary(big);
  assert.ok(Buffer.byteLength(fitted) <= STEP_SUMMARY_LIMIT, `${Buffer.byteLength(fitted)} bytes`);
  assert.ok(fitted.startsWith(head));
  const rows = fitted.split("\n").filter((l) => l.startsWith("| 🔴"));
  assert.ok(rows.length > 1000 && rows.every((l, i) => l === row(i).trimEnd()), "whole rows, in order");
  assert.match(fitted, new RegExp(`${9000 - rows.length} more lines are left out`));
  assert.is(fitStepSummary(head), head, "a summary within the limit is left as it is");
});

test("with changed-since the SARIF file is not uploaded, and the log says why", async () => {
  const { env } = runner({ "changed-since": "HEAD" });
  let stdout = "";
  await runGithubAction(env, { stdout: { write: (s: string) => ((stdout += s), true) }, stderr: { write: () => true } });
  assert.match(stdout, /^::notice title=acs-baseline::The SARIF file is not uploaded to code scanning: .*changed-since/m);
  let quiet = "";
  await runGithubAction(runner({ "changed-since": "HEAD", "upload-sarif": "false" }).env, {
    stdout: { write: (s: string) => ((quiet += s), true) },
    stderr: { write: () => true },
  });
  assert.not.match(quiet, /::notice/);
});

test.run();
