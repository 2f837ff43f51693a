import { execFileSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { repoPath } from "../helpers.js";
import { tempDir } from "../../scripts/temp-dir.js";

// Packs the package as npm would publish it, installs the tarball into an empty project, and uses
// it there: no Go, no OPA, no repository files, just what the package ships.
const work = tempDir("acs-pack-");
const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

test("npm pack output installs into an empty project and scans there (ESM, CommonJS, TypeScript)", () => {
  run("npm", ["pack", "--ignore-scripts", "--pack-destination", work], repoPath("."));
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"))!;
  const app = join(work, "app");
  run("mkdir", ["-p", app], work);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", join(work, tarball)], app);
  writeFileSync(
    join(app, "template.json"),
    JSON.stringify({
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      resources: [
        {
          type: "Microsoft.Communication/communicationServices",
          apiVersion: "2025-05-01",
          name: "acs",
          location: "global",
          properties: { dataLocation: "Europe", disableLocalAuth: false },
        },
      ],
    }),
  );

  writeFileSync(
    join(app, "esm.mjs"),
    `
    import { readFileSync } from "node:fs";
    import { createScanner, createScannerAsync } from "acs-baseline";
    const scanner = createScanner();
    const result = scanner.scanText(readFileSync("template.json", "utf8"), "template.json");
    const sarif = JSON.parse(scanner.format(scanner.report([result]), "sarif"));
    const asyncScanner = await createScannerAsync();
    const again = await asyncScanner.scanFileAsync("template.json");
    console.log(JSON.stringify({ ids: result.findings.map((f) => f.ruleId), sarifRuns: sarif.runs.length, same: again.findings.length === result.findings.length }));
  `,
  );
  const esm = JSON.parse(run("node", ["esm.mjs"], app));
  assert.ok(esm.ids.includes("ACS-IAM-001"));
  assert.is(esm.sarifRuns, 1);
  assert.ok(esm.same);

  writeFileSync(
    join(app, "cjs.cjs"),
    `
    const { createScanner } = require("acs-baseline");
    const r = createScanner().scanFile("template.json");
    process.stdout.write(JSON.stringify({ found: r.findings.some((f) => f.ruleId === "ACS-IAM-001") }));
  `,
  );
  assert.equal(JSON.parse(run("node", ["cjs.cjs"], app)), { found: true }, "require() of the package works (Node >= 20.19)");

  writeFileSync(
    join(app, "consumer.ts"),
    `
    import { createScanner, type Finding, type ScanOptions } from "acs-baseline";
    const options: ScanOptions = { failOn: "high", suppressions: [{ rule: "ACS-NET-001", justification: "public clients" }] };
    const findings: Finding[] = createScanner(options).scanText("{}").findings;
    export const lines: number[] = findings.map((f) => f.range.start.line);
  `,
  );
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: "NodeNext",
        moduleResolution: "NodeNext",
        target: "ES2022",
        noEmit: true,
        skipLibCheck: false,
        types: ["node"],
        typeRoots: [repoPath("node_modules/@types")],
      },
      files: ["consumer.ts"],
    }),
  );
  run(process.execPath, [repoPath("node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], app);
});

test.run();
