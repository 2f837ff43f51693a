import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdirSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cliRun, repoPath } from "../helpers.js";
import { tempDir } from "../../scripts/temp-dir.js";

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });

/** A git repository with two template groups, a compliant template and a JSON file that is no template, all committed. */
function repository(): string {
  const dir = tempDir("acs-changed-");
  mkdirSync(join(dir, "infra"));
  cpSync(repoPath("fixtures/cli/fanout"), join(dir, "infra", "app"), { recursive: true });
  cpSync(repoPath("fixtures/cli/linked"), join(dir, "infra", "linked"), { recursive: true });
  cpSync(repoPath("fixtures/cli/compliant.json"), join(dir, "infra", "other.json"));
  writeFileSync(join(dir, "package.json"), '{ "name": "app" }\n');
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "base");
  return dir;
}

/** Touches a file so git sees a change (JSON with comments allows a trailing comment line). */
const touch = (file: string) => appendFileSync(file, "\n// changed\n");

async function scanned(cwd: string, ...argv: string[]): Promise<{ code: number; files: string[]; stderr: string }> {
  const r = await cliRun({ cwd }, "scan", ...argv, "--format", "json");
  const out = JSON.parse(r.stdout);
  const files = [...new Set([...out.findings.map((f: { file: string }) => f.file), ...out.errors.map((e: { file: string }) => e.file)])].sort() as string[];
  return { code: r.code, files, stderr: r.stderr };
}

test("--changed-since: a changed parameter file brings in its template, and only its findings are reported", async () => {
  const dir = repository();
  touch(join(dir, "infra/app/main.parameters.prod.json"));
  const r = await scanned(dir, "--changed-since", "HEAD");
  assert.equal(r.files, ["infra/app/main.json"]);
  assert.is(r.code, 1);
});

test("--changed-since: a changed module brings in the templates that link it; committed changes count", async () => {
  const dir = repository();
  touch(join(dir, "infra/linked/modules/acs.json"));
  git(dir, "commit", "-qam", "change the module");
  const r = await cliRun({ cwd: dir }, "scan", "--changed-since", "HEAD~1", "--format", "json");
  const out = JSON.parse(r.stdout);
  assert.is(out.summary.filesScanned, 2, "the module and its linker");
  assert.ok(
    out.findings.some((f: { subject: { name: string } }) => f.subject.name === "acs-linked"),
    "the linker's instance of the module",
  );
  assert.is((await scanned(dir, "--changed-since", "HEAD")).files.length, 0, "nothing changed since HEAD");
});

test("--changed-since: paths narrow the scope; a change to no template scans nothing and passes", async () => {
  const dir = repository();
  touch(join(dir, "infra/app/main.json"));
  writeFileSync(join(dir, "package.json"), '{ "name": "app2" }\n');
  assert.equal((await scanned(dir, "--changed-since", "HEAD", "infra/linked")).files, []);
  assert.equal((await scanned(dir, "--changed-since", "HEAD", "infra/app")).files, ["infra/app/main.json"]);
  const none = await cliRun({ cwd: dir }, "scan", "--changed-since", "HEAD", "package.json");
  assert.is(none.code, 0);
  assert.match(none.stdout, /0 templates scanned/);
});

test("--changed-since outside a git work tree, with an unknown ref or an option-like ref: a clear exit 2", async () => {
  const plain = tempDir("acs-nogit-");
  const outside = await cliRun({ cwd: plain }, "scan", "--changed-since", "main");
  assert.is(outside.code, 2);
  assert.match(outside.stderr, /--changed-since needs a git work tree, and .* is not in one/);
  const dir = repository();
  const unknown = await cliRun({ cwd: dir }, "scan", "--changed-since", "no-such-branch");
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, /'no-such-branch' is not a commit git knows here/);
  const injected = await cliRun({ cwd: dir }, "scan", "--changed-since=--output=/tmp/x");
  assert.is(injected.code, 2);
  assert.match(injected.stderr, /--changed-since needs a git ref/);
});

test("--changed-files (pre-commit): templates among the names are scanned, parameter files bring theirs in, others are ignored", async () => {
  const dir = repository();
  const r = await scanned(dir, "--changed-files", "infra/app/main.parameters.dev.json", "package.json", "infra/other.json");
  assert.equal(r.files, ["infra/app/main.json"], "other.json is compliant: scanned, no findings");
  const out = JSON.parse(
    (await cliRun({ cwd: dir }, "scan", "--changed-files", "infra/app/main.parameters.dev.json", "infra/other.json", "--format", "json")).stdout,
  );
  assert.is(out.summary.filesScanned, 2);
  assert.is((await cliRun({ cwd: dir }, "scan", "--changed-files", "package.json")).code, 0);
  assert.is((await cliRun({ cwd: dir }, "scan", "--changed-files")).code, 0, "no names, nothing to scan");
});

