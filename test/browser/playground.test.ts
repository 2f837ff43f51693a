import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Page } from "playwright-core";
import { buildPlayground } from "../../scripts/playground/build.js";
import { serveStatic } from "../../scripts/playground/static-server.js";
import { cliIn, repoPath } from "../helpers.js";
import { browserUnavailable, launchChromium, reportSkip, testOutputDir } from "../support/chromium.js";

const EXAMPLE = "insecure-acs-workload.json";

interface Shown {
  rule: string;
  line: number;
  fingerprint: string;
}

/** The findings the page lists, in its order. */
function shownFindings(page: Page): Promise<Shown[]> {
  return page.$$eval("#findings button.finding", (buttons) =>
    buttons.map((b) => ({ rule: b.getAttribute("data-rule")!, line: Number(b.getAttribute("data-line")), fingerprint: b.getAttribute("data-fingerprint")! })),
  );
}

/** Waits for the page to show the result of a scan later than `after`. */
async function scanned(page: Page, after = 0): Promise<number> {
  await page.waitForFunction(`Number(document.body.dataset.scanned ?? 0) > ${after}`, undefined, { timeout: 30_000 });
  return Number(await page.getAttribute("body", "data-scanned"));
}

/** Where the editor's caret and scroll position are (evaluated in the page). */
const EDITOR_STATE = `(() => {
  const area = document.querySelector("#editor textarea");
  return {
    caretLine: area.value.slice(0, area.selectionStart).split("\\n").length,
    focused: document.activeElement === area,
    scrollTop: area.scrollTop,
    height: area.clientHeight,
    lineHeight: parseFloat(getComputedStyle(area).lineHeight),
  };
})()`;

