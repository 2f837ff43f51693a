import { test } from "uvu";
import * as assert from "uvu/assert";
import { expandTemplate, type JsonObject } from "../../src/arm/index.js";
import { DEFAULT_LIMITS } from "../../src/arm/limits.js";
import { SCHEMA, expansionFault } from "./helpers.js";

// Class 2 of the hostile-input suite: functions that walk the elements or keys of a large value, or
// copy part of it, are charged for it; a lambda calling them 100,000 times on one shared value hung
// for minutes (length, empty, objectKeys, min, max, shallowMerge, mapValues: a lambda call costs more
// than one step) or crashed V8 out of memory (skip).

// An object of 100,000 keys and an array of 100,000 numbers, each built once.
const variables = {
  big: "[json(concat('{', join(map(range(0, 100000), lambda('i', format('\"k{0}\": 1', lambdaVariables('i')))), ','), '}'))]",
  arr: "[range(0, 100000)]",
};
const expandOutput = (value: string) =>
  expandTemplate("t.json", { $schema: SCHEMA, resources: [], variables, outputs: { o: { type: "int", value } } } as unknown as JsonObject);

test("walking the keys or elements of a large value 100,000 times is refused by the step budget", () => {
  for (const call of [
    "length(variables('big'))",
    "empty(variables('big'))",
    "objectKeys(variables('big'))",
    "max(variables('arr'))",
    "min(variables('arr'))",
    "shallowMerge(createArray(variables('big')))",
    "skip(variables('arr'), 1)",
    "take(variables('arr'), 99999)",
    "mapValues(variables('big'), lambda('v', 1))",
  ]) {
    const e = expansionFault(() => expandOutput(`[length(map(range(0, 100000), lambda('i', ${call})))]`));
    assert.match(e.message, `more than ${DEFAULT_LIMITS.steps} steps`, call);
  }
});

test("the length of an array or string, and small parts of it, stay free", () => {
  const ok = expandOutput("[length(map(range(0, 100000), lambda('i', add(length(variables('arr')), length(take(variables('arr'), 2))))))]");
  assert.is(ok.outputs[0]!.value, 100_000);
});

test.run();
