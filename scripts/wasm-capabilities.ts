/**
 * Writes an OPA capabilities file restricted to the built-ins the compiled WebAssembly module and
 * the JS SDK implement (scripts/wasm-builtins.json), so that a rule using anything else fails
 * `opa build` instead of failing a scan at run time.
 * Usage: opa capabilities --current | node dist/scripts/wasm-capabilities.js > caps.json
 */
import { readFileSync } from "node:fs";

interface Capabilities {
  builtins: Array<{ name: string }>;
  [key: string]: unknown;
}

const allow = JSON.parse(readFileSync(new URL("../../scripts/wasm-builtins.json", import.meta.url), "utf8")) as {
  wasm: string[];
  sdk: string[];
  compile_time: string[];
};
const allowed = new Set([...allow.wasm, ...allow.sdk, ...allow.compile_time]);
const current = JSON.parse(readFileSync(0, "utf8")) as Capabilities;
const builtins = current.builtins.filter((b) => allowed.has(b.name));
const missing = [...allowed].filter((name) => !builtins.some((b) => b.name === name));
if (missing.length > 0) {
  process.stderr.write(`wasm-capabilities: this OPA does not know ${missing.join(", ")}\n`);
  process.exit(1);
}
process.stdout.write(JSON.stringify({ ...current, builtins }, null, 1) + "\n");
