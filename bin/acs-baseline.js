#!/usr/bin/env node
// The command-line entry: a thin shell that hands argv to the compiled CLI and sets the exit code.
import { run } from "../dist/src/cli/main.js";

const readStdin = async () => {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks);
};

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  readStdin,
});
