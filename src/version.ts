import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  name: string;
  version: string;
  homepage: string;
  repository: { url: string };
};

/** The package's own name and version, read from its package.json. */
export const TOOL: { name: string; version: string } = { name: pkg.name, version: pkg.version };

/** The project's public repository (from package.json `repository`), without `git+` or `.git`. */
const REPOSITORY = pkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");

/** Where users read about the tool: the README. */
export const HOMEPAGE = pkg.homepage;

/** The page of one rule in docs/rules on the default branch, as SARIF `helpUri` and text output link to it. */
export function ruleDocUrl(ruleId: string): string {
  return `${REPOSITORY}/blob/main/docs/rules/${ruleId}.md`;
}
