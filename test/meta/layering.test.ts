import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { repoPath } from "../helpers.js";

/**
 * The data flow, lowest first: a unit imports only from its own rank or below. Units up to
 * `judging` (and the formatters) are the runtime-neutral core; the Node layer and the shells sit on top.
 */
const RANKS: Record<string, number> = {
  portable: 0,
  model: 0,
  types: 0,
  "version.ts": 0,
  judge: 6.5,
  evidence: 6.7, // every evaluation: a verdict per rule and applicable resource, from the judged findings
  pipeline: 8, // the pure core composed: sources in, report out
  "public-api.ts": 8.5, // what both library entries export: the model, options and formats
  browser: 9, // the library for runtimes without Node: the pure core, the policy handed in
  catalog: 1,
  reader: 2,
  arm: 3,
  engine: 4,
  locate: 5,
  config: 6, // judging: rule selection, severity, suppressions, baselines
  formatters: 7,
  // the Node layer: files, directories, workers, the Bicep CLI
  node: 10,
  bicep: 11,
  scan: 12,
  "index.ts": 13,
  cli: 14,
  ci: 15,
};
const NODE_LAYER = 10;

const SRC = repoPath("src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** The folder under src/ (or the file at its top) a path belongs to. */
const unitOf = (file: string) => relative(SRC, file).split(/[\\/]/)[0]!;

/** Source text without comments, so a word in a comment is not an import. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^import\s*["']([^"']+)["']/gm;

function importsOf(text: string): string[] {
  return [...code(text).matchAll(IMPORT)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

/** The Node-only globals a text uses, bare or through `globalThis.` (a property `x.process` is not one). */
function nodeGlobalsIn(text: string): string[] {
  return ["Buffer", "process", "import.meta", "require", "__dirname"].filter((word) =>
    new RegExp(`(^|[^\\w.]|globalThis\\.)${word.replace(".", "\\.")}\\b`).test(text),
  );
}

const files = sourceFiles(SRC);

test("every folder and top-level file of src/ has a place in the data flow", () => {
  const units = [...new Set(files.map(unitOf))].sort();
  assert.equal(
    units.filter((u) => RANKS[u] === undefined),
    [],
    "units missing from RANKS",
  );
});

test("no import goes against the data flow", () => {
  const against: string[] = [];
  for (const file of files) {
    const from = unitOf(file);
    for (const spec of importsOf(readFileSync(file, "utf8"))) {
      if (!spec.startsWith(".")) continue;
      const to = unitOf(join(dirname(file), spec));
      if (RANKS[to]! > RANKS[from]!) against.push(`${relative(SRC, file)} imports ${spec} (${from} → ${to})`);
    }
  }
  assert.equal(against, []);
});

test("below the Node layer: no node: module, Buffer, process or module-relative file", () => {
  const found: string[] = [];
  for (const file of files.filter((f) => RANKS[unitOf(f)]! < NODE_LAYER)) {
    const text = code(readFileSync(file, "utf8"));
    for (const spec of importsOf(text))
      if (spec.startsWith("node:") || /^(fs|path|os|url|crypto|module|child_process|worker_threads)$/.test(spec)) found.push(`${relative(SRC, file)}: ${spec}`);
    for (const word of nodeGlobalsIn(text)) found.push(`${relative(SRC, file)}: ${word}`);
  }
  assert.equal(found, []);
});

test("the checks can fail: an import against the flow and a node: import are seen", () => {
  assert.equal(importsOf('import { x } from "../scan/index.js";\nexport { y } from "node:fs";\n// import z from "../cli/main.js";'), [
    "../scan/index.js",
    "node:fs",
  ]);
  assert.equal(nodeGlobalsIn("const env = globalThis.process.env;\nconst b = Buffer.from(x);\nconst ok = job.process;"), ["Buffer", "process"]);
  assert.ok(RANKS["scan"]! > RANKS["arm"]! && RANKS["node"]! >= NODE_LAYER && RANKS["formatters"]! < NODE_LAYER);
});

test("the README's layout section lists every folder of src/", () => {
  const readme = readFileSync(repoPath("README.md"), "utf8");
  const folders = readdirSync(SRC, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  assert.equal(
    folders.filter((f) => !readme.includes(`| \`src/${f}\``)),
    [],
  );
});

test.run();
