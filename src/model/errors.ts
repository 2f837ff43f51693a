import type { Position } from "./finding.js";

/**
 * A file the scanner cannot read or understand. It names the file and, when known, the place;
 * the scanner reports it per file and carries on with the others.
 */
export class InputError extends Error {
  readonly file: string;
  readonly position: Position | undefined;

  constructor(file: string, message: string, position?: Position) {
    super(message);
    this.name = "InputError";
    this.file = file;
    this.position = position;
  }

  /** `file:line:col: message`, or `file: message` when there is no position. */
  override toString(): string {
    const where = this.position ? `${this.file}:${this.position.line}:${this.position.column}` : this.file;
    return `${where}: ${this.message}`;
  }
}

/** Turns whatever was thrown (the OPA SDK throws strings and plain objects) into an `Error`. */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  if (typeof thrown === "string") return new Error(thrown);
  if (thrown && typeof thrown === "object" && "message" in thrown && typeof thrown.message === "string") {
    return new Error(thrown.message);
  }
  return new Error(`non-error thrown: ${String(thrown)}`);
}
