import type { FindingStatus } from "../model/finding.js";

/** A message as a rule gives it: the id of a template in the rule's METADATA, and its arguments. */
export interface FindingMessage {
  id: string;
  args: Record<string, unknown>;
}

/** What a rule emits: the Rego side's finding, before it is given a file and a place. */
export interface RawFinding {
  rule_id: string;
  status: FindingStatus;
  /** The subject, by its index in the normalized input's `resources`, `outputs`, `parameters` or `variables`. */
  subject: { kind: "resource" | "output" | "parameter" | "variable"; index: number };
  /** Path of the offending property below the subject (empty for the subject itself). */
  path: Array<string | number>;
  /** Rendered with the rule's templates when the finding is located (src/locate/message.ts). */
  message: FindingMessage;
}
