import type { RuleMeta } from "../catalog/index.js";

/** Top-level resource fields a fix may set that are worth showing as evidence. */
const RESOURCE_FIELDS = new Set(["apiversion", "properties", "identity", "sku", "kind", "location"]);
/** Never shown: a passing value under these names may be a secret written in the template. */
const SECRET = /^(value|secret|password|connectionstring|key|keys)$/i;
const MAX_PATHS = 8;

const cache = new Map<string, Array<Array<string | number>>>();

/**
 * The property paths a rule's fix (its METADATA's ARM snippet) sets on a resource: what a pass
 * rests on, shown as its evidence. A snippet that is not a resource's properties (a whole resource,
 * outputs, parameters) gives none.
 */
export function fixPaths(rule: RuleMeta): Array<Array<string | number>> {
  let paths = cache.get(rule.id);
  if (!paths) {
    paths = leafPaths(parseSnippet(rule.fix.arm))
      .filter((p) => RESOURCE_FIELDS.has(String(p[0]).toLowerCase()) && !SECRET.test(String(p[p.length - 1])))
      .slice(0, MAX_PATHS);
    cache.set(rule.id, paths);
  }
  return paths;
}

/** A snippet is a fragment of an object (`"properties": {...}`) or a whole object. */
function parseSnippet(text: string): unknown {
  for (const candidate of [`{${text}}`, text]) {
    try {
      const v: unknown = JSON.parse(candidate);
      if (v !== null && typeof v === "object" && !Array.isArray(v) && !("type" in v)) return v;
    } catch {
      // not this form
    }
  }
  return undefined;
}

function leafPaths(v: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return prefix.length > 0 ? [prefix] : [];
  return Object.entries(v).flatMap(([k, child]) => leafPaths(child, [...prefix, k]));
}
