import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createScanner } from "../../src/index.js";
import type { Finding } from "../../src/model/index.js";
import { repoPath } from "../helpers.js";

const bicep = repoPath("fixtures/bicep");
const chain = (f: Finding) => f.trace!.map((s) => `${s.file.split(/[\\/]/).pop()}:${s.range.start.line}:${s.range.start.column} ${s.label}`);

test("a value from a .bicepparam: the chain ends at its line in the .bicepparam, the property on the Bicep line", () => {
  const result = createScanner({ bicep: { path: join(bicep, "bin", "bicep") } }).scanFile(join(bicep, "symbolic", "main.bicepparam"));
  const iam = result.findings.find((f) => f.ruleId === "ACS-IAM-001")!;
  assert.equal(chain(iam), [
    "main.bicep:32:5 properties.disableLocalAuth",
    "main.bicepparam:3:26 parameters('disableLocalAuth') = false from the parameter file",
  ]);
  assert.is(iam.trace![1]!.origin, "parameter-file");
});

test("a value given to the scan (--param) and a module's input, each named as the origin", () => {
  const scanner = createScanner({ templateParameters: { disableLocalAuth: false } });
  const given = scanner.scanFile(repoPath("fixtures/rules/ACS-IAM-001/unknown-expression.json"));
  const iam = given.findings.find((f) => f.ruleId === "ACS-IAM-001")!;
  assert.is(iam.status, "fail");
  assert.equal(
    iam.trace!.slice(1).map((s) => [s.origin, s.label]),
    [["argument", "parameters('disableLocalAuth') = false given to the scan (--param)"]],
  );
  const module = createScanner({ bicep: { path: join(bicep, "bin", "bicep") } }).scanFile(join(bicep, "modules", "main.bicep"));
  const local = module.findings.find((f) => f.ruleId === "ACS-IAM-001")!;
  assert.equal(chain(local), [
    "comms.bicep:11:5 properties.disableLocalAuth",
    "main.bicep:19:5 module comms input disableLocalAuth = false",
    "main.bicep:5:29 parameters('allowLocalAuth') = true (its default)",
  ]);
});

test.run();
