import { InputError, toError } from "../model/index.js";

/**
 * The text a template given as an object is scanned as, and its findings point into:
 * `JSON.stringify(template, null, 2)`; an `InputError` when it cannot be written (a cycle, a BigInt).
 */
export function templateObjectText(template: object, file: string): string | InputError {
  try {
    return JSON.stringify(template, null, 2) ?? "";
  } catch (e) {
    return new InputError(file, `the template object cannot be written as JSON: ${toError(e).message}`);
  }
}
