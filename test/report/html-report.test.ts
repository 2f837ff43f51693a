import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cli, repoPath } from "../helpers.js";
import { browserUnavailable, launchChromium, reportSkip, testOutputDir } from "../support/chromium.js";
import { tempDir } from "../../scripts/temp-dir.js";

const dir = tempDir("acs-html-");
const htmlPath = join(dir, "report.html");
const targets = [repoPath("examples"), repoPath("fixtures/rules/ACS-IAM-001"), repoPath("fixtures/bicep/modules/main.bicep")];

test("the HTML report stands alone: no scripts, no network, no external fonts or styles", async () => {
  const r = await cli("scan", ...targets, "--format", `html=${htmlPath}`, "--format", "json");
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const html = readFileSync(htmlPath, "utf8");
  assert.not.match(html, /<script|<link|@import|@font-face|url\(/i);
  assert.not.match(html, /\b(src|href)="(https?:)?\/\//i, "nothing is loaded from elsewhere");
  assert.match(html, /prefers-color-scheme: dark/);
  assert.match(html, /@media print/);
  assert.match(html, /<svg class="bar"/);
});

test("in Chromium: the counts match the JSON evidence, a matrix cell leads to its finding's details", async () => {
  const missing = browserUnavailable();
  if (missing) return reportSkip("html report", missing);
  const r = await cli("scan", ...targets, "--format", `html=${htmlPath}`, "--format", "json");
  const json = JSON.parse(r.stdout);
  const verdicts = json.evidence.verdicts as Array<{ verdict: string; ruleId: string; findings: string[] }>;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on("request", (req) => {
      if (!req.url().startsWith("file:")) requests.push(req.url());
    });
    await page.goto(pathToFileURL(htmlPath).href);
    for (const kind of ["pass", "fail", "unknown", "suppressed"]) {
      const shown = await page.textContent(`[data-count="${kind}"]`);
      assert.is(Number(shown), verdicts.filter((v) => v.verdict === kind).length, `${kind} count`);
      assert.is(await page.locator(`a.cell[data-verdict="${kind}"]`).count(), verdicts.filter((v) => v.verdict === kind).length, `${kind} cells`);
    }
    assert.is(Number(await page.textContent('[data-count="not-applicable"]')), json.evidence.notApplicable.length);
    // Keyboard: the first link is the skip link, and it moves to the matrix.
    await page.keyboard.press("Tab");
    assert.is(await page.evaluate("document.activeElement && document.activeElement.textContent"), "Skip to the matrix");
    // Click a failing cell of ACS-IAM-001 (a value from a module input) and land on its details, with the finding's message and provenance.
    const traced = new Set(json.findings.filter((f: { trace?: unknown[] }) => (f.trace?.length ?? 0) > 2).map((f: { fingerprint: string }) => f.fingerprint));
    const index = verdicts.findIndex((v) => v.ruleId === "ACS-IAM-001" && v.verdict === "fail" && traced.has(v.findings[0]));
    assert.ok(index >= 0, "a failure whose value comes from elsewhere");
    const finding = json.findings.find((f: { fingerprint: string }) => f.fingerprint === verdicts[index]!.findings[0]);
    await page.click(`a.cell[href="#v-${index}"]`);
    assert.is(new URL(page.url()).hash, `#v-${index}`);
    const details = page.locator(`#v-${index}`);
    assert.ok(await details.isVisible());
    const text = (await details.textContent()) ?? "";
    assert.ok(text.includes(finding.message), "the finding's message");
    assert.ok(text.includes("ACS-IAM-001"));
    assert.ok(text.includes("Bicep") && text.includes("ARM"), "the fix in both");
    for (const step of finding.trace) assert.ok(text.includes(step.label), `provenance step ${step.label}`);
    await page.screenshot({ path: join(testOutputDir("html-report"), "finding.png"), fullPage: false });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: join(testOutputDir("html-report"), "finding-dark.png") });
    assert.equal(requests, [], "no network request");
  } finally {
    await browser.close();
  }
});

test.run();
