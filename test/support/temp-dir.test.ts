import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { repoPath } from "../helpers.js";
import { tempDir } from "../../scripts/temp-dir.js";

/**
 * Runs `body` in a new Node process that has made a temp directory `dir` (holding a file, and an
 * unreadable directory as some tests make) with the helper, in a temp root of its own; returns what
 * is left in that root when the process has ended, and how it ended.
 */
function leftAfter(body: string): { left: string[]; status: number | null; signal: string | null } {
  const root = tempDir("acs-temp-test-");
  const script = `
    import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
    import { join } from "node:path";
    import { tempDir, keepTempDir } from ${JSON.stringify(repoPath("dist/scripts/temp-dir.js"))};
    const dir = tempDir("acs-x-");
    writeFileSync(join(dir, "file.json"), "{}");
    mkdirSync(join(dir, "locked", "inner"), { recursive: true });
    chmodSync(join(dir, "locked"), 0o000);
    ${body}`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, TMPDIR: root }, encoding: "utf8" });
  return { left: readdirSync(root), status: run.status, signal: run.signal };
}

test("temp dirs: removed when the process ends normally, on an uncaught error and on a rejected promise", () => {
  assert.equal(leftAfter(""), { left: [], status: 0, signal: null });
  assert.equal(leftAfter(`throw new Error("boom");`), { left: [], status: 1, signal: null });
  assert.equal(leftAfter(`await Promise.reject(new Error("boom"));`), { left: [], status: 1, signal: null });
  assert.equal(leftAfter(`process.exit(3);`), { left: [], status: 3, signal: null });
});

test("temp dirs: removed on a signal, and the process still ends by that signal", () => {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    assert.equal(leftAfter(`process.kill(process.pid, "${signal}"); setTimeout(() => {}, 5000);`), { left: [], status: null, signal });
  }
});

test("temp dirs: a program's own signal handler decides how it ends; the directory goes at exit", () => {
  const graceful = `process.on("SIGINT", () => setTimeout(() => process.exit(0), 10)); process.kill(process.pid, "SIGINT"); setTimeout(() => {}, 5000);`;
  assert.equal(leftAfter(graceful), { left: [], status: 0, signal: null });
});

test("temp dirs: a kept directory stays", () => {
  const run = leftAfter(`keepTempDir(dir);`);
  assert.is(run.left.length, 1);
  assert.match(run.left[0]!, /^acs-x-/);
});

test("tests and scripts make temp directories only with tempDir, which removes them", () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
    );
  const own = repoPath("scripts/temp-dir.ts");
  const direct = [...sources(repoPath("test")), ...sources(repoPath("scripts"))].filter(
    (f) => f !== own && /\bmkdtemp(Sync)?\(|\btmpdir\(\)/.test(readFileSync(f, "utf8")),
  );
  assert.equal(direct, []);
});

test.run();
