import { test } from "uvu";
import * as assert from "uvu/assert";
import { compositeFormat } from "../../src/arm/expressions/functions/format.js";
import { readInlineSuppressions } from "../../src/config/index.js";

// Class 4 of the hostile-input suite: regular expressions over template-controlled text run in
// linear time. Each input here takes a backtracking regex ~10^10 steps (the suite would hang);
// a linear one reads it in milliseconds.

const RUN = 200_000;

test("the suppression directive reader is linear over long descriptions", () => {
  const spaces = " ".repeat(RUN);
  const read = (description: string) => readInlineSuppressions({ description } as never);
  assert.equal(read(`acs-baseline:suppress ACS-NET-001${spaces}x`).suppressions, []);
  assert.equal(read(`acs-baseline:suppress ACS-NET-001: ok${spaces}\nx`).suppressions, []);
  assert.equal(read(`acs-baseline:suppress ${"A".repeat(RUN)}${spaces}`).suppressions, []);
  const two = read(`intro acs-baseline:suppress ACS-NET-001 until 2030-01-01: private link only${spaces} acs-baseline:suppress ACS-IAM-001 -- keys rotated`);
  assert.equal(two.suppressions, [
    { rule: "ACS-NET-001", justification: "private link only", expires: "2030-01-01" },
    { rule: "ACS-IAM-001", justification: "keys rotated" },
  ]);
  assert.equal(read("acs-baseline:suppress ACS-NET-001--reason").suppressions, [{ rule: "ACS-NET-001", justification: "reason" }]);
});

test("the format() placeholder reader is linear over long runs of spaces", () => {
  assert.throws(() => compositeFormat(`{0${" ".repeat(RUN)}x}`, ["a"]), /invalid placeholder/);
  assert.is(compositeFormat(`{0${" ".repeat(RUN)}}`, ["a"]), "a");
  assert.is(compositeFormat("{0 , 3 :D2}|{1,-3}|", [7, "b"]), " 07|b  |");
});

test.run();
