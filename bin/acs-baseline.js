#!/usr/bin/env node
// The command-line entry: a thin shell that hands argv to the compiled CLI (bundled into one file
// by scripts/bundle-cli.mjs: faster to load than its modules) and sets the exit code.
import { run } from "../dist/src/bundle/cli.js";

// Stops reading once past the limit: the reader then reports the input as too large.
const readStdin = async (maxBytes) => {
  const chunks = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
    total += chunk.length;
    if (total > maxBytes) {
      process.stdin.destroy();
      break;
    }
  }
  return Buffer.concat(chunks);
};

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  readStdin,
});
