import { DEFAULT_CONTEXT, type DeploymentContext } from "./context.js";
import { getKey, isObject, type JsonObject, type Value } from "./json.js";
import { resolveLiteral } from "./literal-values.js";
import type { ExpandedOutput, ExpandedParameter, ExpandedResource, ExpandedTemplate } from "./model.js";
import { resourceGroupResourceId } from "./resource-id.js";
import { Unknown } from "./unknown.js";

/** Options of one expansion. */
export interface ExpandOptions {
  context?: Partial<DeploymentContext>;
}

const TOP_LEVEL_KEYS = ["location", "properties", "identity", "sku", "kind", "tags"] as const;

/** Expands a parsed template (the value of `file`) into the resources ARM would deploy. */
export function expandTemplate(file: string, template: JsonObject, options: ExpandOptions = {}): ExpandedTemplate {
  const ctx = { ...DEFAULT_CONTEXT, ...options.context };
  const result: ExpandedTemplate = { file, resources: [], parameters: [], outputs: [], notices: [] };
  const declared = getKey(template, "resources");
  const entries: Array<[string | undefined, unknown, string]> = Array.isArray(declared)
    ? declared.map((r, i) => [undefined, r, `/resources/${i}`])
    : isObject(declared)
      ? Object.entries(declared).map(([k, r]) => [k, r, `/resources/${escapePointer(k)}`])
      : [];
  for (const [symbolicName, resource, pointer] of entries) {
    if (isObject(resource)) addResource(result, ctx, resource, pointer, symbolicName, undefined);
  }
  result.parameters = parametersOf(file, template);
  result.outputs = outputsOf(file, template);
  return result;
}

function addResource(
  out: ExpandedTemplate,
  ctx: DeploymentContext,
  decl: JsonObject,
  pointer: string,
  symbolicName: string | undefined,
  parent: { type: string; name: Value } | undefined,
): void {
  const rawType = String(getKey(decl, "type") ?? "");
  const type = parent ? `${parent.type}/${rawType}` : rawType;
  const ownName = resolveLiteral(getKey(decl, "name") ?? "");
  const name = parent ? joinName(parent.name, ownName) : ownName;
  const condition = getKey(decl, "condition");
  if (condition === false) return;
  const resource: ExpandedResource = {
    type,
    typeLower: type.toLowerCase(),
    apiVersion: resolveLiteral(getKey(decl, "apiVersion") ?? null),
    name,
    id: typeof name === "string" ? resourceGroupResourceId(ctx, type, name) : new Unknown("unsupported", "resourceId"),
    existing: getKey(decl, "existing") === true,
    condition: condition === undefined || condition === true ? true : asUnknown(resolveLiteral(condition)),
    deployments: [],
    source: { file: out.file, pointer, values: {} },
  };
  if (symbolicName !== undefined) resource.symbolicName = symbolicName;
  for (const key of TOP_LEVEL_KEYS) {
    const v = getKey(decl, key);
    if (v !== undefined && v !== null) resource[key] = resolveLiteral(v);
  }
  out.resources.push(resource);
  const children = getKey(decl, "resources");
  if (Array.isArray(children)) {
    children.forEach((child, i) => {
      if (isObject(child)) addResource(out, ctx, child, `${pointer}/resources/${i}`, undefined, { type, name });
    });
  }
}

function asUnknown(v: Value): Unknown {
  return v instanceof Unknown ? v : new Unknown("unsupported", JSON.stringify(v), [], undefined, false, "condition is not a boolean");
}

function joinName(parent: Value, child: Value): Value {
  if (typeof parent === "string" && typeof child === "string") return `${parent}/${child}`;
  return new Unknown("unsupported", "name", [], undefined, false, "name depends on an unresolved value");
}

function parametersOf(file: string, template: JsonObject): ExpandedParameter[] {
  const declared = getKey(template, "parameters");
  if (!isObject(declared)) return [];
  return Object.entries(declared).flatMap(([name, decl]) => {
    if (!isObject(decl)) return [];
    const type = String(getKey(decl, "type") ?? "").toLowerCase();
    const dflt = getKey(decl, "defaultValue");
    return [
      {
        name,
        type,
        secure: type === "securestring" || type === "secureobject",
        value: dflt === undefined ? new Unknown("missing-parameter", name, [], undefined, false, `parameter ${name} has no value`) : resolveLiteral(dflt),
        file,
        pointer: `/parameters/${escapePointer(name)}`,
      },
    ];
  });
}

function outputsOf(file: string, template: JsonObject): ExpandedOutput[] {
  const declared = getKey(template, "outputs");
  if (!isObject(declared)) return [];
  return Object.entries(declared).flatMap(([name, decl]) => {
    if (!isObject(decl)) return [];
    const type = String(getKey(decl, "type") ?? "").toLowerCase();
    return [
      {
        name,
        type,
        secure: type === "securestring" || type === "secureobject",
        value: resolveLiteral(getKey(decl, "value") ?? null),
        deployments: [],
        file,
        pointer: `/outputs/${escapePointer(name)}`,
      },
    ];
  });
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
