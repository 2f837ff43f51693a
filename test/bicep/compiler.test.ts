import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { azHasBicep, compileArguments, findBicepCli } from "../../src/bicep/compiler.js";
import { parseDiagnostics } from "../../src/bicep/diagnostics.js";
import { tempDir } from "../../scripts/temp-dir.js";

function executables(...names: string[]): string {
  const dir = tempDir("acs-bicep-path-");
  for (const name of names) {
    writeFileSync(join(dir, name), "#!/bin/sh\nexit 0\n");
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

test("the compiler: --bicep first, then bicep on PATH, then az bicep; none found is undefined", () => {
  const both = executables("bicep", "az");
  const azOnly = executables("az");
  assert.equal(findBicepCli("/opt/bicep/bicep", { PATH: both }), { executable: "/opt/bicep/bicep", flavour: "bicep" });
  assert.equal(findBicepCli(undefined, { PATH: both }), { executable: join(both, "bicep"), flavour: "bicep" });
  assert.equal(findBicepCli(undefined, { PATH: azOnly }), { executable: join(azOnly, "az"), flavour: "az" });
  assert.is(findBicepCli(undefined, { PATH: executables() }), undefined);
});

test("command lines: the documented --stdout forms with --no-restore, for bicep and az bicep", () => {
  assert.equal(compileArguments({ executable: "bicep", flavour: "bicep" }, "build", "main.bicep"), ["build", "main.bicep", "--stdout", "--no-restore"]);
  assert.equal(compileArguments({ executable: "bicep", flavour: "bicep" }, "build-params", "a.bicepparam"), [
    "build-params",
    "a.bicepparam",
    "--stdout",
    "--no-restore",
  ]);
  assert.equal(compileArguments({ executable: "az", flavour: "az" }, "build", "main.bicep"), [
    "bicep",
    "build",
    "--file",
    "main.bicep",
    "--stdout",
    "--no-restore",
  ]);
  assert.equal(compileArguments({ executable: "az", flavour: "az" }, "build-params", "a.bicepparam"), [
    "bicep",
    "build-params",
    "--file",
    "a.bicepparam",
    "--stdout",
    "--no-restore",
  ]);
});

test("az's own Bicep CLI: in its configuration folder, or a bicep on PATH; else az would download one", () => {
  const config = tempDir("acs-azconfig-");
  assert.is(azHasBicep({ AZURE_CONFIG_DIR: config, PATH: executables("az") }), false);
  assert.is(azHasBicep({ AZURE_CONFIG_DIR: config, PATH: executables("az", "bicep") }), true);
  mkdirSync(join(config, "bin"));
  writeFileSync(join(config, "bin", "bicep"), "");
  assert.is(azHasBicep({ AZURE_CONFIG_DIR: config, PATH: executables("az") }), true);
});

test("diagnostics in the CLI's format, paths with spaces and parentheses included, behind az's log prefix too", () => {
  const out = parseDiagnostics(
    [
      '/src/my (copy)/main.bicep(3,12) : Error BCP018: Expected the ":" character at this location.',
      'C:\\infra\\main.bicep(1,1) : Warning no-unused-params: Parameter "x" is declared but never used. [https://aka.ms/bicep/linter/no-unused-params]',
      "Build succeeded.",
      'ERROR: /src/main.bicep(2,5) : Error BCP190: The artifact with reference "br:contoso.azurecr.io/m:v1" has not been restored.',
      'WARNING: /src/main.bicep(9,1) : Warning no-unused-vars: Variable "v" is declared but never used.',
    ].join("\r\n"),
  );
  assert.equal(
    out.map((d) => [d.file, d.line, d.column, d.level, d.code]),
    [
      ["/src/my (copy)/main.bicep", 3, 12, "Error", "BCP018"],
      ["C:\\infra\\main.bicep", 1, 1, "Warning", "no-unused-params"],
      ["/src/main.bicep", 2, 5, "Error", "BCP190"],
      ["/src/main.bicep", 9, 1, "Warning", "no-unused-vars"],
    ],
  );
});

test.run();
