import { test } from "uvu";
import * as assert from "uvu/assert";
import { Scanner } from "../../src/scan/index.js";

const scanner = new Scanner();
const template = (padding: string) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",${padding}
  "resources": [
    { "type": "Microsoft.Communication/communicationServices", "apiVersion": "2025-05-01",
      "name": "acs", "location": "global", "properties": { "disableLocalAuth": false } }
  ]
}`;

test("a fingerprint survives unrelated lines moving, while the line changes", () => {
  const a = scanner.scanContent("t.json", template("")).findings[0]!;
  const b = scanner.scanContent("t.json", template('\n\n  "variables": {},\n')).findings[0]!;
  assert.is.not(a.range.start.line, b.range.start.line);
  assert.is(a.fingerprint, b.fingerprint);
  assert.match(a.fingerprint, /^[0-9a-f]{32}$/);
});

test("different files or properties give different fingerprints", () => {
  const a = scanner.scanContent("t.json", template("")).findings[0]!;
  const c = scanner.scanContent("u.json", template("")).findings[0]!;
  assert.is.not(a.fingerprint, c.fingerprint);
});

test.run();
