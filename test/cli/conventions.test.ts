import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { useColor } from "../../src/cli/color.js";
import { loadConfig, ruleCatalog } from "../../src/index.js";
import { cliRun, repoPath } from "../helpers.js";
import { tempDir } from "../../scripts/temp-dir.js";

const ESC = "\u001b[";
const compliant = repoPath("fixtures/cli/compliant.json");
const insecure = repoPath("examples/insecure-acs-workload.json");

test("colour: flags first, then FORCE_COLOR, then NO_COLOR, then TERM=dumb, then whether stdout is a terminal", () => {
  assert.is(useColor(undefined, {}, true), true);
  assert.is(useColor(undefined, {}, false), false);
  assert.is(useColor(undefined, { NO_COLOR: "1" }, true), false);
  assert.is(useColor(undefined, { NO_COLOR: "" }, true), true, "an empty NO_COLOR does not count (no-color.org)");
  assert.is(useColor(undefined, { FORCE_COLOR: "1" }, false), true);
  assert.is(useColor(undefined, { FORCE_COLOR: "" }, false), true);
  assert.is(useColor(undefined, { FORCE_COLOR: "0" }, true), false);
  assert.is(useColor(undefined, { FORCE_COLOR: "false" }, true), false);
  assert.is(useColor(undefined, { FORCE_COLOR: "1", NO_COLOR: "1" }, false), true, "FORCE_COLOR wins, as in Node");
  assert.is(useColor(undefined, { TERM: "dumb" }, true), false);
  assert.is(useColor(true, { NO_COLOR: "1" }, false), true);
  assert.is(useColor(false, { FORCE_COLOR: "1" }, true), false);
});

test("colour through the CLI: --color in a pipe, FORCE_COLOR in CI logs, --no-color on a terminal; never in files", async () => {
  const dir = repoPath(".");
  assert.ok((await cliRun({ cwd: dir }, "scan", insecure, "--color")).stdout.includes(ESC));
  assert.ok((await cliRun({ cwd: dir, env: { FORCE_COLOR: "1" } }, "scan", insecure)).stdout.includes(ESC));
  assert.not.ok((await cliRun({ cwd: dir, tty: true }, "scan", insecure, "--no-color")).stdout.includes(ESC));
  assert.not.ok((await cliRun({ cwd: dir, tty: true, env: { NO_COLOR: "1" } }, "scan", insecure)).stdout.includes(ESC));
  assert.ok((await cliRun({ cwd: dir, tty: true }, "scan", insecure)).stdout.includes(ESC));
  assert.is((await cliRun({ cwd: dir }, "scan", insecure, "--color", "--no-color")).code, 2);
  const out = tempDir("acs-color-");
  await cliRun({ cwd: out }, "scan", insecure, "--color", "--format", "text=out.txt");
  assert.not.ok(readFileSync(join(out, "out.txt"), "utf8").includes(ESC));
});

test(".gitignore is honoured when walking directories (nested files, negation, directories), and --no-gitignore turns it off", async () => {
  const dir = tempDir("acs-gitignore-");
  mkdirSync(join(dir, ".git"));
  for (const sub of ["infra", "build/out", "infra/generated", "infra/keep"]) mkdirSync(join(dir, sub), { recursive: true });
  for (const f of ["infra/main.json", "build/out/main.json", "infra/generated/x.json", "infra/keep/y.json", "infra/skip.json", "infra/keep/local.json"])
    copyFileSync(insecure, join(dir, f));
  writeFileSync(join(dir, ".gitignore"), "# build output\nbuild/\n*.local.json\nskip.json\n");
  writeFileSync(join(dir, "infra", ".gitignore"), "generated/\nkeep/*\n!keep/y.json\n");
  const scannedFiles = async (...argv: string[]) => {
    const r = await cliRun({ cwd: dir }, "scan", ...argv, "--format", "json");
    return [...new Set(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file.split("\\").join("/")))].sort();
  };
  assert.equal(await scannedFiles("."), ["infra/keep/y.json", "infra/main.json"]);
  assert.equal(await scannedFiles("infra"), ["infra/keep/y.json", "infra/main.json"], "a parent's .gitignore applies inside the work tree");
  assert.equal((await scannedFiles(".", "--no-gitignore")).length, 6);
  writeFileSync(join(dir, ".acs-baseline.yaml"), "gitignore: false\n");
  assert.equal((await scannedFiles(".")).length, 6, "or gitignore: false in the configuration");
  assert.equal(await scannedFiles("infra/skip.json"), ["infra/skip.json"], "a file named explicitly is always scanned");
});

test("the configuration schema has a stable $id; init writes the yaml-language-server line", async () => {
  const schema = JSON.parse(readFileSync(repoPath("schemas/config.schema.json"), "utf8"));
  assert.match(schema.$id, /^https:\/\/raw\.githubusercontent\.com\/[^/]+\/[^/]+\/main\/schemas\/config\.schema\.json$/);
  const dir = tempDir("acs-init-");
  assert.is((await cliRun({ cwd: dir }, "init")).code, 0);
  const written = readFileSync(join(dir, ".acs-baseline.yaml"), "utf8");
  assert.is(written.split("\n")[0], `# yaml-language-server: $schema=${schema.$id}`);
  const rules = new Map(ruleCatalog().rules.map((r) => [r.id, r]));
  assert.ok(loadConfig(join(dir, ".acs-baseline.yaml"), rules), "still a valid configuration");
  const installed = tempDir("acs-init-local-");
  mkdirSync(join(installed, "node_modules/acs-baseline/schemas"), { recursive: true });
  copyFileSync(repoPath("schemas/config.schema.json"), join(installed, "node_modules/acs-baseline/schemas/config.schema.json"));
  await cliRun({ cwd: installed }, "init");
  assert.is(
    readFileSync(join(installed, ".acs-baseline.yaml"), "utf8").split("\n")[0],
    "# yaml-language-server: $schema=./node_modules/acs-baseline/schemas/config.schema.json",
  );
});

test("the documented VS Code problem matcher reads every finding and error of the text output", async () => {
  const doc = readFileSync(repoPath("docs/ci/vscode.md"), "utf8");
  const tasks = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)![1]!);
  const [findingMatcher, errorMatcher] = tasks.tasks[0].problemMatcher as Array<{ pattern: Record<string, string | number> }>;
  const findingRe = new RegExp(findingMatcher!.pattern["regexp"] as string);
  const errorRe = new RegExp(errorMatcher!.pattern["regexp"] as string);
  const dir = repoPath(".");
  const text = (await cliRun({ cwd: dir }, "scan", "examples", "fixtures/reader/malformed.json", compliant, "--no-color")).stdout;
  const json = JSON.parse((await cliRun({ cwd: dir }, "scan", "examples", "fixtures/reader/malformed.json", compliant, "--format", "json")).stdout);
  const problems = text.split("\n").flatMap((l) => {
    const m = findingRe.exec(l);
    return m
      ? [{ file: m[findingMatcher!.pattern["file"] as number], line: Number(m[2]), column: Number(m[3]), code: m[findingMatcher!.pattern["code"] as number] }]
      : [];
  });
  assert.equal(
    problems,
    json.findings.map((f: { file: string; range: { start: { line: number; column: number } }; ruleId: string }) => ({
      file: f.file,
      line: f.range.start.line,
      column: f.range.start.column,
      code: f.ruleId,
    })),
  );
  const errors = text.split("\n").filter((l) => errorRe.test(l));
  assert.is(errors.length, 1);
  assert.match(errorRe.exec(errors[0]!)![1]!, /fixtures\/reader\/malformed\.json$/);
});

test.run();
