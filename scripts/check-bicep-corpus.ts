/**
 * Checks the mapping back to Bicep lines on real sources beside their committed compiled output
 * (checkouts of Azure/bicep-registry-modules or Azure/bicep, read locally and never committed).
 * For every `main.bicep` below the given folders with a `main.json` beside it (and, with
 * --symbolic, `main.symbolicnames.json`, the compiler's languageVersion 2.0 output):
 *  1. it is scanned with a compile function that hands over the committed JSON, and every finding
 *     must land on a line of a `.bicep` file that holds the property (an exact finding) or a
 *     declaration or enclosing property (one whose property is not written);
 *  2. every resource and every leaf value of the compiled template is mapped, and checked the same
 *     way: a resource at its `resource`/`module` line, a value at the line of its property.
 * Figures: exact (the line holds the property), enclosing (a declaration or enclosing property),
 * module (a `module` statement: the values inside registry modules), item (an array item, not
 * checked by text), wrong (none of these).
 * The check reads the line's text; it prints the figures and the first lines that fail.
 * Usage: node dist/scripts/check-bicep-corpus.js [--symbolic] [--limit N] <folder>...
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { BicepSourceMap } from "../src/bicep/source-map.js";
import { BicepFiles, parseBicepFile } from "../src/bicep/source-file.js";
import { parsePointer } from "../src/reader/index.js";
import { Scanner } from "../src/scan/index.js";

const args = process.argv.slice(2);
const symbolic = args.includes("--symbolic");
const limitAt = args.indexOf("--limit");
const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : Infinity;
const roots = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--limit");
const compiledName = symbolic ? "main.symbolicnames.json" : "main.json";

function* entries(dir: string, depth = 0): Generator<string> {
  if (depth > 20) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory() && e.name !== "node_modules" && !e.name.startsWith(".")) yield* entries(join(dir, e.name), depth + 1);
    else if (e.isFile() && e.name === "main.bicep" && existsSync(join(dir, compiledName))) yield join(dir, e.name);
  }
}

const DECLARATION = /^\s*(@|resource\s|module\s|param\s|var\s|output\s|type\s|func\s|import\s|metadata\s|targetScope|using\s|extension\s|provider\s|assert\s)/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const holdsKey = (line: string, key: string) => new RegExp(`(^|[\\s{,])'?${escape(key)}'?\\??\\s*:`, "i").test(line);

/** The property a pointer ends at, as written in Bicep (`undefined`: a declaration or an array item). */
function expectedKey(segs: string[], compiled: unknown): string | "declaration" | "item" {
  const last = segs[segs.length - 1]!;
  // a section of a template (the root's, or a module's under properties/template)
  const atTemplate = segs.length === 2 || segs[segs.length - 3] === "template";
  if (atTemplate && /^(resources|parameters|variables|outputs)$/i.test(segs[segs.length - 2]!)) return "declaration";
  if (/^\d+$/.test(last)) return "item";
  // a property loop compiles to copy: [{ name, count, input }]; a module argument to parameters: { x: { value } }
  const copyAt = segs.lastIndexOf("copy");
  if (copyAt >= 0 && /^\d+$/.test(segs[copyAt + 1] ?? "") && segs.length === copyAt + 3) {
    let v: unknown = compiled;
    for (const s of segs.slice(0, copyAt + 2)) v = (v as Record<string, unknown> | undefined)?.[s];
    return String((v as { name?: string } | undefined)?.name);
  }
  if (last === "value" && segs[segs.length - 3] === "parameters") return segs[segs.length - 2]!;
  if (last === "defaultValue" && segs.length === 3 && segs[0] === "parameters") return "declaration";
  return last;
}

