import { fileURLToPath } from "node:url";
import { run } from "../src/cli/main.js";

/** Absolute path of a file in the repository, from the compiled test's location (dist/test/...). */
export function repoPath(relative: string): string {
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}

/** Runs the CLI in-process and captures what it writes. */
export function cli(...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const code = run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
  });
  return { code, stdout, stderr };
}
