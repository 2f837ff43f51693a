import { EvalError } from "../../errors.js";
import type { Value } from "../../json.js";
import { buildResourceId, scopePrefix } from "../../resource-id.js";
import { Unknown } from "../../unknown.js";
import type { Env } from "../env.js";
import { eager, MANY, type ArmFunction, type FunctionTable } from "../function-table.js";
import { str } from "../values.js";

/** Splits `[sub], [rg], type, names...` around the resource type (the first argument with a `/`). */
function splitAtType(fn: string, args: Value[]): { before: Value[]; type: string; names: Value[] } {
  const at = args.findIndex((a) => typeof a === "string" && a.includes("/"));
  if (at < 0) throw new EvalError(`${fn}: no resource type (Namespace/type) among the arguments`);
  return { before: args.slice(0, at), type: args[at] as string, names: args.slice(at + 1) };
}

/**
 * Builds an id, or, when a part is unknown, an unknown that still knows the resource type:
 * for `listKeys(resourceId(type, parameters('name')))` the target's type is what matters.
 */
function idOrUnknown(fn: string, type: string, parts: Value[], build: (parts: string[]) => string): Value {
  const unknown = parts.find((p): p is Unknown => p instanceof Unknown);
  if (unknown) {
    return new Unknown(
      unknown.reason,
      unknown.expression,
      unknown.functions,
      { type: type.toLowerCase() },
      unknown.secret,
      unknown.detail,
      knownEnd(type, parts),
    );
  }
  try {
    return build(parts.map((p, i) => str(fn, p, i + 1)));
  } catch (e) {
    if (e instanceof EvalError) throw e;
    throw new EvalError(`${fn}: ${(e as Error).message}`);
  }
}

/**
 * When only the scope of an id is unknown (`resourceId(sub, rg, type, 'x')`), its end is known:
 * `/providers/<type>/<names>`, which is what tells a role definition's GUID, say.
 */
function knownEnd(type: string, parts: Value[]): { suffix: string } | undefined {
  const segments = type.split("/").length - 1;
  const names = parts.slice(parts.length - segments);
  if (!names.every((n): n is string => typeof n === "string")) return undefined;
  try {
    return { suffix: buildResourceId("", type, names) };
  } catch {
    return undefined;
  }
}

function resourceId(args: Value[], env: Env): Value {
  const { before, type, names } = splitAtType("resourceId", args);
  if (before.length > 2) throw new EvalError("resourceId: too many arguments before the resource type");
  const ctx = env.scope.context;
  return idOrUnknown("resourceId", type, [...before, ...names], (parts) => {
    const scoped = parts.slice(0, before.length);
    const rest = parts.slice(before.length);
    const sub = before.length === 2 ? scoped[0]! : ctx.subscriptionId;
    const rg = before.length >= 1 ? scoped[before.length - 1]! : ctx.resourceGroup;
    const prefix =
      before.length === 0 && env.scope.deploymentScope !== "resourceGroup"
        ? scopePrefix(ctx, env.scope.deploymentScope)
        : `/subscriptions/${sub}/resourceGroups/${rg}`;
    return buildResourceId(prefix, type, rest);
  });
}

function subscriptionResourceId(args: Value[], env: Env): Value {
  const { before, type, names } = splitAtType("subscriptionResourceId", args);
  if (before.length > 1) throw new EvalError("subscriptionResourceId: too many arguments before the resource type");
  return idOrUnknown("subscriptionResourceId", type, [...before, ...names], (parts) =>
    buildResourceId(`/subscriptions/${before.length === 1 ? parts[0] : env.scope.context.subscriptionId}`, type, parts.slice(before.length)),
  );
}

function managementGroupResourceId(args: Value[], env: Env): Value {
  const { before, type, names } = splitAtType("managementGroupResourceId", args);
  return idOrUnknown("managementGroupResourceId", type, [...before, ...names], (parts) =>
    buildResourceId(
      `/providers/Microsoft.Management/managementGroups/${before.length === 1 ? parts[0] : env.scope.context.managementGroup}`,
      type,
      parts.slice(before.length),
    ),
  );
}

const runtimeOnly = (name: string): ArmFunction =>
  eager(0, MANY, (_args, env) => new Unknown("runtime-function", env.text, [name], undefined, false, `${name}() is resolved at deployment`), true);

export const resourceFunctions: FunctionTable = {
  // These see unknown arguments themselves, so that an id with an unknown name still knows its type.
  resourceid: eager(2, MANY, resourceId, true),
  subscriptionresourceid: eager(2, MANY, subscriptionResourceId, true),
  managementgroupresourceid: eager(2, MANY, managementGroupResourceId, true),
  tenantresourceid: eager(
    2,
    MANY,
    (args) => {
      const { type, names } = splitAtType("tenantResourceId", args);
      return idOrUnknown("tenantResourceId", type, names, (parts) => buildResourceId("", type, parts));
    },
    true,
  ),
  extensionresourceid: eager(
    3,
    MANY,
    ([base, type, ...names]) => {
      const t = str("extensionResourceId", type!, 2);
      // An unknown scope still leaves the type known: listKeys of it reads that type's keys.
      if (base instanceof Unknown) return new Unknown(base.reason, base.expression, base.functions, { type: t.toLowerCase() }, base.secret, base.detail);
      return idOrUnknown("extensionResourceId", t, names, (parts) => buildResourceId(str("extensionResourceId", base!), t, parts));
    },
    true,
  ),
  reference: eager(
    1,
    3,
    ([target, , full], env) => env.scope.resolver.reference(target!, typeof full === "string" && full.toLowerCase() === "full", env),
    true,
  ),
  references: eager(1, 2, ([symbol, full], env) =>
    env.scope.resolver.references(str("references", symbol!), typeof full === "string" && full.toLowerCase() === "full", env),
  ),
  pickzones: runtimeOnly("pickzones"),
  providers: runtimeOnly("providers"),
};

/** Every `list*` function (`listKeys`, `listSecrets`, `listConnectionStrings`, ...). */
export function listFunction(lowerName: string): ArmFunction {
  return eager(1, 3, ([target], env) => env.scope.resolver.list(lowerName, target!, env), true);
}
