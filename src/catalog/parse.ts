import type { RuleCatalog, RuleMeta } from "./types.js";

/** Checks that a parsed `catalog.json` is a rule catalog this code reads; `origin` names it in the error. */
export function parseCatalog(document: unknown, origin: string): RuleCatalog {
  const catalog = document as RuleCatalog;
  if (catalog?.schemaVersion !== 1 || !Array.isArray(catalog.rules)) {
    throw new Error(`${origin}: not a rule catalog of schema version 1`);
  }
  return catalog;
}

/** Rules by id. */
export function rulesById(catalog: RuleCatalog): Map<string, RuleMeta> {
  return new Map(catalog.rules.map((r) => [r.id, r]));
}
