/**
 * A failed system call in the scanner's words: what went wrong, then the code for searching
 * (`too many levels of symbolic links (ELOOP)`), never Node's message with its stack or syscall.
 */
const WORDS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  ENOTDIR: "a part of the path is not a directory",
  EISDIR: "it is a directory",
  ELOOP: "a loop of symbolic links",
  ENAMETOOLONG: "the path is too long",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EMFILE: "too many open files",
  ENFILE: "too many open files",
  EIO: "input/output error",
  ENXIO: "no such device or FIFO reader",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  EEXIST: "it already exists",
  EBUSY: "the file is busy",
  // A path with a NUL character: Node refuses it before any system call.
  ERR_INVALID_ARG_VALUE: "the path holds a character no file name can hold",
  ERR_INVALID_ARG_TYPE: "the path holds a character no file name can hold",
};

/** The fault of a failed file-system call, in words (`permission denied (EACCES)`). */
export function fsFault(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string") return "unknown error";
  const words = WORDS[code];
  return words ? `${words} (${code})` : code;
}
