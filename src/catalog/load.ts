import { readFileSync } from "node:fs";
import type { RuleCatalog, RuleMeta } from "./types.js";

/** The location of the committed rule catalog, resolved from this module's place in the package. */
export const DEFAULT_CATALOG_URL = new URL("../../../generated/catalog.json", import.meta.url);

/** Reads the rule catalog built beside the compiled policy. */
export function loadCatalog(url: URL = DEFAULT_CATALOG_URL): RuleCatalog {
  const catalog = JSON.parse(readFileSync(url, "utf8")) as RuleCatalog;
  if (catalog.schemaVersion !== 1 || !Array.isArray(catalog.rules)) {
    throw new Error(`${url.pathname}: not a rule catalog of schema version 1`);
  }
  return catalog;
}

/** Rules by id. */
export function rulesById(catalog: RuleCatalog): Map<string, RuleMeta> {
  return new Map(catalog.rules.map((r) => [r.id, r]));
}
