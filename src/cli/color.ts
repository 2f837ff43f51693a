/**
 * Whether the text output is coloured: `--color` / `--no-color` first; then FORCE_COLOR (set and
 * not `0` or `false` forces colours on, `0`/`false` off, as Node and most tools read it); then
 * NO_COLOR (set and not empty turns them off, per no-color.org); then `TERM=dumb` (off); else
 * colours when standard output is a terminal.
 */
export function useColor(flag: boolean | undefined, env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env["FORCE_COLOR"];
  if (force !== undefined) return !/^(0|false)$/i.test(force.trim());
  if (env["NO_COLOR"]) return false;
  if (env["TERM"] === "dumb") return false;
  return isTTY;
}
