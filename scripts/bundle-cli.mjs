// Bundles the command line and its scan worker, each into one file (dist/src/bundle/cli.js and
// worker.js), from the compiled tree: loading ~150 modules cost each process and each worker
// thread about 160 ms of CPU, one file about 65 ms (docs/performance.md). Runs after `tsc` in
// `npm run build`, `npm run prepare` and `npm test`; bin/acs-baseline.js loads the bundle.
// The bundles sit at the same depth as the modules they replace, so the paths the code builds
// from `import.meta.url` (generated/, schemas/, docs/) still resolve, and the command line's
// `new URL("./worker.js", import.meta.url)` finds the bundled worker beside it. Packages are
// left to Node (`createRequire`), as the library loads them.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const dist = (path) => fileURLToPath(new URL(`../dist/src/${path}`, import.meta.url));

await build({
  entryPoints: { cli: dist("cli/main.js"), worker: dist("scan/worker.js") },
  outdir: dist("bundle"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
