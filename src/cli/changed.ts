import { realpathSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { affectedTemplates, collectFiles, fileSelector, type FileSelection } from "../scan/index.js";
import type { ScanCommand } from "./args.js";
import { changedSince } from "./git.js";

const inside = (dir: string, file: string) => {
  const r = relative(dir, file);
  return r === "" || (!r.startsWith(`..${sep}`) && r !== ".." && !/^([a-zA-Z]:|[\\/])/.test(r));
};

/** A path with symbolic links resolved, as git names files (one that does not exist as given). */
const real = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};

/**
 * The templates a changed-files scan reads: for `--changed-since`, those changed since the ref
 * under the named paths (and the templates the changes touch there); for `--changed-files`, those
 * the named files touch, linkers looked for under the working directory. Also the directories
 * linked templates may be read from.
 */
export function changedTemplates(command: ScanCommand, cwd: string, select: FileSelection): { templates: string[]; roots: string[] } {
  // Real paths throughout: git's list of changes and the walk of the named paths must agree.
  const named = command.paths.filter((p) => p !== "-").map((p) => real(resolve(cwd, p)));
  const { files, scope } =
    command.changedSince !== undefined ? { files: changedSince(command.changedSince, cwd).files, scope: named } : { files: named, scope: [real(cwd)] };
  const candidates = collectFiles(scope, select).files.map((f) => resolve(f));
  const selected = fileSelector(select);
  const touched = affectedTemplates(files, candidates).filter((t) => scope.some((d) => inside(d, t)) && selected(t));
  return { templates: touched, roots: scope };
}
