import { appendFileSync, existsSync, lstatSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { run, type CliIo } from "../cli/main.js";

/** What the action's step gives the script: its inputs as `INPUT_*` variables and GitHub's own `GITHUB_*` ones. */
export type ActionEnv = Record<string, string | undefined>;

const input = (env: ActionEnv, name: string) => (env[`INPUT_${name.toUpperCase()}`] ?? "").trim();

/** The `paths` input: one path a line when it has several lines (so a path may hold spaces), else separated by spaces. */
function pathsInput(env: ActionEnv): string[] {
  const text = input(env, "paths");
  return (text.includes("\n") ? text.split(/\r?\n/).map((p) => p.trim()) : text.split(/\s+/)).filter(Boolean);
}

/**
 * The CLI arguments the action's inputs ask for; `summary` is where the Markdown job summary goes.
 * Values are attached with `=` and the paths follow `--`, so an input that starts with `-` (a file
 * name from a pull request, say) is never read as another option such as `--bicep`.
 */
export function actionArgs(env: ActionEnv, summary: string): string[] {
  const paths = pathsInput(env);
  const args = ["scan", "--format", "github", "--format", `markdown=${summary}`];
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
    if (value) args.push(`${flag}=${value}`);
  }
  return [...args, "--", ...(paths.length ? paths : ["."])];
}

/** True when `path` is a regular file reached through no symbolic link. */
function isUnlinkedFile(path: string): boolean {
  try {
    return lstatSync(path).isFile() && realpathSync(path) === resolve(path);
  } catch {
    return false;
  }
}

/** GitHub rejects a step's job summary larger than this, whole ("upload aborted"). */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

/**
 * The job summary cut to GitHub's limit at a line (a table row stays whole), with a note of what
 * was left out: the annotations and the SARIF file still hold every finding.
 */
export function fitStepSummary(markdown: string, limit = STEP_SUMMARY_LIMIT): string {
  if (Buffer.byteLength(markdown) <= limit) return markdown;
  const lines = markdown.split("\n");
  const note = (left: number) =>
    `\n_… ${left} more lines are left out: GitHub takes at most 1 MiB of job summary; the annotations and the SARIF file hold every finding._\n`;
  const budget = limit - Buffer.byteLength(note(lines.length));
  let used = 0;
  let kept = 0;
  while (kept < lines.length && used + Buffer.byteLength(lines[kept]!) + 1 <= budget) used += Buffer.byteLength(lines[kept++]!) + 1;
  return lines.slice(0, kept).join("\n") + "\n" + note(lines.length - kept - (lines.at(-1) === "" ? 1 : 0));
}

/**
 * The GitHub Action's step: runs the CLI in the workspace with annotations on standard output,
 * the SARIF file and a Markdown job summary appended to `$GITHUB_STEP_SUMMARY`; records
 * `exit-code` and `sarif-file` in `$GITHUB_OUTPUT`; returns the CLI's exit code.
 */
export async function runGithubAction(env: ActionEnv, io: Pick<CliIo, "stdout" | "stderr">): Promise<number> {
  const workspace = env["GITHUB_WORKSPACE"] || process.cwd();
  let stderr = "";
  const sarif = input(env, "sarif-file");
  const sarifPath = sarif ? resolve(workspace, sarif) : "";
  // A SARIF file left by an earlier run (self-hosted runners keep the workspace) must not be
  // uploaded as this run's when this run writes none; but only that file is removed, never one a
  // symbolic link in the pull request's checkout leads to (`reports -> ~/.ssh`).
  if (sarifPath && isUnlinkedFile(sarifPath)) rmSync(sarifPath);
  if (input(env, "changed-since") && input(env, "upload-sarif") === "true") {
    io.stdout.write(
      "::notice title=acs-baseline::The SARIF file is not uploaded to code scanning: a changed-since scan covers only some files, and code scanning would close the alerts of the others as fixed.\n",
    );
  }
  // Made right before the `try` whose `finally` removes it: nothing in between can throw.
  const scratch = mkdtempSync(join(env["RUNNER_TEMP"] || tmpdir(), "acs-baseline-"));
  const summary = join(scratch, "summary.md");
  const previous = process.cwd();
  try {
    process.chdir(workspace); // paths in inputs are relative to the workspace, as in a workflow's `run:` steps
    const code = await run(actionArgs(env, summary), {
      stdout: io.stdout,
      stderr: { write: (s: string) => ((stderr += s), io.stderr.write(s)) },
      env: { ...env, NO_COLOR: "1" },
      cwd: workspace,
      readStdin: async () => new Uint8Array(),
    });
    const stepSummary = env["GITHUB_STEP_SUMMARY"];
    if (stepSummary) {
      const body = existsSync(summary)
        ? readFileSync(summary, "utf8")
        : `## ACS security baseline: ❌ the scan did not run\n\n\`\`\`\n${stderr.trim()}\n\`\`\`\n`;
      appendFileSync(stepSummary, fitStepSummary(body));
    }
    const output = env["GITHUB_OUTPUT"];
    if (output) appendFileSync(output, `exit-code=${code}\nsarif-file=${sarifPath && existsSync(sarifPath) ? sarifPath : ""}\n`);
    return code;
  } finally {
    process.chdir(previous);
    rmSync(scratch, { recursive: true, force: true });
  }
}
