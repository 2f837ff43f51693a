/**
 * Every file the scanner reads goes through here: only regular files (a FIFO, a device such as
 * `/dev/zero` or a socket is refused before a byte is read), read with the size cap enforced while
 * reading (a file that grows, or reports a size of 0, still stops at the cap), and errors that say
 * what went wrong without quoting the file.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats } from "node:fs";
import { open } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { InputError } from "../model/index.js";
import { MAX_SOURCE_BYTES } from "../reader/read-source.js";
import { fsFault } from "./fs-fault.js";

// Opening a FIFO for reading would wait for a writer; non-blocking, it returns at once and fstat refuses it.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const CHUNK = 64 * 1024;

function kindOf(st: Stats): string | undefined {
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a FIFO";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  if (st.isSocket()) return "a socket";
  return undefined;
}

function checkRegular(path: string, st: Stats, maxBytes: number): void {
  if (!st.isFile()) {
    const kind = kindOf(st);
    throw new InputError(path, `cannot read file: ${kind ? `it is ${kind}, ` : ""}not a regular file`);
  }
  if (st.size > maxBytes) throw tooLarge(path, maxBytes);
}

function tooLarge(path: string, maxBytes: number): InputError {
  return new InputError(path, `file is larger than the ${maxBytes / (1024 * 1024)} MiB limit`);
}

/** `cannot read file: no such file or directory (ENOENT)` and the like, from a failed system call. */
export function cannotRead(path: string, e: unknown): InputError {
  if (e instanceof InputError) return e;
  return new InputError(path, `cannot read file: ${fsFault(e)}`);
}

/**
 * Opens `path` without waiting (a FIFO opens at once), refuses anything but a regular file of at
 * most `maxBytes`, and hands the descriptor to `read`; every fault becomes an `InputError`.
 */
function withRegularFile<T>(path: string, maxBytes: number, read: (fd: number) => T): T {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    throw cannotRead(path, e);
  }
  try {
    checkRegular(path, fstatSync(fd), maxBytes);
    return read(fd);
  } catch (e) {
    throw cannotRead(path, e);
  } finally {
    closeSync(fd);
  }
}

/** Reads a regular file of at most `maxBytes`; throws `InputError` for anything else. */
export function readRegularFile(path: string, maxBytes = MAX_SOURCE_BYTES): Uint8Array {
  return withRegularFile(path, maxBytes, (fd) => {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const n = readSync(fd, chunk, 0, CHUNK, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw tooLarge(path, maxBytes);
      chunks.push(n === CHUNK ? chunk : chunk.subarray(0, n));
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  });
}

/**
 * The first `bytes` bytes of a regular file, whatever its size (enough to recognise what it is);
 * like `readRegularFile`, a FIFO or device is refused without waiting on it.
 */
export function readRegularFilePrefix(path: string, bytes: number): Uint8Array {
  return withRegularFile(path, Infinity, (fd) => {
    const buffer = Buffer.allocUnsafe(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  });
}

// Keeps a BOM, as readFileSync(path, "utf8") does: offsets in the text stay those of the file.
const UTF8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** `readRegularFile` decoded as UTF-8 text. */
export function readRegularText(path: string): string {
  return UTF8.decode(readRegularFile(path));
}

/**
 * The text of a regular file within the size cap, or undefined when there is none to read: for
 * files beside the one scanned (sources, .gitignore, linked files) whose absence is no error.
 */
export function readRegularTextIfAny(path: string): string | undefined {
  try {
    return readRegularText(path);
  } catch {
    return undefined;
  }
}

/** `readRegularFile` without blocking the event loop. */
export async function readRegularFileAsync(path: string, maxBytes = MAX_SOURCE_BYTES): Promise<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (e) {
    throw cannotRead(path, e);
  }
  try {
    const st = await handle.stat();
    checkRegular(path, st, maxBytes);
    // One read of the reported size, then reads until the end, never past the cap.
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(st.size + 1, CHUNK)));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (total > maxBytes) throw tooLarge(path, maxBytes);
        return readRest(handle, buffer, total, maxBytes, path);
      }
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) return buffer.subarray(0, total);
      total += bytesRead;
    }
  } catch (e) {
    throw cannotRead(path, e);
  } finally {
    await handle.close();
  }
}

// The rare file that outgrows its reported size (or reports none, as /proc files do).
async function readRest(handle: Awaited<ReturnType<typeof open>>, head: Buffer, total: number, maxBytes: number, path: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [head.subarray(0, total)];
  for (;;) {
    const chunk = Buffer.allocUnsafe(CHUNK);
    const { bytesRead } = await handle.read(chunk, 0, CHUNK, null);
    if (bytesRead === 0) return Buffer.concat(chunks, total);
    total += bytesRead;
    if (total > maxBytes) throw tooLarge(path, maxBytes);
    chunks.push(chunk.subarray(0, bytesRead));
  }
}

/** The real path (links resolved) of `path`, or undefined when it does not exist or cannot be resolved. */
function realPath(path: string): string | undefined {
  try {
    return realpathSync(resolve(path));
  } catch {
    return undefined;
  }
}

/** True when `path` as written (no link resolved) lies inside one of `roots`. */
export function lexicallyInside(path: string, roots: readonly string[]): boolean {
  const target = resolve(path);
  return roots.some((root) => {
    const r = relative(resolve(root), target);
    return r !== "" && r !== ".." && !r.startsWith(`..${sep}`) && !isAbsolute(r) && !/^[a-zA-Z]:/.test(r);
  });
}

/**
 * True when `path` lies inside one of `roots` as written and, when anything is there, also once
 * links are resolved: for a file another file makes the scanner (or the Bicep compiler) read,
 * which may not exist (its absence is then the reader's error, not an escape).
 */
export function withinRoots(path: string, roots: readonly string[]): boolean {
  if (!lexicallyInside(path, roots)) return false;
  let exists: boolean;
  try {
    exists = lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false; // a path through a file, too long: nothing there is read
  }
  return !exists || insideRoots(path, roots);
}

/**
 * True when `path`, with every symbolic link resolved, lies inside one of `roots` (also resolved):
 * a linked template or paired parameter file that is a link out of the scanned tree is not read.
 */
export function insideRoots(path: string, roots: readonly string[]): boolean {
  const target = realPath(path);
  if (target === undefined) return false;
  return roots.some((root) => {
    const r = realPath(root);
    if (r === undefined) return false;
    const rel = relative(r, target);
    return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
  });
}
