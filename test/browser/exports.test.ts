import { test } from "uvu";
import * as assert from "uvu/assert";
import ts from "typescript";
import * as browser from "../../src/browser/index.js";
import * as node from "../../src/index.js";
import { repoPath } from "../helpers.js";

// The browser entry exports everything the Node entry does that means something without Node's
// built-ins. Types leave nothing at run time, so the entries' exports are read with the TypeScript
// compiler, as a user's editor sees them.

/** What only the Node entry exports, and why a browser has no use for it. */
const NODE_ONLY: Record<string, string> = {
  Scanner: "reads files and directories, runs worker threads (the browser's is BrowserScanner)",
  ScanInput: "the Node scanner's input (the browser's is BrowserScanInput)",
  FileSelection: "selects files on disk",
  findConfig: "looks for a configuration file in directories",
  loadConfig: "reads a configuration file",
  readBaseline: "reads a baseline file",
  LoadedConfig: "a configuration read from a file",
  PolicyEngine: "the Node scanner is handed an engine; the browser's is handed the policy",
  BicepCompile: "runs the Bicep CLI",
  BicepCompileResult: "runs the Bicep CLI",
  BicepOptions: "runs the Bicep CLI",
  createScanner: "reads the policy from the package's files synchronously (the browser has createScannerAsync)",
};

function exportsOf(program: ts.Program, file: string): string[] {
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  return checker
    .getExportsOfModule(module)
    .map((s) => s.name)
    .sort();
}

const NODE_ENTRY = repoPath("src/index.ts");
const BROWSER_ENTRY = repoPath("src/browser/index.ts");
const program = ts.createProgram([NODE_ENTRY, BROWSER_ENTRY], {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  resolveJsonModule: true,
  types: [],
  noLib: true, // the names of the exports need no library types: reading fewer files keeps the test quick
  skipLibCheck: true,
  noEmit: true,
});
const nodeExports = exportsOf(program, NODE_ENTRY);
const browserExports = exportsOf(program, BROWSER_ENTRY);

test("the browser entry exports every type and value of the Node entry that does not need Node", () => {
  assert.ok(nodeExports.includes("TraceStep") && nodeExports.includes("createScanner"), "the compiler read the Node entry's exports");
  assert.equal(
    nodeExports.filter((name) => !browserExports.includes(name) && !(name in NODE_ONLY)),
    [],
  );
});

test("what is listed as Node-only is exported by the Node entry and not by the browser's", () => {
  assert.equal(
    Object.keys(NODE_ONLY).filter((name) => !nodeExports.includes(name) || browserExports.includes(name)),
    [],
  );
});

test("the values both entries export are the same objects", () => {
  const shared = Object.keys(node).filter((name) => name in browser && !["createScannerAsync", "ruleCatalog", "formatReport"].includes(name));
  assert.ok(shared.includes("SEVERITIES") && shared.includes("version"));
  for (const name of shared) assert.is((browser as Record<string, unknown>)[name], (node as Record<string, unknown>)[name], name);
});

test.run();
