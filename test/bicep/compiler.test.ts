import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compileArguments, findBicepCli } from "../../src/bicep/compiler.js";
import { parseDiagnostics } from "../../src/bicep/diagnostics.js";

function executables(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "acs-bicep-path-"));
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
});

test("diagnostics in the CLI's format, paths with spaces and parentheses included", () => {
  const out = parseDiagnostics(
    [
      '/src/my (copy)/main.bicep(3,12) : Error BCP018: Expected the ":" character at this location.',
      'C:\\infra\\main.bicep(1,1) : Warning no-unused-params: Parameter "x" is declared but never used. [https://aka.ms/bicep/linter/no-unused-params]',
      "Build succeeded.",
    ].join("\r\n"),
  );
  assert.equal(
    out.map((d) => [d.file, d.line, d.column, d.level, d.code]),
    [
      ["/src/my (copy)/main.bicep", 3, 12, "Error", "BCP018"],
      ["C:\\infra\\main.bicep", 1, 1, "Warning", "no-unused-params"],
    ],
  );
});

test.run();
