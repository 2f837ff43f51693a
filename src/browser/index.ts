/**
 * acs-baseline for browsers and any JavaScript runtime without Node's built-ins: the same pure
 * core as the Node package (reader, expander, rule pack, locating, judging, formatters) over text,
 * with the compiled policy handed in as a URL, a response, bytes or a compiled module. It reads no
 * file and fetches nothing but that URL.
 *
 * ```ts
 * import { createScannerAsync } from "acs-baseline/browser";
 * const scanner = await createScannerAsync({ policy: new URL("policy.wasm", import.meta.url) });
 * const result = scanner.scanText(templateJson, "main.json");
 * console.log(scanner.format(scanner.report([result]), "sarif"));
 * ```
 * See docs/browser.md.
 * @packageDocumentation
 */
import * as opaSdk from "@open-policy-agent/opa-wasm";
import { Ajv } from "ajv";
import type { RuleCatalog } from "../catalog/index.js";
import { AJV_OPTIONS, ajvSchemaCompiler, type ScanOptions } from "../config/index.js";
import type { EngineMemoryOptions, PolicyLoader } from "../engine/index.js";
import { Pipeline } from "../pipeline/index.js";
import { catalog } from "./catalog.js";
import { BrowserScanner } from "./scanner.js";

export { BrowserScanner, type BrowserScanInput } from "./scanner.js";
export { formatReport } from "./render.js";
export type { Source } from "../pipeline/index.js";
export type { EngineMemoryOptions } from "../engine/index.js";
export * from "../public-api.js";

/** The compiled policy (the package's `generated/policy.wasm`, exported as `acs-baseline/policy.wasm`). */
export type PolicySource = WebAssembly.Module | ArrayBuffer | Uint8Array | Response | URL | string;

/** The scanner's options (those of the Node scanner that name no file), and where its policy comes from. */
export interface BrowserScanOptions extends Omit<ScanOptions, "bicep" | "parameterFile"> {
  policy: PolicySource;
  /** WebAssembly memory of the policy instance (default: 64 MiB to start, growing up to 1 GiB). */
  memory?: EngineMemoryOptions;
}

// The SDK's ES module exports the synchronous loader only on its default export (which its typings omit).
const loadPolicySync = (opaSdk as unknown as { default: { loadPolicySync: PolicyLoader } }).default.loadPolicySync;

// Node reserves the whole cap up front (growing page by page costs it a collection each time); a
// page should not hold 1 GiB of address space for the small templates it usually scans.
const BROWSER_MEMORY: EngineMemoryOptions = { initialPages: 1024 };

let ajv: Ajv | undefined;
const compileSchema = ajvSchemaCompiler(() => (ajv ??= new Ajv(AJV_OPTIONS)));

/**
 * Compiles the policy without blocking and creates a scanner; reuse it for every scan. Throws when
 * the policy cannot be fetched or compiled and for invalid options (an unknown rule id, parameters
 * that break a rule's schema), never for a bad template.
 */
export async function createScannerAsync(options: BrowserScanOptions): Promise<BrowserScanner> {
  const { policy, memory, ...scanOptions } = options;
  const wasm = await compilePolicy(policy);
  return new BrowserScanner(new Pipeline({ wasm, catalog, loader: loadPolicySync, memory: { ...BROWSER_MEMORY, ...memory } }, scanOptions, compileSchema));
}

/** The rule catalog: every rule's id, title, severity, default, docs and parameter schema. */
export function ruleCatalog(): RuleCatalog {
  return catalog;
}

async function compilePolicy(policy: PolicySource): Promise<WebAssembly.Module> {
  if (policy instanceof WebAssembly.Module) return policy;
  if (policy instanceof ArrayBuffer || policy instanceof Uint8Array) return WebAssembly.compile(policy as Uint8Array<ArrayBuffer>);
  const response = policy instanceof Response ? policy : await fetch(policy);
  if (!response.ok) throw new Error(`cannot fetch the policy from ${response.url || String(policy)}: HTTP ${response.status}`);
  return WebAssembly.compile(await response.arrayBuffer());
}
