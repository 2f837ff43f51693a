import { createRequire } from "node:module";
import type { Ajv as AjvType } from "ajv";
import { AJV_OPTIONS, ajvSchemaCompiler, type SchemaCompiler } from "../config/index.js";

// Loaded on first use: most scans give no rule parameters, and ajv costs ~50 ms to import.
let ajv: AjvType | undefined;
function validator(): AjvType {
  if (!ajv) {
    const { Ajv } = createRequire(import.meta.url)("ajv") as typeof import("ajv");
    ajv = new Ajv(AJV_OPTIONS);
  }
  return ajv;
}

/** Rule parameter schemas checked with ajv, loaded when the first one is. */
export const nodeSchemaCompiler: SchemaCompiler = ajvSchemaCompiler(validator);
