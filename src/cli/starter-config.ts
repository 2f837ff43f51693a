import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The commented configuration `acs-baseline init` writes. */
export const STARTER_CONFIG = `# acs-baseline configuration. The line above points editors (VS Code with the YAML extension,
# JetBrains IDEs) at its JSON Schema, so they complete and check it.
# Paths and globs are relative to this file's directory.

# The least severe failing finding that fails the run: critical, high, medium, low, info.
failOn: low

# Findings whose answer depends on values unknown before deployment (parameters without values,
# runtime functions): warn (shown, never fail), fail, or ignore.
unknown: warn

# Honour suppressions written in resources' metadata (Bicep: @description('acs-baseline:suppress ...')).
inlineSuppressions: true

# Which files a directory scan reads (default: every *.json and *.jsonc).
# include:
#   - "infra/**/*.json"
exclude:
  - "**/node_modules/**"
# Globs: *, ?, [ab], {a,b}, ** for zero or more folders, a leading ! negates (as in picomatch).
# What .gitignore files ignore is not scanned; false scans it too.
# gitignore: false

# Rules: on, off, or { enabled, severity, parameters }. 'acs-baseline rules' lists them.
rules:
  ACS-DATA-004: off
  # ACS-DATA-001:
  #   parameters:
  #     allowedDataLocations: [Europe, United Kingdom]
  # ACS-NET-001:
  #   severity: medium

# Accepted risks. Every suppression needs a justification; expires (YYYY-MM-DD) makes it count
# again from the next day. Suppressed findings stay in JSON and SARIF output, marked.
suppressions: []
#  - rule: ACS-NET-001
#    resource: "acs-web-*"
#    file: "infra/**"
#    justification: Browsers and phones call ACS directly; Entra ID auth is enforced (ACS-IAM-001).
#    expires: "2027-06-30"

# A baseline written by 'acs-baseline scan --write-baseline FILE': its findings are accepted.
# baseline: acs-baseline.baseline.json
`;

/**
 * The starter configuration for a file in `dir`, led by the `yaml-language-server` line naming
 * its schema: the installed package's copy when `dir` has it in node_modules (works offline),
 * else the schema's published `$id`.
 */
export function starterConfig(dir: string): string {
  const local = join(dir, "node_modules", "acs-baseline", "schemas", "config.schema.json");
  const schema = existsSync(local) ? "./node_modules/acs-baseline/schemas/config.schema.json" : CONFIG_SCHEMA_ID;
  return `# yaml-language-server: $schema=${schema}\n${STARTER_CONFIG}`;
}

/** The configuration schema's stable `$id`. */
export const CONFIG_SCHEMA_ID = (JSON.parse(readFileSync(new URL("../../../schemas/config.schema.json", import.meta.url), "utf8")) as { $id: string }).$id;