test("the playground shows the CLI's findings for the insecure example, jumps to a finding's line, shares, selects rules", async () => {
  const output = testOutputDir("playground");
  const site = await buildPlayground(join(output, "site")); // (built even where no browser runs, as the library is)
  const missing = browserUnavailable();
  if (missing) return reportSkip("playground", missing);
  const server = await serveStatic(site.dir);
  const browser = await launchChromium();
  const requests: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on("request", (r) => requests.push(r.url()));
    const failures: string[] = [];
    page.on("pageerror", (e) => failures.push(e.message));
    await page.goto(server.url);
    await page.selectOption("#example", { label: "Insecure ACS workload" });
    const first = await scanned(page);
    assert.is(await page.inputValue("#file-name"), EXAMPLE);

    // The same findings as the CLI's JSON for the same file: rule ids, lines, fingerprints, in order.
    const cli = await cliIn(repoPath("examples"), "", "scan", "--format", "json", EXAMPLE);
    const expected = JSON.parse(cli.stdout) as { findings: Array<{ ruleId: string; range: { start: { line: number } }; fingerprint: string }> };
    const shown = await shownFindings(page);
    assert.ok(expected.findings.length >= 5, "the example should give findings");
    assert.equal(
      shown,
      expected.findings.map((f) => ({ rule: f.ruleId, line: f.range.start.line, fingerprint: f.fingerprint })),
    );
    // The JSON view is the report itself: its findings are the CLI's, byte for byte.
    const jsonView = JSON.parse((await page.textContent("#json-output")) ?? "") as { findings: unknown[] };
    assert.is(JSON.stringify(jsonView.findings), JSON.stringify(expected.findings));
    const sarif = JSON.parse((await page.textContent("#sarif-output")) ?? "") as { version: string; runs: Array<{ results: unknown[] }> };
    assert.is(sarif.version, "2.1.0");
    assert.is(sarif.runs[0]!.results.length, expected.findings.length);
    // Every line with a finding is marked in the editor's gutter, and no other.
    const marked = await page.$$eval("#editor .gutter-lines > [data-marked]", (lines) => lines.map((l) => Number(l.textContent)));
    assert.equal(
      marked,
      [...new Set(shown.map((f) => f.line))].sort((a, b) => a - b),
    );

    // A click on a finding far down moves the editor's caret to its line and scrolls that line into view.
    const target = shown.reduce((a, b) => (b.line > a.line ? b : a));
    await page.click(`#findings button.finding[data-fingerprint="${target.fingerprint}"]`);
    const editor = (await page.evaluate(EDITOR_STATE)) as { caretLine: number; focused: boolean; scrollTop: number; height: number; lineHeight: number };
    assert.is(editor.caretLine, target.line);
    assert.ok(editor.focused, "the editor has the focus");
    const top = (target.line - 1) * editor.lineHeight;
    assert.ok(
      editor.scrollTop > 0 && top >= editor.scrollTop && top + editor.lineHeight <= editor.scrollTop + editor.height,
      `line ${target.line} is scrolled into view`,
    );
    await page.screenshot({ path: join(output, "playground.png") });

    // Switching a rule off drops its findings.
    await page.click("#tab-options");
    await page.uncheck(`#rules input[type=checkbox][data-rule="${target.rule}"]`);
    const second = await scanned(page, first);
    const withoutRule = await shownFindings(page);
    assert.equal(
      withoutRule,
      shown.filter((f) => f.rule !== target.rule),
    );

    // A rule parameter changes the result; one its schema refuses is shown, not scanned with.
    const parameter = '#rules input[data-rule="ACS-GOV-001"][data-parameter="minimumApiVersion"]';
    await page.fill(parameter, '"2030-01-01"');
    await page.press(parameter, "Enter");
    const parameterScan = await scanned(page, second);
    const withParameter = await shownFindings(page);
    const governance = (findings: Shown[]) => findings.filter((f) => f.rule === "ACS-GOV-001").length;
    assert.ok(governance(withParameter) > governance(withoutRule), "a later minimum API version flags more resources");
    await page.fill(parameter, '"soon"');
    await page.press(parameter, "Enter");
    await page.waitForSelector("#options-error:not([hidden])");
    assert.match((await page.textContent("#options-error")) ?? "", /invalid parameters for ACS-GOV-001/);
    await page.fill(parameter, '"2030-01-01"');
    await page.press(parameter, "Enter");
    await scanned(page, parameterScan);

    // A share link carries the template and options in the fragment: a fresh page shows the same result.
    await page.click("#share");
    await page.waitForURL(/#s=/);
    const link = page.url();
    const fresh = await browser.newPage();
    fresh.on("request", (r) => requests.push(r.url()));
    await fresh.goto(link);
    await scanned(fresh);
    assert.equal(await shownFindings(fresh), withParameter);
    assert.is(await fresh.inputValue("#editor textarea"), await page.inputValue("#editor textarea"));

    // A file dropped on the editor replaces the template, under its own name, and is scanned.
    const compliant = readFileSync(repoPath("fixtures/cli/compliant.json"), "utf8");
    const drop = await fresh.evaluateHandle(
      `(() => { const d = new DataTransfer(); d.items.add(new File([${JSON.stringify(compliant)}], "dropped.json")); return d; })()`,
    );
    const beforeDrop = Number(await fresh.getAttribute("body", "data-scanned"));
    await fresh.dispatchEvent("#editor", "drop", { dataTransfer: drop });
    await scanned(fresh, beforeDrop);
    assert.is(await fresh.inputValue("#file-name"), "dropped.json");
    assert.is(await fresh.inputValue("#editor textarea"), compliant);
    const droppedJson = JSON.parse((await fresh.textContent("#json-output")) ?? "") as { findings: Array<{ file: string }>; summary: { filesScanned: number } };
    assert.is(droppedJson.summary.filesScanned, 1);
    assert.ok(droppedJson.findings.every((f) => f.file === "dropped.json"));

    assert.equal(failures, []);
    assert.equal(
      requests.filter((url) => !url.startsWith(server.url)),
      [],
      "nothing leaves the local server",
    );
  } finally {
    await browser.close();
    await server.close();
  }
});

test.run();
