import { fromJson } from "./expressions/functions/collections.js";
import { armEquals, equalityKey } from "./expressions/values.js";
import { preview } from "./preview.js";
import { getKey, isObject, type JsonObject, type Value } from "./json.js";
import { Unknown } from "./unknown.js";

/** A parameter value that could not be taken from a parameter file. */
export interface ParameterFileProblem {
  name: string;
  message: string;
}

/**
 * The values of a parameter file (`deploymentParameters` schema), by lower-case name. Values are
 * taken literally, never evaluated; a Key Vault reference becomes an opaque secret.
 */
export function readParameterFile(value: unknown): { values: Map<string, Value>; names: Map<string, string>; problems: ParameterFileProblem[] } {
  const values = new Map<string, Value>();
  const names = new Map<string, string>();
  const problems: ParameterFileProblem[] = [];
  const params = isObject(value) ? getKey(value as JsonObject, "parameters") : undefined;
  if (!isObject(params)) return { values, names, problems };
  for (const [name, entry] of Object.entries(params)) {
    names.set(name.toLowerCase(), name);
    if (isObject(entry) && "value" in entry) {
      values.set(name.toLowerCase(), fromJson(entry["value"]));
    } else if (isObject(entry) && isObject(entry["reference"])) {
      const ref = entry["reference"];
      const vault = isObject(ref["keyVault"]) ? ref["keyVault"]["id"] : undefined;
      const secret = typeof ref["secretName"] === "string" ? ref["secretName"] : "?";
      const target = typeof vault === "string" ? { type: "microsoft.keyvault/vaults", id: vault } : { type: "microsoft.keyvault/vaults" };
      values.set(name.toLowerCase(), new Unknown("secret", `Key Vault secret ${secret}`, [], target, true, `parameter ${name} is a Key Vault reference`));
    } else {
      problems.push({ name, message: `parameter ${name} in the parameter file has neither a value nor a reference` });
    }
  }
  return { values, names, problems };
}

const TYPE_CHECK: Record<string, (v: Value) => boolean> = {
  string: (v) => typeof v === "string",
  securestring: (v) => typeof v === "string",
  int: (v) => typeof v === "number" && Number.isInteger(v),
  bool: (v) => typeof v === "boolean",
  object: isObject,
  secureobject: isObject,
  array: Array.isArray,
};

/**
 * Checks a resolved parameter value against its declaration: type, `allowedValues`, `minLength`,
 * `maxLength`, `minValue`, `maxValue`. Returns the violations (unknown values are not judged).
 */
export function validateParameter(name: string, type: string, decl: JsonObject, value: Value): string[] {
  if (value instanceof Unknown || value === null) return [];
  const problems: string[] = [];
  const check = TYPE_CHECK[type];
  if (check && !check(value)) problems.push(`parameter ${name} is declared ${type} but its value is ${preview(value)}`);
  const allowed = getKey(decl, "allowedValues");
  if (Array.isArray(allowed)) {
    // One pass over each list (values keyed as armEquals compares them), and one warning in all.
    const keys = new Set(allowed.map((a) => equalityKey(fromJson(a))));
    const items = type === "array" && Array.isArray(value) ? value : [value];
    // A composite value is compared with the (small, literal) allowed values, never written out
    // whole: values shared by reference are cheap to build and exponential to write out.
    const isAllowed = (item: Value) =>
      item !== null && typeof item === "object" ? allowed.some((a) => armEquals(fromJson(a), item)) : keys.has(equalityKey(item));
    const outside = items.filter((item) => !isAllowed(item));
    if (outside.length === 1) problems.push(`parameter ${name}: ${preview(outside[0]!)} is not one of the allowed values`);
    else if (outside.length > 1)
      problems.push(`parameter ${name}: ${outside.length} values are not among the allowed values (the first is ${preview(outside[0]!)})`);
  }
  const length = typeof value === "string" || Array.isArray(value) ? value.length : undefined;
  const minLength = getKey(decl, "minLength");
  const maxLength = getKey(decl, "maxLength");
  if (length !== undefined && typeof minLength === "number" && length < minLength) problems.push(`parameter ${name} is shorter than minLength ${minLength}`);
  if (length !== undefined && typeof maxLength === "number" && length > maxLength) problems.push(`parameter ${name} is longer than maxLength ${maxLength}`);
  const minValue = getKey(decl, "minValue");
  const maxValue = getKey(decl, "maxValue");
  if (typeof value === "number" && typeof minValue === "number" && value < minValue) problems.push(`parameter ${name} is below minValue ${minValue}`);
  if (typeof value === "number" && typeof maxValue === "number" && value > maxValue) problems.push(`parameter ${name} is above maxValue ${maxValue}`);
  return problems;
}
