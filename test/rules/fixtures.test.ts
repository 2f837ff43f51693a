import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
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
  /**
   * The provenance chain, property first: `file:line label` per step; empty when the value was
   * written at the property itself (the finding then has no `trace`).
   */
  trace: string[];
}

interface Step {
  kind: string;
  origin?: string;
  label: string;
  file: string;
  range: { start: { line: number } };
}

/**
 * Rules whose findings name no value that travels: an apiVersion is a literal by ARM's rules, a
 * parameter's declared type is a declaration, and the logging rules point at a service that no
 * diagnostic setting covers. Their chains are still asserted, step by step, above.
 */
const NO_TRAVELLING_VALUE: Record<string, string> = {
  "ACS-GOV-001": "apiVersion is always a literal",
  "ACS-IAM-006": "the finding is on a parameter's declared type",
  "ACS-LOG-001": "the finding is on a service without a diagnostic setting",
  "ACS-LOG-002": "the finding is on a service without a diagnostic setting",
};

// Every rule's fixture folder, scanned through the CLI and the real compiled policy: the rule's
// findings must be exactly the expected ones (file, status, resource, line, column, provenance).
// UPDATE_EXPECTED=1 rewrites the files; review the diff before committing it.
for (const rule of loadCatalog().rules) {
  test(`${rule.id} fixtures give exactly the expected findings`, async () => {
    const dir = repoPath(`fixtures/rules/${rule.id}`);
    const expectedPath = join(dir, "expected.json");
    const r = await cli("scan", dir, "--format", "json", "--enable", rule.id);
    const out = JSON.parse(r.stdout);
    assert.equal(out.errors, [], "fixtures are readable");
    const findings = (out.findings as Array<Omit<Finding, "trace"> & { trace?: Step[] }>).filter((f) => f.ruleId === rule.id);
    const actual: Expected[] = findings.map((f) => ({
      file: f.file.slice(dir.length + 1),
      status: f.status,
      resource: f.subject.name,
      line: f.range.start.line,
      column: f.range.start.column,
      trace: (f.trace ?? []).map((s) => `${relative(dir, s.file)}:${s.range.start.line} ${s.label}`),
    }));
    if (process.env["UPDATE_EXPECTED"] === "1") writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + "\n");
    const expected = JSON.parse(readFileSync(expectedPath, "utf8")) as Expected[];
    assert.equal(actual, expected);
    const files = readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "expected.json");
    assert.ok(
      files.some((f) => f.startsWith("pass")),
      "has a passing fixture",
    );
    assert.ok(
      files.some((f) => f.startsWith("fail")),
      "has a failing fixture",
    );
    for (const f of files.filter((f) => f.startsWith("pass"))) {
      assert.not.ok(
        actual.some((a) => a.file === f),
        `${f} passes`,
      );
    }
    // Provenance is checked on values that travel: one from a parameter file, one through a variable or a module's input.
    if (NO_TRAVELLING_VALUE[rule.id]) return;
    const steps = findings.flatMap((f) => f.trace ?? []);
    assert.ok(
      steps.some((s) => s.origin === "parameter-file"),
      "a finding whose value comes from a parameter file",
    );
    assert.ok(
      steps.some((s) => s.kind === "variable" || s.kind === "module-input"),
      "a finding whose value comes through a variable or a module input",
    );
  });
}

test.run();
