import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { rulesById } from "../../src/catalog/index.js";
import { findConfig, loadCatalog, loadConfig, readBaseline } from "../../src/node/index.js";
import { thrownMessage as message } from "../helpers.js";
import { tempDir } from "../../scripts/temp-dir.js";

// Class 5 of the hostile-input suite for the files the configuration reads or names: the
// configuration file itself, the baseline it names and the Bicep CLI it names. A pull request can
// change all three, so each is read as a scanned file is, quotes nothing it read, and runs nothing
// from the repository.

const rules = rulesById(loadCatalog());

test("a configuration that is a FIFO, a device or a link to one is refused without waiting or reading", () => {
  const dir = tempDir("acs-config-kind-");
  execFileSync("mkfifo", [join(dir, "fifo.yaml")]);
  symlinkSync("/dev/zero", join(dir, ".acs-baseline.yaml"));
  assert.match(
    message(() => loadConfig(join(dir, "fifo.yaml"), rules)),
    /fifo\.yaml|FIFO, not a regular file/,
  );
  assert.match(
    message(() => loadConfig(join(dir, ".acs-baseline.yaml"), rules)),
    /a device, not a regular file/,
  );
});

test("a baseline that is a FIFO, a device, too large, not JSON or not a baseline is one clear error that quotes nothing", () => {
  const dir = tempDir("acs-baseline-kind-");
  execFileSync("mkfifo", [join(dir, "fifo.json")]);
  writeFileSync(join(dir, "secret.txt"), "root:x:0:0:s3cr3t\n");
  writeFileSync(join(dir, "null.json"), "null");
  writeFileSync(join(dir, "nulls.json"), '{"schemaVersion": 1, "findings": [null, {"fingerprint": "abc"}]}');
  writeFileSync(join(dir, "big.json"), Buffer.alloc(16 * 1024 * 1024 + 1, 0x20));
  assert.match(
    message(() => readBaseline(join(dir, "fifo.json"))),
    /FIFO, not a regular file/,
  );
  assert.match(
    message(() => readBaseline("/dev/zero")),
    /a device, not a regular file/,
  );
  assert.match(
    message(() => readBaseline(join(dir, "big.json"))),
    /larger than the 16 MiB limit/,
  );
  const notJson = message(() => readBaseline(join(dir, "secret.txt")));
  assert.is(notJson, "cannot read baseline: it is not JSON");
  assert.match(
    message(() => readBaseline(join(dir, "null.json"))),
    /not an acs-baseline baseline/,
  );
  assert.equal(readBaseline(join(dir, "nulls.json")), ["abc"]);
});

test("a baseline of exactly 16 MiB is read; one byte more is refused", () => {
  const dir = tempDir("acs-baseline-size-");
  const json = '{"schemaVersion": 1, "findings": [{"fingerprint": "abc"}]}';
  const padded = (bytes: number) => Buffer.concat([Buffer.from(json), Buffer.alloc(bytes - json.length, 0x20)]);
  writeFileSync(join(dir, "at.json"), padded(16 * 1024 * 1024));
  writeFileSync(join(dir, "past.json"), padded(16 * 1024 * 1024 + 1));
  assert.equal(readBaseline(join(dir, "at.json")), ["abc"]);
  assert.match(
    message(() => readBaseline(join(dir, "past.json"))),
    /larger than the 16 MiB limit/,
  );
});

test("a Bicep CLI the configuration names inside its own tree is not run; outside it, or on PATH, it is", () => {
  const dir = tempDir("acs-config-bicep-");
  const outside = tempDir("acs-tools-");
  mkdirSync(join(dir, "tools"));
  writeFileSync(join(dir, "tools", "bicep"), "#!/bin/sh\necho pwned\n");
  chmodSync(join(dir, "tools", "bicep"), 0o755);
  symlinkSync(join(dir, "tools", "bicep"), join(outside, "bicep"));
  symlinkSync("/usr/bin/env", join(dir, "tools", "env-link"));
  const config = (path: string) => {
    writeFileSync(join(dir, ".acs-baseline.yaml"), `bicep:\n  path: ${JSON.stringify(path)}\n`);
    return join(dir, ".acs-baseline.yaml");
  };
  for (const path of ["tools/bicep", "./tools/../tools/bicep", join(dir, "tools", "bicep"), join(outside, "bicep"), "tools/not-yet"]) {
    assert.match(
      message(() => loadConfig(config(path), rules)),
      /bicep\.path: names a program inside the configuration's own directory tree/,
      path,
    );
  }
  assert.is(loadConfig(config("bicep"), rules).options.bicep?.path, "bicep");
  assert.is(loadConfig(config("/usr/local/bin/bicep"), rules).options.bicep?.path, "/usr/local/bin/bicep");
  assert.is(loadConfig(config("../elsewhere/bicep"), rules).options.bicep?.path, join(dir, "..", "elsewhere", "bicep"));
});

test("a configuration found by lookup that links out of its directory is refused before a key of it is quoted; one inside is read", () => {
  const dir = tempDir("acs-config-link-");
  try {
    mkdirSync(join(dir, "repo", "config"), { recursive: true });
    writeFileSync(join(dir, "hosts.yml"), "github.com:\n  oauth_token: gho_s3cr3t\n");
    symlinkSync(join(dir, "hosts.yml"), join(dir, "repo", ".acs-baseline.yaml"));
    const refused = message(() => findConfig(join(dir, "repo")));
    assert.match(refused, /the configuration file is a symbolic link out of its directory; not read \(name the file with --config\)/);
    assert.not.match(refused, /github|s3cr3t/);
    rmSync(join(dir, "repo", ".acs-baseline.yaml"));
    writeFileSync(join(dir, "repo", "config", "acs.yaml"), "failOn: high\n");
    symlinkSync("config/acs.yaml", join(dir, "repo", ".acs-baseline.yaml"));
    assert.is(findConfig(join(dir, "repo")), join(dir, "repo", ".acs-baseline.yaml"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a configuration nested deeply enough to overflow the YAML parser's stack is refused in our words", () => {
  const dir = tempDir("acs-config-deep-");
  try {
    for (const [open, close] of [
      ["[", "]"],
      ["{a: ", "}"],
    ]) {
      writeFileSync(join(dir, ".acs-baseline.yaml"), `a: ${open!.repeat(100_000)}${close!.repeat(100_000)}\n`);
      const refused = message(() => loadConfig(join(dir, ".acs-baseline.yaml"), rules));
      assert.match(refused, /invalid YAML: it nests too deeply to be read/);
      assert.not.match(refused, /call stack/i);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a baseline the configuration names must lie inside the configuration's directory tree, links resolved", () => {
  const dir = tempDir("acs-config-baseline-");
  try {
    mkdirSync(join(dir, "repo"));
    symlinkSync(join(dir, "elsewhere.json"), join(dir, "repo", "linked.json"));
    const config = (baseline: string) => {
      writeFileSync(join(dir, "repo", ".acs-baseline.yaml"), `baseline: ${JSON.stringify(baseline)}\n`);
      return join(dir, "repo", ".acs-baseline.yaml");
    };
    for (const baseline of ["../elsewhere.json", "/etc/passwd", "linked.json"]) {
      assert.match(
        message(() => loadConfig(config(baseline), rules)),
        /baseline: names a file outside the configuration's own directory tree/,
        baseline,
      );
    }
    assert.is(loadConfig(config("baselines/acs.json"), rules).baseline, join(dir, "repo", "baselines", "acs.json"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
