import { test } from "uvu";
import * as assert from "uvu/assert";
import { compositeFormat } from "../../src/arm/expressions/functions/format.js";
import { Unknown, expandTemplate, type JsonObject } from "../../src/arm/index.js";
import { readInlineSuppressions } from "../../src/config/index.js";
import { readDirectives } from "../../src/bicep/suppressions.js";
import { parseBicepFile } from "../../src/bicep/source-file.js";
import { parseGitignore } from "../../src/scan/gitignore.js";

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

test("the format() pieces of a value with unknown arguments are read in linear time over many open placeholders", () => {
  const output = (format: string) => {
    const template = {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      parameters: { p: { type: "string" } },
      resources: [],
      outputs: { o: { type: "string", value: `[format('${format}', parameters('p'))]` } },
    };
    return expandTemplate("t.json", template as unknown as JsonObject).outputs[0]!.value as Unknown;
  };
  for (const open of ["{0,", "{0:"]) assert.ok(output(open.repeat(RUN / 3)) instanceof Unknown, open);
  const u = output("https://{0}.{{x}}.{1,4}");
  assert.is(u.facts.prefix, undefined, "{1} has no argument: nothing is known of the result");
  assert.is(output("https://{0}.{{x}}").facts.prefix, "https://");
  assert.is(output("https://{0}.{{x}}").facts.suffix, ".{x}");
});

test("a .gitignore line of many spaces then more is trimmed in linear time, an escaped space kept", () => {
  // (the first line, over the glob length limit once trimmed, is skipped)
  const rules = parseGitignore(`a.json${" ".repeat(RUN)}x\nb.json${" ".repeat(RUN)}\nc\\ ${" ".repeat(RUN)}\n`, "");
  assert.equal(
    rules.map((r) => r.glob.source),
    ["**/b.json", "**/c\\ "],
  );
});

test("a Bicep disable-next-line directive is read in linear time over long runs of spaces", () => {
  const file = parseBicepFile(
    "main.bicep",
    `// acs-baseline-disable-next-line ACS-NET-001: a${" ".repeat(RUN)}x\n// acs-baseline-disable-next-line ACS-IAM-001:${" ".repeat(RUN)}\nvar x = 1\n`,
  );
  const { directives, problems } = readDirectives(file);
  assert.equal(
    directives.map((d) => [d.rule, d.justification.length]),
    [["ACS-NET-001", RUN + 2]],
  );
  assert.equal(
    problems.map((p) => p.message),
    ["main.bicep:2: the suppression of ACS-IAM-001 has no justification, so it is ignored"],
  );
});

test.run();
