// Entry of the GitHub Action's scan step (action.yml): runs the CLI as the action's inputs ask and
// exits with its code.
import { runGithubAction } from "../src/ci/github-action.js";

process.exitCode = await runGithubAction(process.env, { stdout: process.stdout, stderr: process.stderr });
