import { getKey, isObject, type JsonObject } from "./json.js";
import type { ExpansionLimits } from "./limits.js";

/**
 * The fewest resources a template certainly deploys, read from its declarations alone: those with
 * no `condition`, not `existing`, a literal copy count (or none), their child resources and the
 * inline templates of nested deployments, multiplied out. Copies of deployments holding copies
 * multiply to millions of resources in a few hundred bytes; predicting the count lets such a
 * template be refused before any of it is expanded. A lower bound: anything decided by an
 * expression counts as none, so a template within the limit is never refused by the prediction.
 */
export function certainResourceCount(template: JsonObject, limits: ExpansionLimits): number {
  return declarationsCount(getKey(template, "resources"), limits);
}

function declarationsCount(declared: unknown, limits: ExpansionLimits): number {
  const decls = Array.isArray(declared) ? declared : isObject(declared) ? Object.values(declared) : [];
  let total = 0;
  for (const decl of decls) {
    if (!isObject(decl) || getKey(decl, "condition") !== undefined || getKey(decl, "existing") === true) continue;
    const count = literalCopyCount(decl, limits);
    if (count === 0) continue;
    total += count * (1 + declarationsCount(getKey(decl, "resources"), limits) + nestedCount(decl, limits));
  }
  return total;
}

/** Instances of a declaration: 1 without a copy loop, its count when written as a number, else 0. */
function literalCopyCount(decl: JsonObject, limits: ExpansionLimits): number {
  const copy = getKey(decl, "copy");
  if (copy === undefined) return 1;
  const count = isObject(copy) ? getKey(copy, "count") : undefined;
  return typeof count === "number" && Number.isInteger(count) && count >= 0 && count <= limits.copyCount ? count : 0;
}

/** Resources of a nested deployment's inline template. */
function nestedCount(decl: JsonObject, limits: ExpansionLimits): number {
  const type = getKey(decl, "type");
  if (typeof type !== "string" || type.toLowerCase() !== "microsoft.resources/deployments") return 0;
  const props = getKey(decl, "properties");
  const template = isObject(props) ? getKey(props, "template") : undefined;
  return isObject(template) ? declarationsCount(getKey(template, "resources"), limits) : 0;
}
