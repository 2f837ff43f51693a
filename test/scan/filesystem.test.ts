import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createScanner } from "../../src/index.js";
import { MAX_SOURCE_BYTES } from "../../src/reader/index.js";
import { linkedTemplatePath } from "../../src/scan/companions.js";
import { readRegularFile, readRegularFileAsync } from "../../src/node/index.js";
import { repoPath, thrownMessage as message } from "../helpers.js";
import { tempDir } from "../../scripts/temp-dir.js";

// Class 5 of the hostile-input suite: only regular files, only inside the scanned tree after
// resolving links, a size cap enforced while reading, and one bad path is one error.

const TEMPLATE = repoPath("fixtures/rules/ACS-IAM-001/fail-false.json");

test("the size cap holds at its value and just past it, reading synchronously and not", async () => {
  const dir = tempDir("acs-cap-");
  writeFileSync(join(dir, "at.json"), Buffer.alloc(MAX_SOURCE_BYTES, 0x20));
  writeFileSync(join(dir, "past.json"), Buffer.alloc(MAX_SOURCE_BYTES + 1, 0x20));
  assert.is(readRegularFile(join(dir, "at.json")).byteLength, MAX_SOURCE_BYTES);
  assert.is((await readRegularFileAsync(join(dir, "at.json"))).byteLength, MAX_SOURCE_BYTES);
  assert.match(
    message(() => readRegularFile(join(dir, "past.json"))),
    /larger than the 16 MiB limit/,
  );
  assert.match(
    await readRegularFileAsync(join(dir, "past.json")).then(
      () => "",
      (e: Error) => e.message,
    ),
    /larger than the 16 MiB limit/,
  );
});

test("devices and FIFOs are refused before anything is read", async () => {
  assert.match(
    message(() => readRegularFile("/dev/zero")),
    /it is a device, not a regular file/,
  );
  assert.match(
    await readRegularFileAsync("/dev/zero").then(
      () => "",
      (e: Error) => e.message,
    ),
    /a device/,
  );
  const dir = tempDir("acs-fifo-");
  execFileSync("mkfifo", [join(dir, "pipe.json")]);
  assert.match(
    message(() => readRegularFile(join(dir, "pipe.json"))),
    /it is a FIFO, not a regular file/,
  );
  symlinkSync("/dev/zero", join(dir, "zero.json"));
  const report = createScanner().scanPaths([join(dir, "pipe.json"), join(dir, "zero.json")]);
  assert.equal(
    report.errors.map((e) => e.message),
    ["cannot read path: not a regular file or directory", "cannot read path: not a regular file or directory"],
  );
});

test("a linked template or paired parameter file that links out of the tree is not read", () => {
  const root = tempDir("acs-escape-");
  const outside = tempDir("acs-outside-");
  writeFileSync(join(outside, "secret.json"), '{"parameters": {}, "contentVersion": "1.0.0.0", "secret": "s3cr3t"}');
  symlinkSync(join(outside, "secret.json"), join(root, "module.json"));
  assert.is(linkedTemplatePath(join(root, "main.json"), "module.json", [root]), undefined);
  writeFileSync(join(root, "main.json"), "{}");
  assert.is(linkedTemplatePath(join(root, "x.json"), "main.json", [root]), join(root, "main.json"));

  writeFileSync(join(root, "acs.json"), execFileSync("cat", [TEMPLATE]));
  symlinkSync("/etc/passwd", join(root, "acs.parameters.json"));
  const report = createScanner().scanPaths([root]);
  const error = report.errors.find((e) => e.file.endsWith("acs.json"));
  assert.ok(error, "the template paired with a link out of the tree is an error, not a silent scan");
  assert.match(error!.message, /acs\.parameters\.json: the paired parameter file resolves outside the scanned directories/);
  assert.not.match(JSON.stringify(report), /root:|s3cr3t/);
});

test("one bad explicit path is one error; the other paths are still scanned", () => {
  const dir = tempDir("acs-paths-");
  symlinkSync("loop-b", join(dir, "loop-a"));
  symlinkSync("loop-a", join(dir, "loop-b"));
  mkdirSync(join(dir, "sub"));
  const long = join(dir, "x".repeat(5000), "t.json"); // past PATH_MAX
  const report = createScanner().scanPaths([join(dir, "loop-a"), join(TEMPLATE, "x.json"), "nul\0.json", long, TEMPLATE]);
  // In the scanner's words (the code kept for searching), never Node's message.
  assert.equal(report.errors.map((e) => e.message).sort(), [
    "cannot read path: a loop of symbolic links (ELOOP)",
    "cannot read path: a part of the path is not a directory (ENOTDIR)",
    "cannot read path: the path holds a character no file name can hold (ERR_INVALID_ARG_VALUE)",
    "cannot read path: the path is too long (ENAMETOOLONG)",
  ]);
  assert.is(report.summary.filesScanned, 1);
  assert.ok(report.findings.length > 0);
});

test("scan - < /dev/zero stops at the cap with an error", () => {
  const zero = openSync("/dev/zero", "r");
  try {
    const run = spawnSync(process.execPath, [repoPath("bin/acs-baseline.js"), "scan", "-"], { stdio: [zero, "pipe", "pipe"], timeout: 60_000 });
    assert.is(run.status, 2);
    assert.match(run.stdout.toString(), /stdin\.json: file is larger than the 16 MiB limit/);
  } finally {
    closeSync(zero);
  }
});

test.run();
