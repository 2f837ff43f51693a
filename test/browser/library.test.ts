import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createScanner } from "../../src/index.js";
import { buildBrowserLibrary } from "../../scripts/playground/build.js";
import { serveStatic } from "../../scripts/playground/static-server.js";
import { browserUnavailable, launchChromium, reportSkip, testOutputDir } from "../support/chromium.js";
import { sharedFixtures, type SharedFixture } from "./fixtures.js";

const TIME = { start: "2026-01-02T03:04:05.000Z", end: "2026-01-02T03:04:06.000Z" };
const FORMATS = ["json", "sarif"] as const;

/** Each fixture's report in each format, from the Node library. */
function nodeReports(fixtures: readonly SharedFixture[]): string[][] {
  const scanner = createScanner();
  const time = { start: new Date(TIME.start), end: new Date(TIME.end) };
  return fixtures.map((f) => {
    const report = scanner.report([scanner.scanText(f.text, f.file, { parameterFiles: f.parameterFiles })]);
    return FORMATS.map((format) => scanner.format(report, format, { time }));
  });
}

// The browser bundle is the library built for browsers (dist/browser), loaded as a plain ES module
// from a local server, its policy fetched by URL: what a web page embedding the scanner does.
test("the browser bundle gives byte-identical JSON and SARIF reports to the Node library for every rule fixture", async () => {
  // Built before the browser is looked for: a Node built-in in the core fails the build even where no browser runs.
  const site = join(testOutputDir("browser-library"), "site");
  await buildBrowserLibrary(site);
  const missing = browserUnavailable();
  if (missing) return reportSkip("browser library", missing);
  const fixtures = sharedFixtures();
  assert.ok(fixtures.length > 100, `only ${fixtures.length} fixtures found`);
  writeFileSync(join(site, "index.html"), "<!doctype html><title>acs-baseline library</title>\n");
  const server = await serveStatic(site);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    const inBrowser = await page.evaluate(
      async ({ fixtures, formats, time }) => {
        const here = (globalThis as unknown as { location: { href: string } }).location.href;
        const lib = await import(new URL("acs-baseline.browser.js", here).href);
        const scanner = await lib.createScannerAsync({ policy: new URL("policy.wasm", here) });
        const at = { start: new Date(time.start), end: new Date(time.end) };
        return fixtures.map((f: { file: string; text: string; parameterFiles: unknown[] }) => {
          const report = scanner.report([scanner.scanText(f.text, f.file, { parameterFiles: f.parameterFiles })]);
          return formats.map((format: string) => scanner.format(report, format, { time: at }) as string);
        });
      },
      { fixtures, formats: [...FORMATS], time: TIME },
    );
    const inNode = nodeReports(fixtures);
    let findings = 0;
    fixtures.forEach((f, i) => {
      FORMATS.forEach((format, j) => assert.fixture(inBrowser[i]![j]!, inNode[i]![j]!, `${f.file} (${format})`));
      findings += (JSON.parse(inNode[i]![0]!) as { findings: unknown[] }).findings.length;
    });
    assert.ok(findings > 100, `the fixtures gave only ${findings} findings: the comparison would prove little`);
  } finally {
    await browser.close();
    await server.close();
  }
});

test.run();
