/** One diagnostic the Bicep CLI printed: `path(line,col) : Error BCP018: message`. */
export interface BicepDiagnostic {
  file: string;
  line: number;
  column: number;
  level: "Error" | "Warning" | "Info";
  code: string;
  message: string;
}

// `az bicep` prints the Bicep CLI's lines behind its own log prefix (`ERROR: `, `WARNING: `).
const LINE = /^(?:(?:ERROR|WARNING): )?(.+)\((\d+),(\d+)\) : (Error|Warning|Info) ([A-Za-z0-9_-]+): (.*)$/;

/** The diagnostics in the compiler's output (other lines are ignored). */
export function parseDiagnostics(output: string): BicepDiagnostic[] {
  const out: BicepDiagnostic[] = [];
  for (const raw of output.split(/\r?\n/)) {
    const m = LINE.exec(raw.trim());
    if (!m) continue;
    out.push({ file: m[1]!, line: Number(m[2]), column: Number(m[3]), level: m[4] as BicepDiagnostic["level"], code: m[5]!, message: m[6]! });
  }
  return out;
}

/** Codes the compiler gives a registry or template-spec module that is not in the local cache. */
export const NOT_RESTORED = new Set(["BCP190", "BCP191", "BCP192"]);
