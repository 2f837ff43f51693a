import type { FileError, Finding, Notice, RuleMeta, ScanSummary } from "../../src/browser/index.js";
import type { PlaygroundState } from "./state.js";

/** Page → worker: scan the state's template with its options. */
export interface ScanRequest {
  id: number;
  state: PlaygroundState;
}

/** A finding as the page lists it. */
export type ShownFinding = Finding & { failing: boolean };

/** Worker → page. */
export type WorkerMessage =
  | { kind: "ready"; rules: RuleMeta[] }
  | { kind: "load-failed"; message: string }
  | { kind: "scanned"; id: number; findings: ShownFinding[]; errors: FileError[]; notices: Notice[]; summary: ScanSummary; json: string; sarif: string }
  | { kind: "options-invalid"; id: number; message: string };
