import { cpSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readBicepFile } from "../../src/bicep/source-file.js";
import { BicepSourceMap } from "../../src/bicep/source-map.js";
import { repoPath } from "../helpers.js";
import { tempDir } from "../../scripts/temp-dir.js";

const dir = repoPath("fixtures/bicep");
const mapOf = (name: string) => {
  const file = readBicepFile(join(dir, name, "main.bicep"))!;
  const compiled = JSON.parse(readFileSync(join(dir, name, "main.json"), "utf8"));
  return new BicepSourceMap(file, compiled, (path) => readBicepFile(path));
};
const at = (map: BicepSourceMap, pointer: string) => {
  const loc = map.locate(pointer);
  return `${loc.file.split(/[\\/]/).pop()}:${loc.range.start.line}:${loc.range.start.column}${loc.exact ? "" : " (enclosing)"}`;
};

test("languageVersion 2.0: declarations, parameters, types, functions, imports, conditions, outputs", () => {
  const map = mapOf("symbolic");
  assert.is(at(map, "/resources/acs/properties/disableLocalAuth"), "main.bicep:32:5");
  assert.is(at(map, "/resources/acs/properties/publicNetworkAccess"), "main.bicep:30:3 (enclosing)");
  assert.is(at(map, "/resources/email::marketing/properties/userEngagementTracking"), "main.bicep:45:7");
  assert.is(at(map, "/resources/email"), "main.bicep:36:1");
  assert.is(at(map, "/resources/support/condition"), "main.bicep:50:82");
  assert.is(at(map, "/resources/support/dependsOn"), "main.bicep:50:1 (enclosing)");
  assert.is(at(map, "/parameters/settings/defaultValue/tracking"), "main.bicep:15:3");
  assert.is(at(map, "/definitions/acsSettings"), "main.bicep:6:1");
  assert.is(at(map, "/functions/0/members/serviceName"), "main.bicep:11:1");
  assert.is(at(map, "/variables/standardTags"), "main.bicep:3:1", "an imported variable: its import");
  assert.is(at(map, "/outputs/acsName/value"), "main.bicep:73:25");
  assert.is(at(map, "/resources/nothing"), "main.bicep:1:1 (enclosing)");
});

test("languageVersion 1.0: resources by type and order, into local modules, loops and module parameters", () => {
  const map = mapOf("modules");
  assert.is(at(map, "/resources/0"), "main.bicep:15:1");
  assert.is(at(map, "/resources/0/properties/parameters/disableLocalAuth/value"), "main.bicep:19:5");
  assert.is(at(map, "/resources/0/properties/template/resources/0/properties/disableLocalAuth"), "comms.bicep:11:5");
  assert.is(at(map, "/resources/1/properties/template/resources/0/copy"), "email.bicep:11:31");
  assert.is(at(map, "/resources/1/properties/template/resources/0/properties/userEngagementTracking"), "email.bicep:16:7");
  assert.is(at(map, "/resources/1/properties/template/resources/1/properties/dataLocation"), "email.bicep:8:5");
  assert.is(at(map, "/resources/1/properties/template/resources/2/condition"), "email.bicep:21:57");
  assert.is(at(map, "/resources/1/properties/template/resources/2/properties/template/resources/0/name"), "sender.bicep:10:3");
  assert.is(at(map, "/variables/emailDomains/1"), "main.bicep:12:3");
  const related = map.locate("/resources/1/properties/template/resources/0/properties/userEngagementTracking").related;
  assert.equal(
    related.map((r) => `${r.file.split(/[\\/]/).pop()}:${r.range.start.line}`),
    ["main.bicep:27", "main.bicep:8"],
  );
});

test("loops laid out by bicep format (`[` then `for` on the next line): properties, module parameters, related places", () => {
  const map = mapOf("loops");
  assert.is(at(map, "/resources/0/properties/disableLocalAuth"), "main.bicep:15:7");
  assert.is(at(map, "/resources/0/copy"), "main.bicep:9:75");
  assert.is(at(map, "/resources/1/properties/parameters/userEngagementTracking/value"), "main.bicep:25:7");
  assert.is(at(map, "/resources/1/properties/template/resources/0/properties/userEngagementTracking"), "domain.bicep:14:5");
  const related = map.locate("/resources/1/properties/template/resources/0/properties/userEngagementTracking").related;
  assert.equal(
    related.map((r) => `${r.file.split(/[\\/]/).pop()}:${r.range.start.line}`),
    ["main.bicep:25", "main.bicep:7"],
  );
});

test("a module path that is not a regular file stops the mapping at the module statement", () => {
  const tmp = tempDir("acs-bicep-map-");
  cpSync(join(dir, "modules"), tmp, { recursive: true });
  rmSync(join(tmp, "modules", "comms.bicep"));
  mkdirSync(join(tmp, "modules", "comms.bicep")); // a directory where the module should be
  const file = readBicepFile(join(tmp, "main.bicep"))!;
  const map = new BicepSourceMap(file, JSON.parse(readFileSync(join(tmp, "main.json"), "utf8")), (path) => readBicepFile(path));
  assert.is(at(map, "/resources/0/properties/template/resources/0/properties/disableLocalAuth"), "main.bicep:15:1 (enclosing)");
});

test("any(...) around a literal: pointers land inside the literal, as the compiler emits it", () => {
  const map = mapOf("any");
  assert.is(at(map, "/resources/0/properties/dataLocation"), "main.bicep:9:5");
  assert.is(at(map, "/resources/0/tags/list/0/cost"), "main.bicep:15:9");
  assert.is(at(map, "/resources/0/properties/disableLocalAuth"), "main.bicep:8:3 (enclosing)");
});

test("languageVersion 1.0: resources are emitted before modules, so a deployment resource declared after a module comes first", () => {
  const map = mapOf("order");
  assert.is(at(map, "/resources/0"), "main.bicep:10:1");
  assert.is(at(map, "/resources/0/properties/mode"), "main.bicep:13:5");
  assert.is(at(map, "/resources/1"), "main.bicep:3:1");
  assert.is(at(map, "/resources/1/properties/template/resources/0/properties/disableLocalAuth"), "comms.bicep:8:5");
});

test.run();
