import { utimesSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { linkedTemplatePath, pairedParameterFiles } from "../../src/scan/companions.js";
import { directoryIndex } from "../../src/node/index.js";
import { tempDir } from "../../scripts/temp-dir.js";

const names = (files: string[]) => files.map((f) => basename(f));

test("parameter files pair with their template by name", () => {
  const dir = tempDir("acs-pair-");
  for (const f of [
    "main.json",
    "main.parameters.json",
    "main.parameters.prod.json",
    "main.dev.parameters.json",
    "main.parametersx.json",
    "other.parameters.json",
    "azuredeploy.json",
    "azuredeploy.parameters.json",
    "main.dev.json",
  ]) {
    writeFileSync(join(dir, f), "{}");
  }
  assert.equal(names(pairedParameterFiles(join(dir, "main.json"))), ["main.dev.parameters.json", "main.parameters.json", "main.parameters.prod.json"]);
  assert.equal(names(pairedParameterFiles(join(dir, "azuredeploy.json"))), ["azuredeploy.parameters.json"]);
  assert.equal(names(pairedParameterFiles(join(dir, "main.dev.json"))), ["main.dev.parameters.json"]);
  assert.equal(pairedParameterFiles(join(dir, "main.parameters.json")), [], "a parameter file has no parameter files");
  assert.equal(pairedParameterFiles(join(dir, "missing", "x.json")), []);
});

test("a parameter file added later is seen", () => {
  const dir = tempDir("acs-pair-");
  writeFileSync(join(dir, "main.json"), "{}");
  assert.equal(pairedParameterFiles(join(dir, "main.json")), []);
  writeFileSync(join(dir, "main.parameters.json"), "{}");
  const later = new Date(Date.now() + 5000);
  utimesSync(dir, later, later); // a coarse-grained clock could leave the directory's mtime unchanged
  assert.equal(names(pairedParameterFiles(join(dir, "main.json"))), ["main.parameters.json"]);
});

test("linked templates are read only from inside the scanned tree", () => {
  const root = tempDir("acs-link-");
  writeFileSync(join(root, "module.json"), "{}");
  assert.is(linkedTemplatePath(join(root, "main.json"), "module.json", [root]), join(root, "module.json"));
  assert.is(linkedTemplatePath(join(root, "main.json"), "../etc/passwd", [root]), undefined);
  assert.is(linkedTemplatePath(join(root, "main.json"), "missing.json", [root]), undefined);
});

test("a directory that cannot be listed is an error, not silently a directory without parameter files", () => {
  const dir = tempDir("acs-pair-");
  const notADirectory = join(dir, "main.json"); // statSync succeeds, listing it fails (ENOTDIR); root may list any directory
  writeFileSync(notADirectory, "{}");
  assert.throws(
    () => directoryIndex(new Map(), notADirectory, () => new Map(), new Map()),
    /cannot list the directory to pair parameter files: a part of the path is not a directory \(ENOTDIR\)/,
  );
});

test.run();
