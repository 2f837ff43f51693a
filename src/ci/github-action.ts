import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { run, type CliIo } from "../cli/main.js";

/** What the action's step gives the script: its inputs as `INPUT_*` variables and GitHub's own `GITHUB_*` ones. */
export type ActionEnv = Record<string, string | undefined>;

const input = (env: ActionEnv, name: string) => (env[`INPUT_${name.toUpperCase()}`] ?? "").trim();

/** The CLI arguments the action's inputs ask for; `summary` is where the Markdown job summary goes. */
export function actionArgs(env: ActionEnv, summary: string): string[] {
  const paths = input(env, "paths").split(/\s+/).filter(Boolean);
  const args = ["scan", ...(paths.length ? paths : ["."]), "--format", "github", "--format", `markdown=${summary}`];
  const sarif = input(env, "sarif-file");
  if (sarif) args.push("--format", `sarif=${sarif}`);
  const optional: Array<[string, string]> = [
    ["config", "--config"],
    ["fail-on", "--fail-on"],
    ["unknown", "--unknown"],
    ["bicep", "--bicep"],
    ["changed-since", "--changed-since"],
  ];
  for (const [name, flag] of optional) {
    const value = input(env, name);
    if (value) args.push(flag, value);
  }
  return args;
}

/**
 * The GitHub Action's step: runs the CLI in the workspace with annotations on standard output,
 * the SARIF file and a Markdown job summary appended to `$GITHUB_STEP_SUMMARY`; records
 * `exit-code` and `sarif-file` in `$GITHUB_OUTPUT`; returns the CLI's exit code.
 */
export async function runGithubAction(env: ActionEnv, io: Pick<CliIo, "stdout" | "stderr">): Promise<number> {
  const workspace = env["GITHUB_WORKSPACE"] || process.cwd();
  const scratch = mkdtempSync(join(env["RUNNER_TEMP"] || tmpdir(), "acs-baseline-"));
  const summary = join(scratch, "summary.md");
  let stderr = "";
  const previous = process.cwd();
  process.chdir(workspace); // paths in inputs are relative to the workspace, as in a workflow's `run:` steps
  try {
    const code = await run(actionArgs(env, summary), {
      stdout: io.stdout,
      stderr: { write: (s: string) => ((stderr += s), io.stderr.write(s)) },
      env: { ...env, NO_COLOR: "1" },
      cwd: workspace,
      readStdin: async () => new Uint8Array(),
    });
    const stepSummary = env["GITHUB_STEP_SUMMARY"];
    if (stepSummary) {
      const body = existsSync(summary) ? readFileSync(summary, "utf8") : `## ACS security baseline: ❌ the scan did not run\n\n\`\`\`\n${stderr.trim()}\n\`\`\`\n`;
      appendFileSync(stepSummary, body);
    }
    const sarif = input(env, "sarif-file");
    const sarifPath = sarif ? resolve(workspace, sarif) : "";
    const output = env["GITHUB_OUTPUT"];
    if (output) appendFileSync(output, `exit-code=${code}\nsarif-file=${sarifPath && existsSync(sarifPath) ? sarifPath : ""}\n`);
    return code;
  } finally {
    process.chdir(previous);
    rmSync(scratch, { recursive: true, force: true });
  }
}
