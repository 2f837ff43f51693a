import type { Ajv, Options } from "ajv";
import type { SchemaCompiler } from "./options.js";

/** How every runtime's ajv is set up: all errors reported; the rule pack's schemas use no strict-mode checks. */
export const AJV_OPTIONS: Options = { allErrors: true, strict: false };

/**
 * Rule parameter schemas checked with ajv, the reasons joined into one line. Each runtime loads
 * ajv its own way (Node lazily, a browser bundle statically), so the instance comes from `ajv`.
 */
export function ajvSchemaCompiler(ajv: () => Ajv): SchemaCompiler {
  return (schema) => {
    const validate = ajv().compile(schema);
    return (value) => (validate(value) ? undefined : (validate.errors ?? []).map((e) => `${e.instancePath || "parameters"} ${e.message}`).join("; "));
  };
}
