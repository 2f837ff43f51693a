import { bodyObject } from "./parser.js";
import type { Declaration } from "./syntax.js";

/** A resource or module declaration with what the compiler derives from its place. */
export interface DeclaredResource {
  declaration: Declaration;
  /** The symbolic name languageVersion 2.0 output keys it by (`parent::child` for nested ones). */
  symbol: string;
  /** Full resource type, lower-cased (`microsoft.resources/deployments` for modules). */
  typeLower: string;
}

const DEPLOYMENTS = "microsoft.resources/deployments";

/**
 * Every resource and module of a file, nested children included, in declaration order
 * (depth first), with the symbolic name and full type the compiler gives each.
 */
export function declaredResources(declarations: readonly Declaration[]): DeclaredResource[] {
  let out = declaredOf.get(declarations);
  if (!out) {
    out = indexDeclarations(declarations);
    declaredOf.set(declarations, out);
  }
  return out;
}

// A parsed file is reused while its text is unchanged (the parse cache): so is its index.
const declaredOf = new WeakMap<readonly Declaration[], DeclaredResource[]>();

function indexDeclarations(declarations: readonly Declaration[]): DeclaredResource[] {
  const out: DeclaredResource[] = [];
  const visit = (d: Declaration, parent: DeclaredResource | undefined, depth: number): void => {
    if (depth > 64) return; // nesting bound for hostile input
    const symbol = parent ? `${parent.symbol}::${d.name}` : d.name;
    let typeLower = DEPLOYMENTS;
    if (d.keyword === "resource") {
      const written = typeWithoutVersion(d.reference ?? "");
      typeLower = parent && !written.includes("/") ? `${parent.typeLower}/${written}` : written;
    }
    const entry: DeclaredResource = { declaration: d, symbol, typeLower };
    out.push(entry);
    for (const child of d.children ?? bodyObject(d.value)?.resources ?? []) visit(child, entry, depth + 1);
  };
  for (const d of declarations) if (d.keyword === "resource" || d.keyword === "module") visit(d, undefined, 0);
  return out;
}

/**
 * Matches the compiled template's resources to their declarations. languageVersion 2.0 keys
 * resources by symbolic name. 1.0 emits an array without names, leaving out `existing` ones, in
 * an order that keeps declarations of one type in declaration order (nested children are
 * emitted before top-level ones), every resource before every module, so each type's
 * declarations are taken in turn (`resource` declarations of the deployments type before modules).
 */
export function matchResources(compiled: unknown, declared: readonly DeclaredResource[]): Map<string, DeclaredResource> {
  const byKey = new Map<string, DeclaredResource>();
  if (Array.isArray(compiled)) {
    const queues = new Map<string, DeclaredResource[]>();
    const modulesLast = [...declared.filter((d) => d.declaration.keyword !== "module"), ...declared.filter((d) => d.declaration.keyword === "module")];
    for (const d of modulesLast) {
      if (d.declaration.existing) continue;
      const q = queues.get(d.typeLower) ?? [];
      q.push(d);
      queues.set(d.typeLower, q);
    }
    compiled.forEach((resource, i) => {
      // (extension resources carry their version in the type: `apps/Deployment@v1`)
      const type = typeof resource?.type === "string" ? typeWithoutVersion(resource.type) : undefined;
      const next = type === undefined ? undefined : queues.get(type)?.shift();
      if (next) byKey.set(String(i), next);
    });
  } else if (compiled && typeof compiled === "object") {
    const bySymbol = new Map(declared.map((d) => [d.symbol, d]));
    for (const key of Object.keys(compiled)) {
      const d = bySymbol.get(key);
      if (d) byKey.set(key, d);
    }
  }
  return byKey;
}

/** `Microsoft.X/y@2025-01-01` → `microsoft.x/y`. */
function typeWithoutVersion(type: string): string {
  const at = type.indexOf("@");
  return (at < 0 ? type : type.slice(0, at)).toLowerCase();
}
