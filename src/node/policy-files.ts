import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseCatalog, type RuleCatalog } from "../catalog/index.js";
import { PolicyEngine, type EngineMemoryOptions, type PolicyLoader } from "../engine/index.js";

/** The committed compiled policy and rule catalog, resolved from this module's place in the package. */
export const DEFAULT_POLICY_URL = new URL("../../../generated/policy.wasm", import.meta.url);
export const DEFAULT_CATALOG_URL = new URL("../../../generated/catalog.json", import.meta.url);

// Under ESM the SDK's index.mjs exports only `loadPolicy`; the synchronous loader is reachable
// through its CommonJS entry (see the package's src/index.cjs).
const opa = createRequire(import.meta.url)("@open-policy-agent/opa-wasm") as { loadPolicySync: PolicyLoader };

/** The SDK's synchronous loader, as Node reaches it. */
export const nodePolicyLoader: PolicyLoader = (module, memory) => opa.loadPolicySync(module, memory);

/** Reads the rule catalog built beside the compiled policy. */
export function loadCatalog(url: URL = DEFAULT_CATALOG_URL): RuleCatalog {
  return parseCatalog(JSON.parse(readFileSync(url, "utf8")), url.pathname);
}

/** A policy engine from wasm bytes or a compiled module, or the committed policy when none is given. */
export function loadEngine(wasm?: Uint8Array | WebAssembly.Module, memory: EngineMemoryOptions = {}): PolicyEngine {
  const module = wasm instanceof WebAssembly.Module ? wasm : new WebAssembly.Module(wasm ?? readFileSync(DEFAULT_POLICY_URL));
  return PolicyEngine.create(module, nodePolicyLoader, memory);
}
