import { InputError } from "../model/errors.js";
import { detectKind, type SourceKind } from "./detect-kind.js";
import { findCaseCollision, quoteKey } from "./case-collisions.js";
import { LineIndex, formatPointer, locatePointers, type PointerLocation } from "./positions.js";
import { parseJsonc } from "./parse-jsonc.js";
import { ScanError } from "./json-structure.js";

/** Largest file the scanner reads; ARM itself caps a template at 4 MB. */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

/** A parsed JSON(C) file that can map JSON pointers back to its text. */
export class SourceFile {
  private readonly lines: LineIndex;

  constructor(
    /** The path (or name) the file was given by. */
    readonly path: string,
    /** The text, BOM removed. */
    readonly text: string,
    /** The parsed value. */
    readonly value: unknown,
    readonly kind: SourceKind,
  ) {
    this.lines = new LineIndex(text);
  }

  /** Resolves pointers to source places in one pass; absent nodes resolve to their closest ancestor. */
  locate(pointers: readonly string[]): Map<string, PointerLocation> {
    return locatePointers(this.text, pointers);
  }

  /** The line index of this file's text. */
  get lineIndex(): LineIndex {
    return this.lines;
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a file's bytes (or already-decoded text) into a `SourceFile`. Accepts a UTF-8 BOM, CRLF
 * line ends, comments and multi-line strings. Throws `InputError` naming the file, and the line
 * and column where there is one, for anything it cannot read.
 */
export function readSource(path: string, content: Uint8Array | string): SourceFile {
  const size = typeof content === "string" ? content.length : content.byteLength;
  if (size > MAX_SOURCE_BYTES) {
    throw new InputError(path, `file is larger than the ${MAX_SOURCE_BYTES / (1024 * 1024)} MiB limit`);
  }
  let text: string;
  if (typeof content === "string") {
    text = content;
  } else {
    try {
      text = utf8.decode(content);
    } catch {
      throw new InputError(path, "file is not valid UTF-8");
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = new LineIndex(text);
  let value: unknown;
  try {
    value = parseJsonc(text);
  } catch (e) {
    if (e instanceof ScanError) throw new InputError(path, `invalid JSON: ${e.message}`, lines.position(e.offset));
    throw e;
  }
  const collision = findCaseCollision(value);
  if (collision) {
    const pointer = formatPointer([...collision.path, collision.second]);
    const at = locatePointers(text, [pointer]).get(pointer)!;
    throw new InputError(
      path,
      `the keys '${quoteKey(collision.first)}' and '${quoteKey(collision.second)}' differ only in case; ARM reads them as one property (the last wins), so the file is refused rather than read differently`,
      lines.position(at.keyStart),
    );
  }
  return new SourceFile(path, text, value, detectKind(value));
}