type Verdict = "exact" | "enclosing" | "module" | "item" | "wrong";
function judge(file: string, line: number, segs: string[], exact: boolean, compiled: unknown): { verdict: Verdict; text: string } {
  const text = readFileSync(file, "utf8").split(/\r?\n/)[line - 1] ?? "";
  if (!/\.bicep$/i.test(file)) return { verdict: "wrong", text: `(not a .bicep file) ${text}` };
  const want = expectedKey(segs, compiled);
  if (exact) {
    if (want === "item") return { verdict: "item", text };
    if (want === "declaration") return { verdict: DECLARATION.test(text) ? "exact" : "wrong", text };
    // (a deployment resource written literally keeps `parameters: { x: { value: ... } }`)
    return { verdict: holdsKey(text, want) || (segs[segs.length - 1] === "value" && holdsKey(text, "value")) ? "exact" : "wrong", text };
  }
  const enclosing =
    DECLARATION.test(text) || segs.some((s) => !/^\d+$/.test(s) && holdsKey(text, s)) || (want !== "item" && want !== "declaration" && holdsKey(text, want));
  // (everything inside a registry or template-spec module stops at its `module` statement)
  return { verdict: !enclosing ? "wrong" : /^\s*module\s/.test(text) ? "module" : "enclosing", text };
}

/** Every resource pointer and leaf-value pointer below resources, through nested templates. */
function* pointers(template: unknown, prefix: string, depth = 0): Generator<string> {
  if (depth > 8 || !template || typeof template !== "object") return;
  const resources = (template as Record<string, unknown>)["resources"];
  if (!resources || typeof resources !== "object") return;
  for (const [key, resource] of Object.entries(resources)) {
    const at = `${prefix}/resources/${key}`;
    yield at;
    if (!resource || typeof resource !== "object") continue;
    for (const [field, value] of Object.entries(resource)) {
      if (/^(type|apiVersion|dependsOn|condition|copy|metadata|existing|import|scope)$/.test(field)) continue;
      if (field === "properties" && (resource as { type?: string }).type === "Microsoft.Resources/deployments") {
        const props = value as Record<string, unknown>;
        yield* pointers(props["template"], `${at}/properties/template`, depth + 1);
        for (const [name, arg] of Object.entries((props["parameters"] as Record<string, unknown>) ?? {}))
          if (arg && typeof arg === "object" && "value" in arg) yield `${at}/properties/parameters/${name}/value`;
        continue;
      }
      yield* leaves(value, `${at}/${field}`);
    }
  }
}

function* leaves(value: unknown, at: string, depth = 0): Generator<string> {
  if (depth > 32) return;
  if (value && typeof value === "object") {
    const items = Object.entries(value);
    if (items.length === 0) yield at;
    for (const [k, v] of items) yield* leaves(v, `${at}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`, depth + 1);
  } else {
    yield at;
  }
}

const figures = {
  files: 0,
  unreadable: 0,
  findings: { exact: 0, enclosing: 0, module: 0, item: 0, wrong: 0 },
  values: { exact: 0, enclosing: 0, module: 0, item: 0, wrong: 0 },
};
const failures: string[] = [];
let current = { json: "", file: "" };
const scanner = new Scanner({ bicep: { compile: () => ({ json: current.json }) } });

for (const root of roots) {
  for (const file of entries(root)) {
    if (figures.files >= limit) break;
    const json = readFileSync(join(dirname(file), compiledName), "utf8");
    let compiled: Record<string, unknown>;
    let entry;
    try {
      compiled = JSON.parse(json) as Record<string, unknown>;
      entry = parseBicepFile(file, readFileSync(file, "utf8"));
    } catch {
      figures.unreadable++;
      continue;
    }
    figures.files++;
    current = { json, file };
    const result = scanner.scanFile(file, { parameterFiles: [] });
    for (const f of result.findings) {
      const { verdict, text } = judge(f.file, f.range.start.line, parsePointer(f.pointer), f.exact, compiled);
      figures.findings[verdict]++;
      if (verdict === "wrong") failures.push(`finding ${f.ruleId} ${f.pointer} -> ${f.file}:${f.range.start.line}: ${text.trim()}`);
    }
    const files = new BicepFiles();
    files.add(entry);
    const map = new BicepSourceMap(entry, compiled, (path) => files.get(path));
    for (const pointer of pointers(compiled, "")) {
      const loc = map.locate(pointer);
      const { verdict, text } = judge(loc.file, loc.range.start.line, parsePointer(pointer), loc.exact, compiled);
      figures.values[verdict]++;
      if (verdict === "wrong") failures.push(`value ${file} ${pointer} -> ${loc.file}:${loc.range.start.line}: ${text.trim()}`);
    }
  }
}

console.log(JSON.stringify(figures, null, 2));
console.log(`${failures.length} wrong lines${failures.length ? ":" : ""}`);
for (const f of failures.slice(0, 40)) console.log(`  ${f}`);
