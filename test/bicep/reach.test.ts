import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createScanner } from "../../src/index.js";
import { repoPath } from "../helpers.js";
import { tempDir } from "../../scripts/temp-dir.js";

// Class 5 of the hostile-input suite for Bicep: the compiler reads modules, imports and the files
// load...() functions name, and prints what it read into the template whose values findings quote.
// Nothing outside the scanned directories may be read, by the scanner or by the compiler.

const stub = repoPath("fixtures/bicep/bin/bicep");

/** A scanned tree `repo/` (a copy of the modules fixture) beside `outside/secret.bicep`, with a compile log. */
function tree(): { repo: string; outside: string; log: string } {
  const dir = tempDir("acs-reach-");
  const repo = join(dir, "repo");
  cpSync(repoPath("fixtures/bicep/modules"), repo, { recursive: true });
  mkdirSync(join(dir, "outside"));
  writeFileSync(join(dir, "outside", "secret.bicep"), "param leaked string = 'TOPSECRET'\n");
  writeFileSync(join(dir, "outside", "secret.json"), readFileSync(join(repo, "main.json"), "utf8").replace('"Enabled"', '"TOPSECRET"'));
  return { repo, outside: join(dir, "outside"), log: join(dir, "compiles.log") };
}

/** Scans `file` with the stub compiler, and says whether the compiler was run. */
function scan(file: string, log: string, roots?: string[]) {
  process.env["BICEP_STUB_LOG"] = log;
  try {
    const result = createScanner({ bicep: { path: stub } }).scanFile(file, roots ? { roots } : {});
    let compiled = false;
    try {
      compiled = readFileSync(log, "utf8").length > 0;
    } catch {
      // no log: never run
    }
    return { result, compiled };
  } finally {
    delete process.env["BICEP_STUB_LOG"];
  }
}

const bicepOf = (lines: string[]) => lines.join("\n") + "\n";

test("a load...() function, module or import reaching out of the scanned tree: the file is an error, the compiler never runs", () => {
  const cases: Array<[string, RegExp]> = [
    ["var x = loadTextContent('../outside/secret.bicep')", /^loadTextContent\(\) '\.\.\/outside\/secret\.bicep' resolves outside the scanned directories/],
    ["var x = sys.loadJsonContent('/etc/passwd')", /loadJsonContent\(\) '\/etc\/passwd' resolves outside/],
    ["var x = loadFileAsBase64('modules/${name}')", /the argument of loadFileAsBase64\(\) is not a plain string literal/],
    ["var x = loadYamlContent(path)", /the argument of loadYamlContent\(\) is not a plain string literal/],
    ["module m '../outside/secret.bicep' = {\n  name: 'm'\n}", /module '\.\.\/outside\/secret\.bicep' resolves outside/],
    ["import { a } from '../outside/secret.bicep'", /import.*from|from '\.\.\/outside\/secret\.bicep' resolves outside/],
    ["var x = loadTextContent('file:///etc/passwd')", /'file:\/\/\/etc\/passwd' is not a local path/],
    ["var x = loadTextContent('..\\\\outside\\\\secret.bicep')", /holds a backslash/],
    ["var x = loadTextContent('%2e%2e/outside/secret.bicep')", /holds a backslash, percent sign/],
    [
      `var x = loadTextContent('../outside/secret.bicep')\nvar y = ${"'".repeat(3)}never closed`,
      /cannot be read to check which files it makes the compiler read/,
    ],
  ];
  for (const [line, expected] of cases) {
    const { repo, log } = tree();
    writeFileSync(join(repo, "main.bicep"), bicepOf([line]));
    const { result, compiled } = scan(join(repo, "main.bicep"), log);
    assert.match(result.error?.message ?? "", expected, line);
    assert.match(result.error!.message, /not compiled$/);
    assert.not.ok(compiled, `${line}: the compiler was run`);
  }
});

test("a link inside the tree to a file outside it, and a module of a module reaching out, are refused too", () => {
  const { repo, outside, log } = tree();
  symlinkSync(join(outside, "secret.bicep"), join(repo, "modules", "linked.bicep"));
  writeFileSync(join(repo, "main.bicep"), bicepOf(["module m './modules/linked.bicep' = {", "  name: 'm'", "}"]));
  assert.match(scan(join(repo, "main.bicep"), log).result.error!.message, /module '\.\/modules\/linked\.bicep' resolves outside/);
  writeFileSync(join(repo, "modules", "sender.bicep"), bicepOf(["var x = loadTextContent('../../outside/secret.bicep')"]));
  writeFileSync(join(repo, "main.bicep"), bicepOf(["module m './modules/sender.bicep' = {", "  name: 'm'", "}"]));
  const { result, compiled } = scan(join(repo, "main.bicep"), log);
  assert.match(result.error!.message, /modules\/sender\.bicep:1:25: loadTextContent\(\) '\.\.\/\.\.\/outside\/secret\.bicep' resolves outside/);
  assert.not.ok(compiled);
});

