import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Every directory made by `tempDir` in this process and not kept, removed when it ends. */
const made = new Set<string>();
let removing = false;

/**
 * A new empty directory under the system's temp directory, named `prefix` and a random suffix,
 * removed with everything in it when the process ends, also on an uncaught error or a signal: for
 * tests (uvu runs every test file in one process, so the suite leaves nothing in /tmp) and the
 * bench and fuzz scripts. Removal waits for the process's end (not the test's) because a scan's
 * worker threads or a spawned compiler may still hold files in it when a test's promise settles; on
 * Linux an open file does not keep its directory from removal.
 */
export function tempDir(prefix: string): string {
  if (!removing) removeAtExit();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

/** Leaves a directory of `tempDir` in place at exit: a report names it as evidence. */
export function keepTempDir(dir: string): void {
  made.delete(dir);
}

function removeAtExit(): void {
  removing = true;
  process.on("exit", removeAll);
  // A run stopped with Ctrl-C or killed by a timeout does not reach "exit": remove, then end as the
  // signal would have (re-raised with no handler left, it does what it does by default). When the
  // program handles the signal itself (the fuzzer stops gracefully on Ctrl-C), it decides how the
  // process ends, and "exit" removes the directories.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = () => {
      if (process.listenerCount(signal) > 1) return;
      process.removeListener(signal, onSignal);
      removeAll();
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

function removeAll(): void {
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Tests make unreadable directories (chmod 000) on purpose: give them back their permissions.
      try {
        allowAccess(dir);
        rmSync(dir, { recursive: true, force: true });
      } catch (e) {
        process.stderr.write(`temp directory ${dir} not removed: ${(e as Error).message}\n`);
      }
    }
  }
  made.clear();
}

/** Makes every directory under `dir` readable, writable and searchable by its owner (depth-bounded). */
function allowAccess(dir: string, depth = 0): void {
  if (depth > 64 || !lstatSync(dir).isDirectory()) return;
  chmodSync(dir, 0o700);
  for (const name of readdirSync(dir)) allowAccess(join(dir, name), depth + 1);
}
