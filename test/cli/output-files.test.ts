import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cliIn, repoPath } from "../helpers.js";
import { tempDir } from "../../scripts/temp-dir.js";

// Class 5 and 6 of the hostile-input suite for what the CLI writes: the working directory is the
// pull request's checkout, so a link planted where a report goes must not redirect it, and text
// from a configuration the pull request changed must not become a CI command on standard error.

const TEMPLATE = repoPath("fixtures/cli/compliant.json");
const scratch = (): string => tempDir("acs-out-");

test("a report or baseline path that is a symbolic link in the working directory is refused, its target untouched", async () => {
  const outside = scratch();
  const victim = join(outside, "victim.txt");
  writeFileSync(victim, "secret\n");
  const repo = scratch();
  symlinkSync(victim, join(repo, "acs.sarif"));
  symlinkSync(join(outside, "gone.txt"), join(repo, "baseline.json")); // dangling: would create a file outside
  for (const argv of [
    ["--format", "sarif=acs.sarif"],
    ["--write-baseline", "baseline.json"],
  ]) {
    const r = await cliIn(repo, "", "scan", TEMPLATE, "--no-config", ...argv);
    assert.is(r.code, 2);
    assert.match(r.stderr, /cannot write (acs\.sarif|baseline\.json): it is a symbolic link, and the scanner never writes through one/);
  }
  assert.is(readFileSync(victim, "utf8"), "secret\n");
  assert.not.ok(existsSync(join(outside, "gone.txt")));
});

test("a directory on the way to the report that is a symbolic link is refused; real directories and paths outside are written", async () => {
  const outside = scratch();
  const repo = scratch();
  symlinkSync(outside, join(repo, "reports"));
  mkdirSync(join(repo, "real"));
  const r = await cliIn(repo, "", "scan", TEMPLATE, "--no-config", "--format", "sarif=reports/acs.sarif");
  assert.is(r.code, 2);
  assert.match(r.stderr, /cannot write reports\/acs\.sarif: reports is a symbolic link/);
  assert.not.ok(existsSync(join(outside, "acs.sarif")));
  const ok = await cliIn(repo, "", "scan", TEMPLATE, "--no-config", "--format", "sarif=real/acs.sarif", "--format", `junit=${join(outside, "acs.xml")}`);
  assert.is(ok.code, 0, ok.stderr);
  assert.match(readFileSync(join(repo, "real/acs.sarif"), "utf8"), /"version": "2\.1\.0"/);
  assert.match(readFileSync(join(outside, "acs.xml"), "utf8"), /^<\?xml/);
  // an existing regular file is replaced whole, not overwritten in place
  writeFileSync(join(repo, "real/acs.sarif"), "x".repeat(1_000_000));
  assert.is((await cliIn(repo, "", "scan", TEMPLATE, "--no-config", "--format", "sarif=real/acs.sarif")).code, 0);
  assert.ok(JSON.parse(readFileSync(join(repo, "real/acs.sarif"), "utf8")).runs);
});

test("init never writes through a link, not even a dangling one", async () => {
  const outside = scratch();
  const repo = scratch();
  symlinkSync(join(outside, "created.yaml"), join(repo, ".acs-baseline.yaml"));
  const r = await cliIn(repo, "", "init");
  assert.is(r.code, 2);
  assert.match(r.stderr, /cannot write \.acs-baseline\.yaml: it exists; not overwritten/);
  assert.not.ok(existsSync(join(outside, "created.yaml")));
});

test("standard error: text from the configuration cannot start a workflow command or paint the terminal", async () => {
  const repo = scratch();
  writeFileSync(join(repo, ".acs-baseline.yaml"), 'rules:\n  "ACS-X\\n::stop-commands::tok\\r\\u001b[32m\\u2028##vso[task.setvariable variable=x]1": on\n');
  const r = await cliIn(repo, "", "scan", TEMPLATE);
  assert.is(r.code, 2);
  assert.match(r.stderr, /is not a rule id/);
  assert.ok(r.stderr.split("\n").every((line) => !line.trimStart().startsWith("::")));
  // eslint-disable-next-line no-control-regex -- the raw ESC must not reach standard error
  assert.not.match(r.stderr, /[\r\u001b\u2028]|##vso\[/);
  assert.match(r.stderr, /ACS-X\\n::stop-commands::tok\\r\\u001b\[32m/);
});

test.run();
