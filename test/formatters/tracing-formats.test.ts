import { test } from "uvu";
import * as assert from "uvu/assert";
import { createScanner, type Finding } from "../../src/index.js";
import { FORMAT_NAMES } from "../../src/formatters/index.js";
import { TRACING_FORMATS } from "../../src/formatters/trace.js";
import { repoPath } from "../helpers.js";
import { report, scanner } from "./sample-report.js";

// The CLI scans without traces when no format it writes prints them: the list must be exact.
test("exactly the formats in TRACING_FORMATS print traces", () => {
  assert.ok(report.findings.some((f) => (f.trace?.length ?? 0) >= 2));
  const strip = (findings: readonly Finding[]) => findings.map(({ trace: _, ...f }) => f);
  const bare = { ...report, findings: strip(report.findings), files: report.files.map((r) => ({ ...r, findings: strip(r.findings) })) };
  const time = { start: new Date(0), end: new Date(0) };
  for (const format of FORMAT_NAMES) {
    const same = scanner.format(report, format, { time }) === scanner.format(bare, format, { time });
    assert.is(same, !TRACING_FORMATS.has(format), `${format} ${same ? "does not print" : "prints"} traces`);
  }
});

test("traces computed during the scan, when read, or never: the same findings, the same traces or none", () => {
  const dirs = ["ACS-IAM-001", "ACS-DATA-001", "ACS-NET-003"].map((d) => repoPath(`fixtures/rules/${d}`));
  const json = (traces: "on-read" | "always" | "never") =>
    JSON.parse(JSON.stringify(createScanner({ traces }).scanPaths(dirs).findings)) as Array<Record<string, unknown>>;
  const lazy = json("on-read");
  assert.ok(lazy.filter((f) => f["trace"]).length >= 5);
  assert.equal(json("always"), lazy);
  assert.equal(
    json("never"),
    lazy.map(({ trace: _, ...f }) => f),
  );
});

test.run();
