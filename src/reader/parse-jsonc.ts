import { ScanError, findSyntaxError } from "./json-structure.js";
import { prepareForJsonParse } from "./prepare.js";

/**
 * Parses JSON text as ARM's parser reads it (comments, raw line breaks in strings, `\'`, unpaired
 * surrogate escapes; see prepareForJsonParse), nesting bounded. Throws `ScanError` with the offset
 * and the fault in our words: the JavaScript parser's own messages never reach people.
 */
export function parseJsonc(text: string): unknown {
  try {
    return JSON.parse(prepareForJsonParse(text));
  } catch (e) {
    if (e instanceof ScanError) throw e;
    throw findSyntaxError(text) ?? new ScanError(0, "not valid JSON");
  }
}
