import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { cliRun, repoPath } from "../helpers.js";
import { tempDir } from "../../scripts/temp-dir.js";

const hooks = parse(readFileSync(repoPath(".pre-commit-hooks.yaml"), "utf8")) as Array<Record<string, unknown>>;
const hook = hooks.find((h) => h["id"] === "acs-baseline")!;
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });

test("the hook: a node hook over .json, .jsonc, .bicep and .bicepparam files, running the package's own command with the file names", () => {
  assert.is(hook["language"], "node");
  assert.is(hook["pass_filenames"] ?? true, true);
  // pre-commit matches `files` with Python's re.search; this pattern means the same in JavaScript.
  const files = new RegExp(hook["files"] as string);
  for (const name of ["infra/main.json", "a.jsonc", "main.bicep", "main.bicepparam", "x.parameters.json"]) assert.ok(files.test(name), name);
  for (const name of ["README.md", "main.json.bak", "bicepconfig.yaml"]) assert.not.ok(files.test(name), name);
  const [command, ...args] = (hook["entry"] as string).split(" ");
  const pkg = JSON.parse(readFileSync(repoPath("package.json"), "utf8"));
  assert.ok(pkg.bin[command!], "the entry is the package's bin, which pre-commit installs with npm");
  assert.equal(args, ["scan", "--changed-files"]);
});

test("run as pre-commit would: the staged names that match `files`, appended to the entry, in the repository root", async () => {
  const dir = tempDir("acs-pre-commit-");
  mkdirSync(join(dir, "infra"));
  cpSync(repoPath("fixtures/cli/fanout"), join(dir, "infra", "app"), { recursive: true });
  cpSync(repoPath("fixtures/cli/compliant.json"), join(dir, "infra", "ok.json"));
  writeFileSync(join(dir, "package.json"), '{ "name": "app" }\n');
  writeFileSync(join(dir, "README.md"), "# app\n");
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "base");

  const stagedRun = async () => {
    const staged = git(dir, "diff", "--cached", "--name-only", "-z").split("\0").filter(Boolean);
    const files = staged.filter((f) => new RegExp(hook["files"] as string).test(f));
    const [, ...args] = (hook["entry"] as string).split(" ");
    return { files, ...(await cliRun({ cwd: dir, env: { PRE_COMMIT: "1" } }, ...args, ...files)) };
  };

  // Only a parameter file and a JSON file that is no template are staged: the parameter file's template is scanned.
  appendFileSync(join(dir, "infra/app/main.parameters.prod.json"), "\n// prod\n");
  writeFileSync(join(dir, "package.json"), '{ "name": "app", "version": "2.0.0" }\n');
  writeFileSync(join(dir, "README.md"), "# app 2\n");
  git(dir, "add", "-A");
  const failing = await stagedRun();
  assert.equal(failing.files, ["infra/app/main.parameters.prod.json", "package.json"], "README.md is not passed");
  assert.is(failing.code, 1, "findings block the commit");
  assert.match(failing.stdout, /^infra\/app\/main\.json$/m);
  assert.match(failing.stdout, /1 template scanned/);
  git(dir, "commit", "-q", "-m", "prod", "--no-verify");

  // A compliant template staged alone passes.
  appendFileSync(join(dir, "infra/ok.json"), "\n// ok\n");
  git(dir, "add", "-A");
  const passing = await stagedRun();
  assert.equal(passing.files, ["infra/ok.json"]);
  assert.is(passing.code, 0);
});

test.run();
