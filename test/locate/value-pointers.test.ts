import { test } from "uvu";
import * as assert from "uvu/assert";
import { locateInValue } from "../../src/locate/value-pointers.js";
import { readSource } from "../../src/reader/index.js";

// Findings of a template compiled from Bicep take their pointer from the parsed value: the same
// pointer and exactness as the text's locator gives.

const text = JSON.stringify({
  resources: [{ type: "Microsoft.Communication/communicationServices", Properties: { disableLocalAuth: false, "a/b": { "c~d": 1 } } }],
  outputs: { o: { value: [1, 2] } },
});

test("the parsed value locates pointers as the text does: exact, case-insensitive, closest ancestor, escapes", () => {
  const pointers = [
    "/resources/0/properties/disableLocalAuth",
    "/resources/0/Properties/publicNetworkAccess",
    "/resources/0/properties/a~1b/c~0d",
    "/resources/1/properties",
    "/resources/00",
    "/outputs/o/value/1",
    "/outputs/o/value/2",
    "/outputs/o/value/1/x",
    "",
  ];
  const source = readSource("t.json", text);
  const fromValue = locateInValue(source.value, pointers);
  for (const p of pointers) {
    // One at a time: the text's locator follows one spelling of a key per call.
    const { pointer, exact } = source.locate([p]).get(p)!;
    assert.equal({ pointer: fromValue.get(p)!.pointer, exact: fromValue.get(p)!.exact }, { pointer, exact }, p);
  }
});

test.run();
