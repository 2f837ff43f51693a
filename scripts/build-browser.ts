/**
 * `npm run build:browser`: the browser library (dist/browser) and the playground (dist/playground),
 * with the size of each file, raw and gzipped (what docs/browser.md reports).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { buildBrowserLibrary, buildPlayground, type BuildOutput } from "./playground/build.js";

const dist = (folder: string) => fileURLToPath(new URL(`../${folder}/`, import.meta.url));

function report(title: string, out: BuildOutput): void {
  process.stdout.write(`${title} (${out.dir})\n`);
  for (const file of Object.keys(out.sizes).sort()) {
    const bytes = readFileSync(join(out.dir, file));
    process.stdout.write(`  ${file.padEnd(28)} ${kb(bytes.byteLength).padStart(9)}  gzip ${kb(gzipSync(bytes).byteLength).padStart(9)}\n`);
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

report("browser library", await buildBrowserLibrary(dist("browser")));
report("playground", await buildPlayground(dist("playground")));
