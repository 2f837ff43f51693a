import type { FunctionTable } from "../function-table.js";
import { cidrFunctions } from "./cidr.js";
import { collectionFunctions } from "./collections.js";
import { dateFunctions } from "./dates.js";
import { deploymentFunctions } from "./deployment.js";
import { lambdaFunctions } from "./lambdas.js";
import { logicFunctions } from "./logic.js";
import { resourceFunctions } from "./resources.js";
import { stringFunctions } from "./strings.js";

export { listFunction } from "./resources.js";

/** Every built-in template function, by lower-case name (function names are case-insensitive). */
export const FUNCTIONS: FunctionTable = Object.assign(
  Object.create(null) as FunctionTable,
  collectionFunctions,
  logicFunctions,
  stringFunctions,
  dateFunctions,
  deploymentFunctions,
  lambdaFunctions,
  resourceFunctions,
  cidrFunctions,
);
