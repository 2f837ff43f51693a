import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createScannerAsync, formatReport, ruleCatalog } from "../../src/browser/index.js";
import { createScanner } from "../../src/index.js";
import { serveStatic } from "../../scripts/playground/static-server.js";
import { repoPath } from "../helpers.js";

// The browser entry needs no browser: it runs wherever fetch and WebAssembly do, Node included.
// These tests pin its API; test/browser/library.test.ts runs it in Chromium.

const POLICY = readFileSync(repoPath("generated/policy.wasm"));
const EXAMPLE = readFileSync(repoPath("examples/insecure-acs-workload.json"), "utf8");

test("the policy can be given as bytes, an ArrayBuffer, a compiled module, a response or a URL", async () => {
  const server = await serveStatic(repoPath("generated"));
  try {
    const buffer = POLICY.buffer.slice(POLICY.byteOffset, POLICY.byteOffset + POLICY.byteLength);
    const sources = [
      new Uint8Array(POLICY),
      buffer,
      await WebAssembly.compile(POLICY),
      await fetch(`${server.url}policy.wasm`),
      `${server.url}policy.wasm`,
      new URL("policy.wasm", server.url),
    ];
    const expected = createScanner()
      .scanText(EXAMPLE, "main.json")
      .findings.map((f) => f.fingerprint);
    for (const policy of sources) {
      const scanner = await createScannerAsync({ policy });
      assert.equal(
        scanner.scanText(EXAMPLE, "main.json").findings.map((f) => f.fingerprint),
        expected,
        Object.prototype.toString.call(policy),
      );
    }
  } finally {
    await server.close();
  }
});

test("a policy that cannot be fetched or compiled is an error that says so", async () => {
  const server = await serveStatic(repoPath("generated"));
  try {
    await createScannerAsync({ policy: `${server.url}missing.wasm` }).then(
      () => assert.unreachable("a missing policy was accepted"),
      (e: Error) => assert.match(e.message, /cannot fetch the policy from .*missing\.wasm: HTTP 404/),
    );
    await createScannerAsync({ policy: new TextEncoder().encode("not wasm") }).then(
      () => assert.unreachable("bytes that are not WebAssembly were accepted"),
      (e: Error) => assert.is(e.name, "CompileError"),
    );
  } finally {
    await server.close();
  }
});

test("options are checked as in Node: rule ids, and rule parameters against their schema (ajv bundled)", async () => {
  await createScannerAsync({ policy: POLICY, rules: { "ACS-NOPE-001": true } }).then(
    () => assert.unreachable(),
    (e: Error) => assert.is(e.message, "unknown rule id ACS-NOPE-001"),
  );
  await createScannerAsync({ policy: POLICY, ruleParameters: { "ACS-GOV-001": { minimumApiVersion: "yesterday" } } }).then(
    () => assert.unreachable(),
    (e: Error) => assert.match(e.message, /^invalid parameters for ACS-GOV-001: \/minimumApiVersion must match pattern/),
  );
  const strict = await createScannerAsync({ policy: POLICY, ruleParameters: { "ACS-GOV-001": { minimumApiVersion: "2030-01-01" } }, failOn: "high" });
  const gov = strict.scanText(EXAMPLE, "main.json").findings.filter((f) => f.ruleId === "ACS-GOV-001");
  assert.ok(gov.length > 1, "a later minimum API version flags more resources");
  assert.is(strict.isFailing(gov[0]!), false, "low findings do not fail a run that fails on high");
});

test("scanSources follows links among the sources given by name, and says when a link names none of them", async () => {
  const scanner = await createScannerAsync({ policy: POLICY });
  const dir = repoPath("fixtures/cli/linked");
  const main = { name: "infra/main.json", content: readFileSync(join(dir, "main.json"), "utf8") };
  const module = { name: "infra/modules/acs.json", content: readFileSync(join(dir, "modules/acs.json"), "utf8") };
  const linked = scanner.scanSources([main, module]);
  const inModule = linked.findings.filter((f) => f.file === "infra/modules/acs.json");
  assert.ok(inModule.length > 0, "findings in the linked template point into it");
  const alone = scanner.scanSources([main]);
  assert.equal(
    alone.findings.filter((f) => f.file === "infra/modules/acs.json"),
    [],
  );
  assert.ok(
    alone.notices.some((n) => n.kind === "expansion" && /modules\/acs\.json/.test(n.message)),
    JSON.stringify(alone.notices),
  );
});

test("ruleCatalog and formatReport work without a file system", async () => {
  assert.is(ruleCatalog().rules.length, createScanner().rules.length);
  const scanner = await createScannerAsync({ policy: POLICY });
  const report = scanner.report([scanner.scanText(EXAMPLE, "main.json")]);
  const time = { start: new Date(0), end: new Date(0) };
  assert.is(formatReport(report, "sarif", { time }), scanner.format(report, "sarif", { time }));
  assert.match(formatReport(report, "text"), /main\.json:\d+:\d+/);
});

test.run();
