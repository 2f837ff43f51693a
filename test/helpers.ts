import { fileURLToPath } from "node:url";
import { run } from "../src/cli/main.js";

/** Absolute path of a file in the repository, from the compiled test's location (dist/test/...). */
export function repoPath(relative: string): string {
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}

/** Runs the CLI in-process and captures what it writes; `stdin` is what `scan -` reads. */
export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliIn(process.cwd(), "", ...argv);
}

/**
 * Runs the CLI in-process in a working directory (changed to for the run, as a shell would), with
 * standard input.
 */
export async function cliIn(cwd: string, stdin: string | Uint8Array, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliRun({ cwd, stdin }, ...argv);
}

/** Runs the CLI in-process as a CI system would: a working directory, environment variables, a terminal or not. */
export async function cliRun(
  at: { cwd: string; env?: Record<string, string>; stdin?: string | Uint8Array; tty?: boolean },
  ...argv: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { cwd, stdin = "" } = at;
  let stdout = "";
  let stderr = "";
  const previous = process.cwd();
  process.chdir(cwd);
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: at.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: at.env ?? {},
    cwd,
    readStdin: async () => (typeof stdin === "string" ? new TextEncoder().encode(stdin) : stdin),
  }).finally(() => process.chdir(previous));
  return { code, stdout, stderr };
}

/** The message of what `fn` throws; fails the test when it throws nothing. */
export function thrownMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected an error");
}
