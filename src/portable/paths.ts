/**
 * Node's `path.posix.normalize`, written out so that fingerprints and report paths are computed
 * the same way in every runtime: `.` and empty segments dropped, `..` resolved where it can be,
 * a trailing slash kept.
 */
export function normalizePosix(path: string): string {
  if (path === "") return ".";
  const absolute = path.startsWith("/");
  const trailing = path.endsWith("/");
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!absolute) out.push("..");
      continue;
    }
    out.push(segment);
  }
  const joined = out.join("/");
  if (joined === "") return absolute ? "/" : trailing ? "./" : ".";
  return (absolute ? "/" : "") + joined + (trailing ? "/" : "");
}
