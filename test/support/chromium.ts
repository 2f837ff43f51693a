import { existsSync, mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { repoPath } from "../helpers.js";

/**
 * The system Chromium (Debian's `chromium` package). Browsers cannot be downloaded on our machines,
 * so playwright-core is pointed at the installed one instead of its own download.
 */
export const CHROMIUM_PATH = process.env.ACS_BASELINE_CHROMIUM ?? "/usr/bin/chromium";

/** The flags our CI machines need: no sandbox (root in a container), no GPU, no background traffic. */
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];

/**
 * Why browser tests cannot run here, or undefined when they can. `.ci/run` installs Chromium and sets
 * ACS_BASELINE_REQUIRE_BROWSER=1, so in CI a missing browser is a failure, never a skip.
 */
export function browserUnavailable(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const reason = `Chromium not found at ${CHROMIUM_PATH} (install it with: apt-get install -y chromium)`;
  if (process.env.ACS_BASELINE_REQUIRE_BROWSER === "1") throw new Error(`browser tests required: ${reason}`);
  return reason;
}

/** Launches the system Chromium headless. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** A folder for a browser test's screenshots and other artefacts, kept after the run (git-ignored). */
export function testOutputDir(testName: string): string {
  const dir = repoPath(`test-output/${testName}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Prints a skip loudly so a browser test that could not run is never mistaken for a pass. */
export function reportSkip(testName: string, reason: string): void {
  process.stderr.write(`SKIPPED ${testName}: ${reason}\n`);
}