test("--changed-since from a subdirectory, through a symbolic link to the work tree, with spaces in names, and after a rename", async () => {
  const dir = repository();
  cpSync(join(dir, "infra/other.json"), join(dir, "infra/with space.json"));
  renameSync(join(dir, "infra/app"), join(dir, "infra/renamed app"));
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "rename and add");
  touch(join(dir, "infra/renamed app/main.parameters.prod.json"));
  const expected = ["infra/renamed app/main.json"];
  assert.equal((await scanned(dir, "--changed-since", "HEAD")).files, expected);
  const sub = await cliRun({ cwd: join(dir, "infra") }, "scan", "--changed-since", "HEAD~1", "--format", "json");
  const out = JSON.parse(sub.stdout);
  assert.is(out.summary.filesScanned, 2, "the renamed template and the new one, found from infra/");
  // A path naming the work tree through a symbolic link: git names real paths, the walk the linked ones.
  const link = join(tempDir("acs-link-"), "repo");
  symlinkSync(dir, link);
  assert.equal((await scanned(dir, "--changed-since", "HEAD", join(link, "infra"))).files, expected);
  const fromLink = (await scanned(join(link, "infra"), "--changed-since", "HEAD", ".")).files;
  assert.ok(fromLink.length === 1 && fromLink[0]!.endsWith("infra/renamed app/main.json"), fromLink.join());
});

test("--changed-since: a renamed module is also a deleted one, so the templates still linking its old name are scanned", async () => {
  const dir = repository();
  renameSync(join(dir, "infra/linked/modules/acs.json"), join(dir, "infra/linked/modules/moved.json"));
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "move the module");
  const r = await cliRun({ cwd: dir }, "scan", "--changed-since", "HEAD~1", "--format", "text");
  assert.match(r.stdout, /infra\/linked\/main\.json .*linked template modules\/acs\.json is not analysed/);
  assert.match(r.stdout, /2 templates scanned/, "the moved module and the template linking its old name");
});

test("--changed-since: a deleted parameter file rescans the template it paired with (its parameter sets changed)", async () => {
  const dir = repository();
  git(dir, "rm", "-q", "infra/app/main.parameters.prod.json");
  git(dir, "commit", "-qm", "drop prod");
  assert.equal((await scanned(dir, "--changed-since", "HEAD~1")).files, ["infra/app/main.json"]);
});

test("--changed-since: a new template git does not track yet counts as changed (unless .gitignore ignores it)", async () => {
  const dir = repository();
  cpSync(join(dir, "infra/app/main.json"), join(dir, "infra/new template.json"));
  cpSync(join(dir, "infra/app/main.json"), join(dir, "infra/ignored.json"));
  writeFileSync(join(dir, ".gitignore"), "infra/ignored.json\n");
  assert.equal((await scanned(join(dir, "infra"), "--changed-since", "HEAD")).files, ["new template.json"]);
});

test("--changed-since with Bicep: a changed module brings in the Bicep file that uses it, both compiled and scanned", async () => {
  const dir = tempDir("acs-changed-bicep-");
  cpSync(repoPath("fixtures/bicep/modules"), join(dir, "infra"), { recursive: true });
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "base");
  appendFileSync(join(dir, "infra/modules/comms.bicep"), "\n// changed\n");
  const r = await cliRun({ cwd: dir }, "scan", "--changed-since", "HEAD", "--bicep", repoPath("fixtures/bicep/bin/bicep"), "--format", "json");
  const out = JSON.parse(r.stdout);
  assert.equal(out.errors, []);
  const files = new Set(out.findings.map((f: { file: string }) => f.file));
  assert.ok(files.has("infra/modules/comms.bicep"), [...files].join());
  assert.ok(out.summary.filesScanned >= 2, "the module and main.bicep, which uses it");
});

test("--changed-since never runs a git the pull request committed (a node_modules/.bin first on PATH, as npm scripts put it)", async () => {
  const dir = repository();
  const bin = join(dir, "node_modules", ".bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "git"), `#!/bin/sh\ntouch "${join(dir, "ran")}"\n`, { mode: 0o755 });
  touch(join(dir, "infra/app/main.parameters.prod.json"));
  const before = process.env["PATH"];
  process.env["PATH"] = `${bin}:${before}`;
  try {
    const r = await scanned(dir, "--changed-since", "HEAD");
    assert.equal(r.files, ["infra/app/main.json"], "the real git answered");
  } finally {
    process.env["PATH"] = before;
  }
  assert.not.ok(existsSync(join(dir, "ran")), "the committed git was not run");
});

test.run();
