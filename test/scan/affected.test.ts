import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { affectedTemplates, linkedFiles, templatesOfParameterFile } from "../../src/scan/affected.js";
import { tempDir } from "../../scripts/temp-dir.js";

const TEMPLATE =
  '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": [] }';
const PARAMETERS =
  '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0", "parameters": {} }';
const linking = (path: string) =>
  `{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": [{ "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "m", "properties": { "mode": "Incremental", "templateLink": { "relativePath": ${JSON.stringify(path)} } } }] }`;

function tree(files: Record<string, string>): string {
  const dir = tempDir("acs-affected-");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test("links: templateLink.relativePath, Bicep modules and imports, .bicepparam using; registry modules and URLs are not files", () => {
  assert.equal(linkedFiles("/r/main.json", linking("mods/a.json")), ["/r/mods/a.json"]);
  const bicep =
    "module net './net.bicep' = {\n}\nmodule reg 'br:contoso.azurecr.io/x:v1' = {}\nimport { t } from '../types.bicep'\n// module fake './not-a-link.bicep'\n";
  assert.equal(linkedFiles("/r/app/main.bicep", bicep), ["/r/app/net.bicep", "/r/types.bicep"]);
  assert.equal(linkedFiles("/r/main.bicepparam", "using './main.bicep'\nparam x = 1\n"), ["/r/main.bicep"]);
});

test("a parameter file belongs to the templates it pairs with by name, or to its using target", () => {
  const dir = tree({
    "main.json": TEMPLATE,
    "main.parameters.prod.json": PARAMETERS,
    "app.dev.parameters.json": PARAMETERS,
    "app.json": TEMPLATE,
    "main.bicep": "",
    "main.bicepparam": "using 'main.bicep'\n",
    "orphan.parameters.json": PARAMETERS,
  });
  assert.equal(templatesOfParameterFile(join(dir, "main.parameters.prod.json")), [join(dir, "main.json")]);
  assert.equal(templatesOfParameterFile(join(dir, "app.dev.parameters.json")), [join(dir, "app.json")]);
  assert.equal(templatesOfParameterFile(join(dir, "main.bicepparam")), [join(dir, "main.bicep")]);
  assert.equal(templatesOfParameterFile(join(dir, "orphan.parameters.json")), []);
});

test("linkers are found transitively, also of a deleted module, and a link cycle ends", () => {
  const dir = tree({
    "top.json": linking("mid.json"),
    "mid.json": linking("mods/leaf.json"),
    "mods/leaf.json": TEMPLATE,
    "other.json": TEMPLATE,
    "a.json": linking("b.json"),
    "b.json": linking("a.json"),
    "uses-gone.json": linking("gone.json"),
    "not-json.txt": "relativePath",
  });
  const all = ["top.json", "mid.json", "mods/leaf.json", "other.json", "a.json", "b.json", "uses-gone.json"].map((f) => join(dir, f));
  assert.equal(
    affectedTemplates([join(dir, "mods/leaf.json")], all),
    ["mid.json", "mods/leaf.json", "top.json"].map((f) => join(dir, f)),
  );
  assert.equal(affectedTemplates([join(dir, "gone.json")], all), [join(dir, "uses-gone.json")]);
  assert.equal(affectedTemplates([join(dir, "a.json")], all), [join(dir, "a.json"), join(dir, "b.json")]);
  assert.equal(affectedTemplates([join(dir, "not-json.txt")], all), []);
});

test.run();
