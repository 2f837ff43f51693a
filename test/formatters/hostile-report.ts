import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createScanner, type ScanOptions, type ScanReport, type Scanner } from "../../src/index.js";
import { tempDir } from "../../scripts/temp-dir.js";

/** Where hostile text goes in the template and the scan that `hostileReport` makes. */
export interface HostileInput {
  /** The template's file name. */
  fileName: string;
  /** A file scanned beside it that does not exist: its name reaches the report's errors. */
  missingName: string;
  /** The name of the template's one Communication Services resource. */
  resourceName: string;
  properties: Record<string, unknown>;
  parameters?: Record<string, unknown>;
  options?: ScanOptions;
}

/**
 * The report the injection tests render (class 6 of the hostile-input suite): a template written
 * to a temp directory under a hostile name, holding one Communication Services resource with
 * hostile values, scanned with a missing file, so that hostile text reaches file names, resource
 * names, messages and errors of every format.
 */
export function hostileReport(input: HostileInput): { dir: string; file: string; scanner: Scanner; report: ScanReport } {
  const dir = tempDir("acs-hostile-");
  const file = join(dir, input.fileName);
  writeFileSync(
    file,
    JSON.stringify({
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      parameters: input.parameters,
      resources: [
        {
          type: "Microsoft.Communication/communicationServices",
          apiVersion: "2025-05-01",
          name: input.resourceName,
          location: "global",
          properties: input.properties,
        },
      ],
    }),
  );
  const scanner = createScanner(input.options);
  return { dir, file, scanner, report: scanner.scanPaths([file, join(dir, input.missingName)]) };
}
