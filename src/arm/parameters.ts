import { fromJson } from "./expressions/functions/collections.js";
import { valueSize } from "./expressions/charge.js";
import { equalityKey } from "./expressions/values.js";
import { preview } from "./preview.js";
import { findKey, getKey, isObject, type JsonObject, type Value } from "./json.js";
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
    // (ARM reads the keys of an entry without case, as all of its JSON: `"Value": false` is the value)
    const valueKey = isObject(entry) ? findKey(entry, "value") : undefined;
    const ref = isObject(entry) ? getKey(entry, "reference") : undefined;
    if (valueKey !== undefined) {
      values.set(name.toLowerCase(), fromJson((entry as JsonObject)[valueKey]));
    } else if (isObject(ref)) {
      const keyVault = getKey(ref, "keyVault");
      const vault = isObject(keyVault) ? getKey(keyVault, "id") : undefined;
      const secretName = getKey(ref, "secretName");
      const secret = typeof secretName === "string" ? secretName : "?";
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
 * The work of checking one parameter against its `allowedValues`, in nodes keyed (values shared by
 * reference counted each time they occur): a default value built from other parameters can share
 * its parts exponentially, and a nested template built by an expression can do so in its
 * allowed values.
 */
export const MAX_ALLOWED_VALUES_WORK = 5_000_000;

/**
 * The items not among `allowed`, in one pass over each list: every value is keyed as `armEquals`
 * compares them, and an item larger than every allowed value is outside without being keyed.
 * Undefined when that takes more than `maxWork`.
 */
function outsideAllowed(allowed: readonly unknown[], items: readonly Value[], maxWork: number): Value[] | undefined {
  let work = 0;
  const spend = (v: Value): boolean => (work += valueSize(v)) <= maxWork;
  const keys = new Set<string>();
  let largest = 0;
  for (const a of allowed) {
    const v = a as Value;
    if (!spend(v)) return undefined;
    largest = Math.max(largest, valueSize(v));
    keys.add(equalityKey(v));
  }
  const outside: Value[] = [];
  for (const item of items) {
    if (item !== null && typeof item === "object" && valueSize(item) > largest) outside.push(item);
    else if (!spend(item)) return undefined;
    else if (!keys.has(equalityKey(item))) outside.push(item);
  }
  return outside;
}

/**
 * Checks a resolved parameter value against its declaration: type, `allowedValues`, `minLength`,
 * `maxLength`, `minValue`, `maxValue`. Returns the violations (unknown values are not judged).
 */
export function validateParameter(name: string, type: string, decl: JsonObject, value: Value, maxWork = MAX_ALLOWED_VALUES_WORK): string[] {
  if (value instanceof Unknown || value === null) return [];
  const problems: string[] = [];
  const check = TYPE_CHECK[type];
  if (check && !check(value)) problems.push(`parameter ${name} is declared ${type} but its value is ${preview(value)}`);
  const allowed = getKey(decl, "allowedValues");
  if (Array.isArray(allowed)) {
    const outside = outsideAllowed(allowed, type === "array" && Array.isArray(value) ? value : [value], maxWork);
    if (outside === undefined) problems.push(`parameter ${name} is too large to check against its allowed values, so it is not checked`);
    else if (outside.length === 1) problems.push(`parameter ${name}: ${preview(outside[0]!)} is not one of the allowed values`);
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
