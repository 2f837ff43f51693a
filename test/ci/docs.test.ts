import { readdirSync, readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseAllDocuments } from "yaml";
import { repoPath } from "../helpers.js";

/** The ```yaml blocks of a Markdown page. */
const yamlBlocks = (markdown: string) => [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);

const pages = [
  "README.md",
  ...readdirSync(repoPath("docs/ci"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/ci/${f}`),
];

test("every YAML snippet of the CI pages and the README parses (users paste them as they are)", () => {
  let blocks = 0;
  for (const page of pages) {
    for (const block of yamlBlocks(readFileSync(repoPath(page), "utf8"))) {
      blocks++;
      for (const doc of parseAllDocuments(block))
        assert.equal(
          doc.errors.map((e) => e.message),
          [],
          `${page}:\n${block}`,
        );
    }
  }
  assert.ok(blocks >= 10, `${blocks} blocks`);
});

test("the Azure Pipelines job creates the directory it writes the SARIF file into", () => {
  const page = readFileSync(repoPath("docs/ci/azure-devops.md"), "utf8");
  const pipeline = yamlBlocks(page).find((b) => b.includes("PublishBuildArtifacts"))!;
  const script: string = (parseAllDocuments(pipeline)[0]!.toJS().steps as Array<{ script?: string }>).find((s) =>
    s.script?.includes("acs-baseline scan"),
  )!.script!;
  const sarifDir = /--format "?sarif=([^"\s]+)\/[^/"\s]+"?/.exec(script)![1]!;
  assert.ok(script.includes(`mkdir -p "${sarifDir}"`), script);
});

test.run();
