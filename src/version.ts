// Written here rather than read from package.json, so the core runs where there is no file system;
// test/meta checks these against package.json.

/** The package's own name and version. */
export const TOOL: { name: string; version: string } = { name: "acs-baseline", version: "0.1.0" };

/**
 * Where the rule pages are linked from findings. A placeholder: the project has no public
 * repository yet (package.json names none, rather than a made-up one), so these links lead nowhere
 * until it has one.
 */
const REPOSITORY = "https://github.com/acs-baseline/acs-baseline";

/** The page of one rule in docs/rules on the default branch, as SARIF `helpUri` and text output link to it. */
export function ruleDocUrl(ruleId: string): string {
  return `${REPOSITORY}/blob/main/docs/rules/${ruleId}.md`;
}
