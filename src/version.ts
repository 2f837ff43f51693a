// Written here rather than read from package.json, so the core runs where there is no file system;
// test/meta checks these against package.json.

/** The package's own name and version. */
export const TOOL: { name: string; version: string } = { name: "acs-baseline", version: "0.1.0" };

/** The project's public repository (package.json `repository`, without `git+` or `.git`). */
const REPOSITORY = "https://github.com/acs-baseline/acs-baseline";

/** Where users read about the tool: the README (package.json `homepage`). */
export const HOMEPAGE = "https://github.com/acs-baseline/acs-baseline#readme";

/** The page of one rule in docs/rules on the default branch, as SARIF `helpUri` and text output link to it. */
export function ruleDocUrl(ruleId: string): string {
  return `${REPOSITORY}/blob/main/docs/rules/${ruleId}.md`;
}
