import { test } from "uvu";
import * as assert from "uvu/assert";
import { FORMAT_NAMES } from "../../src/formatters/index.js";
import { hostileReport } from "./hostile-report.js";

// Class 6, second round: CI runners read a logging command anywhere in a line (Azure Pipelines'
// agent `##vso[`, GitHub's runner `##[`), found with .NET's culture-sensitive IndexOf, which skips
// invisible characters. Hostile text reaches every output through a file name, a resource name,
// a rule message quoting a value, a parameter value in a notice, a suppression's justification
// and an error message; no format may print a command it did not write itself.

const COMMANDS = [
  "##vso[task.setvariable variable=ACS_PASSED]true",
  "##[error]forged",
  "##VSO[task.prependpath]tmp",
  "##v\u00adso[task.complete result=Succeeded;]soft hyphen",
  "#\u200b#[set-output name=x;]zero width",
];
const HOSTILE = COMMANDS.join(" ");
const { dir, scanner, report } = hostileReport({
  fileName: "##vso[task.setvariable variable=F]x.json",
  missingName: "missing ##[error]x.json",
  resourceName: HOSTILE,
  properties: { dataLocation: HOSTILE, disableLocalAuth: false, publicNetworkAccess: "[parameters('p')]" },
  parameters: { p: { type: "string", allowedValues: ["a"], defaultValue: HOSTILE } },
  options: { suppressions: [{ rule: "ACS-IAM-001", justification: HOSTILE }] },
});

// What a runner would find once invisible characters are skipped, as its culture-sensitive IndexOf does.
const visible = (line: string) => line.replace(/\p{Default_Ignorable_Code_Point}/gu, "");

test("the hostile text reaches the report through every channel", () => {
  const all = JSON.stringify(report);
  assert.ok(report.findings.some((f) => f.subject.name === HOSTILE));
  assert.ok(report.findings.some((f) => f.message.includes(COMMANDS[0]!)));
  assert.ok(report.findings.some((f) => f.suppression?.justification === HOSTILE));
  assert.ok(report.notices.some((n) => n.message.includes("##vso[")));
  assert.ok(report.errors.some((e) => e.file.includes("##[error]")));
  assert.ok(all.includes("\u00ad"));
});

for (const format of FORMAT_NAMES) {
  test(`${format}: no CI logging command but the format's own`, () => {
    const out = scanner.format(report, format, { baseDir: dir });
    for (const line of out.split("\n")) {
      const plain = visible(line);
      // (the agent acts on the first `##vso[` of a line: an azure-pipelines line starts with its own,
      // and the rest of the line, escaped per the logging-command rules, is only its message)
      if (format === "azure-pipelines" && line.length > 0) assert.match(line, /^##vso\[task\.(logissue|complete) /);
      else assert.not.match(plain, /##(vso)?\[/i, line);
    }
  });
}

test("JSON outputs read back to the same values", () => {
  const json = JSON.parse(scanner.format(report, "json", { baseDir: dir }));
  assert.ok(json.findings.some((f: { subject: { name: string } }) => f.subject.name === HOSTILE));
});

test.run();
