import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { onPath } from "../node/index.js";

/** Git could not answer: not a work tree, an unknown ref, git missing. The CLI exits 2 with the message. */
export class GitError extends Error {}

function git(cwd: string, args: readonly string[]): string {
  // Found in the PATH directories a pull request cannot fill (no node_modules/.bin of the checkout).
  const program = onPath(process.platform === "win32" ? ["git.exe", "git.cmd"] : ["git"], process.env);
  if (!program) throw new GitError("git is not installed or not on PATH (outside the working directory's node_modules/.bin)");
  try {
    // No shell: the ref is an argument of its own, never parsed as a command line.
    return execFileSync(program, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    throw new GitError((err.stderr ?? err.message).trim().split("\n")[0] ?? "git failed");
  }
}

/**
 * The files changed between `ref` and the work tree (committed, staged or not), as `git diff
 * --name-only` lists them, and the untracked ones git does not ignore, absolute; deleted ones
 * included. Throws GitError outside a work tree
 * or for a ref git does not know.
 */
export function changedSince(ref: string, cwd: string): { root: string; files: string[] } {
  let root: string;
  try {
    root = git(cwd, ["rev-parse", "--show-toplevel"]).trim();
  } catch (e) {
    throw new GitError(`--changed-since needs a git work tree, and ${cwd} is not in one (${(e as Error).message})`);
  }
  try {
    git(cwd, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  } catch {
    throw new GitError(`--changed-since: '${ref}' is not a commit git knows here (fetch it first, e.g. with fetch-depth: 0)`);
  }
  // --no-renames: a renamed file is listed under its old name too, so what still links that name is rescanned.
  const out = git(root, ["-c", "core.quotePath=false", "diff", "--name-only", "--no-renames", "-z", "--end-of-options", ref, "--"]);
  // New files git does not track yet are changes too (what .gitignore ignores is not).
  const untracked = git(root, ["ls-files", "--others", "--exclude-standard", "-z"]);
  return {
    root,
    files: `${out}\0${untracked}`
      .split("\0")
      .filter(Boolean)
      .map((f) => resolve(root, f)),
  };
}
