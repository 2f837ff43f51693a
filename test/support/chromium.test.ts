import { test } from "uvu";
import * as assert from "uvu/assert";
import { browserUnavailable, launchChromium, reportSkip } from "./chromium.js";

// Proves the browser harness itself works here, so a browser test that fails points at its page,
// not at the machine: the system Chromium starts and runs WebAssembly, which the scanner needs.
test("the system Chromium starts headless and runs WebAssembly", async () => {
  const missing = browserUnavailable();
  if (missing) return reportSkip("chromium harness", missing);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const wasm = await page.evaluate("typeof WebAssembly.instantiate");
    assert.is(wasm, "function");
  } finally {
    await browser.close();
  }
});

test.run();
