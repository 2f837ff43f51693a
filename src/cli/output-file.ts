import { closeSync, constants, fstatSync, ftruncateSync, lstatSync, openSync, writeFileSync, writeSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { fsFault } from "../node/index.js";

/**
 * Writes a report or baseline the command line named. The working directory is usually the
 * checkout of the pull request being scanned, which may carry a symbolic link where the report
 * goes (`acs.sarif -> ~/.bashrc`): so inside it no link is followed — neither the file itself
 * (opened with O_NOFOLLOW) nor a directory on the way — and only a regular file is written.
 * Outside it (`/dev/stdout`, a temporary directory) the path is the caller's, written as named.
 * `exclusive`: never replace an existing file (nor a dangling link).
 */
export function writeOutputFile(cwd: string, path: string, text: string, exclusive = false): void {
  const target = resolve(cwd, path);
  const fail = (why: string) => new Error(`cannot write ${path}: ${why}`);
  const inside = stepsBelow(resolve(cwd), target);
  if (inside === undefined && !exclusive) {
    try {
      return writeFileSync(target, text);
    } catch (e) {
      throw fail(fsFault(e));
    }
  }
  const link = inside?.slice(0, -1).find(isLink);
  if (link) throw fail(`${relative(cwd, link)} is a symbolic link, and the scanner never writes through one in the working directory`);
  let fd: number;
  try {
    const noFollow = inside ? (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) : 0;
    fd = openSync(target, constants.O_WRONLY | constants.O_CREAT | noFollow | (exclusive ? constants.O_EXCL : 0), 0o666);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw fail("it exists; not overwritten");
    if (code === "ELOOP" && isLink(target)) throw fail("it is a symbolic link, and the scanner never writes through one in the working directory");
    throw fail(fsFault(e));
  }
  try {
    if (inside && !fstatSync(fd).isFile()) throw fail("it is not a regular file");
    ftruncateSync(fd, 0);
    const bytes = Buffer.from(text, "utf8");
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
  } catch (e) {
    throw e instanceof Error && e.message.startsWith("cannot write") ? e : fail(fsFault(e));
  } finally {
    closeSync(fd);
  }
}

/** The paths from `cwd` (exclusive) down to `target` (inclusive), or undefined when `target` is not inside `cwd`. */
function stepsBelow(cwd: string, target: string): string[] | undefined {
  const rel = relative(cwd, target);
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  const steps: string[] = [];
  let at = cwd;
  for (const part of rel.split(sep)) steps.push((at = resolve(at, part)));
  return steps;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
