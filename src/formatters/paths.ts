import { normalizePosix } from "../portable/index.js";
import type { FormatContext } from "./types.js";

/** A file path as the report shows it: as the runtime layer maps it, else normalized as given. */
export function relativePath(file: string, ctx: Pick<FormatContext, "displayPath">): string {
  return ctx.displayPath ? ctx.displayPath(file) : normalizePosix(file);
}
