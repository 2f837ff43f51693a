// `npm run prepare`: builds dist/ with TypeScript, then bundles the command line
// (scripts/bundle-cli.mjs). npm runs it on `npm install` in a checkout, and when it installs the
// package from git, as pre-commit does for a node hook (`npm install -g git+…`). In that second
// case npm prepares the clone with the global install's settings leaking in (npm_config_global),
// so the clone's devDependencies, TypeScript and esbuild among them, are not installed; they are
// installed here first, into the clone only, without running scripts.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

function tscPath() {
  try {
    return require.resolve("typescript/bin/tsc");
  } catch {
    return undefined;
  }
}

let tsc = tscPath();
if (!tsc && process.env.npm_execpath) {
  execFileSync(process.execPath, [process.env.npm_execpath, "install", "--no-save", "--include=dev", "--ignore-scripts", "--no-audit", "--no-fund"], {
    stdio: "inherit",
    env: { ...process.env, npm_config_global: "false", npm_config_prefix: process.cwd() },
  });
  tsc = tscPath();
}
if (!tsc) throw new Error("TypeScript is not installed: run npm install first");
execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { stdio: "inherit" });
execFileSync(process.execPath, ["scripts/bundle-cli.mjs"], { stdio: "inherit" });
