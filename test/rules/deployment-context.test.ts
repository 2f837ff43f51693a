import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cliRun, repoPath } from "../helpers.js";
import { tempDir } from "../../scripts/temp-dir.js";

// resourceGroup().location is never guessed: unknown without a deployment context, judged with one.

const FIXTURE = "fixtures/rules/ACS-DATA-001/unknown-resource-group-location.json";

async function dataLocationStatus(config: string): Promise<string[]> {
  const dir = tempDir("acs-context-");
  copyFileSync(repoPath(FIXTURE), join(dir, "main.json"));
  writeFileSync(join(dir, ".acs-baseline.yaml"), config);
  const r = await cliRun({ cwd: dir }, "scan", ".", "--format", "json");
  const out = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; status: string }> };
  return out.findings.filter((f) => f.ruleId === "ACS-DATA-001").map((f) => f.status);
}

const europeOnly = 'rules:\n  ACS-DATA-001:\n    parameters:\n      allowedDataLocations: ["Europe"]\n';

test("a data location derived from the resource group's location is unknown without a context", async () => {
  assert.equal(await dataLocationStatus(europeOnly), ["unknown"]);
});

test("the configured context gives the resource group's location: judged pass or fail", async () => {
  assert.equal(await dataLocationStatus(`${europeOnly}context:\n  location: westeurope\n`), []);
  assert.equal(await dataLocationStatus(`${europeOnly}context:\n  location: eastus\n`), ["fail"]);
});

test.run();
