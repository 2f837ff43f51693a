import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadCatalog } from "../../src/node/index.js";
import type { Finding } from "../../src/model/index.js";
import { cli, repoPath } from "../helpers.js";

interface Expected {
  file: string;
  status: "fail" | "unknown";
  resource: string;
  line: number;
  column: number;
}

// Every rule's fixture folder, scanned through the CLI and the real compiled policy: the rule's
// findings must be exactly the expected ones (file, status, resource, line, column).
for (const rule of loadCatalog().rules) {
  test(`${rule.id} fixtures give exactly the expected findings`, async () => {
    const dir = repoPath(`fixtures/rules/${rule.id}`);
    const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as Expected[];
    const r = await (cli("scan", dir, "--format", "json", "--enable", rule.id));
    const out = JSON.parse(r.stdout);
    assert.equal(out.errors, [], "fixtures are readable");
    const actual = (out.findings as Finding[])
      .filter((f) => f.ruleId === rule.id)
      .map((f) => ({
        file: f.file.slice(dir.length + 1),
        status: f.status,
        resource: f.subject.name,
        line: f.range.start.line,
        column: f.range.start.column,
      }));
    assert.equal(actual, expected);
    const files = readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "expected.json");
    assert.ok(files.some((f) => f.startsWith("pass")), "has a passing fixture");
    assert.ok(files.some((f) => f.startsWith("fail")), "has a failing fixture");
    for (const f of files.filter((f) => f.startsWith("pass"))) {
      assert.not.ok(actual.some((a) => a.file === f), `${f} passes`);
    }
  });
}

test.run();
