/** What a compile function hands back: the compiler's JSON, and optionally source texts. */
export interface BicepCompileResult {
  /** `build`: the ARM template; `build-params`: the JSON parameter file (or the CLI's `--stdout` object). */
  json: string;
  /** Source texts by absolute path, used instead of reading those files (an editor's unsaved buffers). */
  sources?: Record<string, string>;
}

/**
 * Compiles a `.bicep` file (`build`) or a `.bicepparam` file (`build-params`) without the CLI, for
 * tools that embed a compiler. Throw an `Error` whose message lists the diagnostics to report a
 * failed compile.
 */
export type BicepCompile = (request: { file: string; command: "build" | "build-params" }) => BicepCompileResult;

/** How Bicep sources are compiled and reported. */
export interface BicepOptions {
  /** The Bicep CLI to run (default: `bicep` on PATH, else `az bicep`). */
  path?: string;
  /** Compile with this function instead of a CLI. */
  compile?: BicepCompile;
  /**
   * Where findings in a `.json` compiled from a `.bicep` beside it are reported: `source` (default)
   * at the Bicep lines, `json` at the JSON lines.
   */
  compiledJson?: "source" | "json";
  /** Longest a compile may take, in milliseconds (default 120 000). */
  timeoutMs?: number;
}
