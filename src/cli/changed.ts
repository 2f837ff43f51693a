import { basename, relative, resolve, sep } from "node:path";
import { affectedTemplates, collectFiles, fileSelector, isScannedFileName, type FileSelection } from "../scan/index.js";
import type { ScanCommand } from "./args.js";
import { changedSince } from "./git.js";

/** What the scanner reads (Bicep files only where the walker takes them, with Bicep support built in). */
const scannable = (file: string) => isScannedFileName(basename(file));

const inside = (dir: string, file: string) => {
  const r = relative(dir, file);
  return r === "" || (!r.startsWith(`..${sep}`) && r !== ".." && !/^([a-zA-Z]:|[\\/])/.test(r));
};

/**
 * The templates a changed-files scan reads: for `--changed-since`, those changed since the ref
 * under the named paths (and the templates the changes touch there); for `--changed-files`, those
 * the named files touch, linkers looked for under the working directory. Also what was left out,
 * and the directories linked templates may be read from.
 */
export function changedTemplates(command: ScanCommand, cwd: string, select: FileSelection): { templates: string[]; skipped: string[]; roots: string[] } {
  const named = command.paths.filter((p) => p !== "-").map((p) => resolve(cwd, p));
  const { files, scope } = command.changedSince !== undefined ? { files: changedSince(command.changedSince, cwd).files, scope: named } : { files: named, scope: [cwd] };
  const candidates = collectFiles(scope, select).files.map((f) => resolve(f));
  const selected = fileSelector(select);
  const touched = affectedTemplates(files, candidates).filter((t) => scope.some((d) => inside(d, t)) && selected(t));
  return { templates: touched.filter(scannable), skipped: touched.filter((t) => !scannable(t)), roots: scope };
}
