import { createScanner } from "../../src/index.js";
import { repoPath } from "../helpers.js";

/**
 * The report the format tests render: the examples (findings of every status, one suppressed), an
 * unreadable file and an unknown, scanned once per test file.
 */
export const root = repoPath(".");
export const scanner = createScanner({ suppressions: [{ rule: "ACS-LOG-002", resource: "acs-demo", justification: "logs go to the central SIEM" }] });
export const report = scanner.scanPaths([
  repoPath("examples"),
  repoPath("fixtures/reader/malformed.json"),
  repoPath("fixtures/rules/ACS-IAM-001/unknown-expression.json"),
]);
