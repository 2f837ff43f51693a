import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions } from "esbuild";

/** The repository root, from this script's place in dist/scripts/playground/. */
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const repo = (path: string) => join(REPO, path);

/** The examples the playground offers, bundled into the page (shown under their file names). */
const EXAMPLES = [
  { label: "Insecure ACS workload", path: "examples/insecure-acs-workload.json" },
  { label: "Compliant ACS resource", path: "fixtures/cli/compliant.json" },
];

/** An example as the page receives it. */
export interface PlaygroundExample {
  label: string;
  file: string;
  text: string;
}

/** What a build wrote: the folder, and each output file's size in bytes. */
export interface BuildOutput {
  dir: string;
  sizes: Record<string, number>;
}

// The browser bundles must hold no Node built-in: `platform: "browser"` makes esbuild refuse one
// (there are no shims), so a `node:` import in the core fails the build instead of the page.
const BROWSER: BuildOptions = {
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  legalComments: "none",
  logLevel: "silent",
};

/**
 * The library for browsers and other runtimes as one ES module (`acs-baseline.browser.js`), with
 * the compiled policy beside it (`policy.wasm`), loaded by `createScannerAsync({ policy })`.
 */
export async function buildBrowserLibrary(outDir: string): Promise<BuildOutput> {
  fresh(outDir);
  await build({ ...BROWSER, entryPoints: { "acs-baseline.browser": repo("src/browser/index.ts") }, outdir: outDir });
  copyFileSync(repo("generated/policy.wasm"), join(outDir, "policy.wasm"));
  return written(outDir);
}

/** The playground as a static site: index.html, style.css, the page and scan-worker scripts, policy.wasm. */
export async function buildPlayground(outDir: string): Promise<BuildOutput> {
  fresh(outDir);
  const examples: PlaygroundExample[] = EXAMPLES.map((e) => ({ label: e.label, file: basename(e.path), text: readFileSync(repo(e.path), "utf8") }));
  await build({
    ...BROWSER,
    entryPoints: { main: repo("playground/src/main.ts"), "scan-worker": repo("playground/src/scan-worker.ts") },
    outdir: outDir,
    define: { PLAYGROUND_EXAMPLES: JSON.stringify(examples) },
  });
  for (const file of ["index.html", "style.css"]) copyFileSync(repo(`playground/${file}`), join(outDir, file));
  copyFileSync(repo("generated/policy.wasm"), join(outDir, "policy.wasm"));
  return written(outDir);
}

function fresh(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

function written(dir: string): BuildOutput {
  return { dir, sizes: Object.fromEntries(readdirSync(dir).map((file) => [file, statSync(join(dir, file)).size])) };
}
