import { existsSync, readFileSync, readdirSync } from "node:fs";
import { repoPath } from "../helpers.js";

/** A template to scan in both runtimes, with the parameter file paired with it by name (if any). */
export interface SharedFixture {
  file: string;
  text: string;
  parameterFiles: Array<{ path: string; content: string }>;
}

/**
 * Every rule fixture and the examples: self-contained templates (no linked files, no Bicep
 * compiler), so a browser can scan them from their text. Parameter files are given as content,
 * to both runtimes alike, rather than found on disk.
 */
export function sharedFixtures(): SharedFixture[] {
  const files = [
    ...readdirSync(repoPath("examples")).map((f) => `examples/${f}`),
    ...readdirSync(repoPath("fixtures/rules")).flatMap((rule) => readdirSync(repoPath(`fixtures/rules/${rule}`)).map((f) => `fixtures/rules/${rule}/${f}`)),
  ];
  return files
    .filter((f) => f.endsWith(".json") && !f.endsWith(".parameters.json"))
    .sort()
    .map((file) => {
      const paired = file.replace(/\.json$/, ".parameters.json");
      return {
        file,
        text: readFileSync(repoPath(file), "utf8"),
        parameterFiles: existsSync(repoPath(paired)) ? [{ path: paired, content: readFileSync(repoPath(paired), "utf8") }] : [],
      };
    });
}