test("references inside the tree, registry modules and loads of files inside compile as before", () => {
  const { repo, log } = tree();
  const main = readFileSync(join(repo, "main.bicep"), "utf8");
  writeFileSync(join(repo, "data.txt"), "x");
  writeFileSync(
    join(repo, "main.bicep"),
    `${main}\nvar text = loadTextContent('data.txt')\nvar missing = loadTextContent('./none.txt')\nmodule r 'br/public:avm/res/x:1.0.0' = {\n  name: 'r'\n}\n`,
  );
  const { result, compiled } = scan(join(repo, "main.bicep"), log);
  assert.is(result.error, undefined);
  assert.ok(compiled);
  assert.ok(result.findings.length > 0);
});

test("a file may reach 1,000 Bicep files (compiled), not 1,001 (refused, naming the limit)", () => {
  for (const count of [1000, 1001]) {
    const { repo, log } = tree();
    const lines: string[] = [];
    for (let i = 0; i < count; i++) {
      writeFileSync(join(repo, `m${i}.bicep`), "param p string = 'x'\n");
      lines.push(`module m${i} './m${i}.bicep' = {\n  name: 'm${i}'\n}`);
    }
    writeFileSync(join(repo, "main.bicep"), bicepOf(lines));
    const { result, compiled } = scan(join(repo, "main.bicep"), log);
    if (count === 1000) assert.ok(compiled && result.error === undefined, result.error?.message);
    else assert.match(result.error?.message ?? "", /it reaches more than 1000 Bicep files/);
  }
});

test("a .bicepparam whose using names a template out of the tree is refused", () => {
  const { repo, log } = tree();
  writeFileSync(join(repo, "main.prod.bicepparam"), "using '../outside/secret.bicep'\n");
  const { result, compiled } = scan(join(repo, "main.prod.bicepparam"), log);
  assert.match(result.error!.message, /using '\.\.\/outside\/secret\.bicep' resolves outside/);
  assert.not.ok(compiled);
});

test("the .bicep beside a compiled .json, or the committed .json beside a .bicep, is not read through a link out of the tree", () => {
  const { repo, outside, log } = tree();
  rmSync(join(repo, "main.bicep"));
  symlinkSync(join(outside, "secret.bicep"), join(repo, "main.bicep"));
  const scanner = createScanner({ evidence: true });
  const json = scanner.scanFile(join(repo, "main.json"));
  assert.is(json.error, undefined);
  assert.ok(json.findings.length > 0);
  assert.not.match(JSON.stringify(json), /TOPSECRET/);
  assert.ok(
    json.findings.every((f) => f.file.endsWith("main.json")),
    "the findings stay in the JSON",
  );
  // no compiler: the committed twin would be scanned instead, but it is a link out of the tree
  rmSync(join(repo, "main.bicep"));
  rmSync(join(repo, "main.json"));
  writeFileSync(join(repo, "main.bicep"), "param a string = 'b'\n");
  symlinkSync(join(outside, "secret.json"), join(repo, "main.json"));
  process.env["BICEP_STUB_LOG"] = log;
  const saved = process.env["PATH"];
  process.env["PATH"] = "/nonexistent";
  try {
    const noCompiler = createScanner().scanFile(join(repo, "main.bicep"));
    assert.match(noCompiler.error?.message ?? "", /no Bicep compiler found/);
    assert.not.match(JSON.stringify(noCompiler), /TOPSECRET/);
  } finally {
    process.env["PATH"] = saved;
    delete process.env["BICEP_STUB_LOG"];
  }
});

test("variables a .bicepparam reads with readEnvironmentVariable() are not handed to the compiler", () => {
  const { repo } = tree();
  // A compiler that, as the real one does, puts the variable's value into the parameters it prints.
  const echo = join(repo, "..", "echo-bicep");
  writeFileSync(
    echo,
    `#!/usr/bin/env node
const value = process.env.ACS_TEST_SECRET ?? "Enabled";
const parametersJson = JSON.stringify({ $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", contentVersion: "1.0.0.0", parameters: { tracking: { value } } });
process.stdout.write(JSON.stringify({ parametersJson, templateJson: require("fs").readFileSync(${JSON.stringify(join(repo, "main.json"))}, "utf8") }));
`,
  );
  chmodSync(echo, 0o755);
  writeFileSync(join(repo, "main.prod.bicepparam"), "using 'main.bicep'\nparam tracking = readEnvironmentVariable('ACS_TEST_SECRET', 'Enabled')\n");
  process.env["ACS_TEST_SECRET"] = "TOPSECRET-from-the-ci-job";
  try {
    const result = createScanner({ bicep: { path: echo } }).scanFile(join(repo, "main.prod.bicepparam"));
    assert.is(result.error, undefined);
    assert.ok(result.findings.length > 0);
    assert.not.match(JSON.stringify(result), /TOPSECRET/);
    assert.ok(result.findings.some((f) => f.ruleId === "ACS-DATA-003" && /Enabled/.test(f.message)));
  } finally {
    delete process.env["ACS_TEST_SECRET"];
  }
});

test.run();
