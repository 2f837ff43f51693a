import type { Position, SourceRange } from "../model/finding.js";
import { decodeString, skipString, skipTrivia, skipValue } from "./json-structure.js";

/** Maps character offsets to 1-based line and column (LF, CRLF and CR end lines); built on first use. */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  position(offset: number): Position {
    const starts = (this.starts ??= lineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  range(start: number, end: number): SourceRange {
    return { start: this.position(start), end: this.position(end) };
  }
}

// A line ends at LF, CRLF or a lone CR, as Json.NET (and so ARM's error messages) counts lines.
const LINE_END = /\r\n?|\n/g;

function lineStarts(text: string): number[] {
  const starts = [0];
  LINE_END.lastIndex = 0;
  for (let m = LINE_END.exec(text); m; m = LINE_END.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

/** Where a JSON pointer landed: the node itself, or its closest existing ancestor. */
export interface PointerLocation {
  /** The pointer of the node found (equal to the request when `exact`). */
  pointer: string;
  exact: boolean;
  /** Offsets of the node's value in the text; for a property, `keyStart` is where its name begins. */
  start: number;
  end: number;
  keyStart: number;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Where the node was found; `segment` is its key as written in the file. */
  found?: { start: number; end: number; keyStart: number; segment: string };
}

/** Splits an RFC 6901 pointer into unescaped segments (`""` is the root). */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new Error(`not a JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Joins segments into an RFC 6901 pointer. */
export function formatPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/**
 * Resolves many pointers in one pass over the text, descending only into the branches some
 * pointer needs and skipping everything else, so its cost is far below a full parse.
 * Object keys match exactly first, then case-insensitively (ARM keys are case-insensitive).
 */
export function locatePointers(text: string, pointers: readonly string[]): Map<string, PointerLocation> {
  const root: TrieNode = { children: new Map() };
  for (const p of pointers) {
    let node = root;
    for (const seg of parsePointer(p)) {
      let next = node.children.get(seg);
      if (!next) node.children.set(seg, (next = { children: new Map() }));
      node = next;
    }
  }
  const start = skipTrivia(text, 0);
  visit(text, start, root, start, "");

  const result = new Map<string, PointerLocation>();
  for (const p of pointers) {
    const segs = parsePointer(p);
    let node = root;
    let best = root.found!;
    const written: string[] = [];
    for (const seg of segs) {
      const next = node.children.get(seg);
      if (!next?.found) break;
      node = next;
      best = next.found;
      written.push(best.segment);
    }
    const { start, end, keyStart } = best;
    result.set(p, { pointer: formatPointer(written), exact: written.length === segs.length, start, end, keyStart });
  }
  return result;
}

function visit(text: string, i: number, node: TrieNode, keyStart: number, segment: string): number {
  const end = node.children.size === 0 ? skipValue(text, i) : descend(text, i, node);
  node.found = { start: i, end, keyStart, segment };
  return end;
}

function descend(text: string, i: number, node: TrieNode): number {
  const open = text[i];
  if (open !== "{" && open !== "[") return skipValue(text, i);
  const close = open === "{" ? "}" : "]";
  let j = skipTrivia(text, i + 1);
  let index = 0;
  const lowerKeys = open === "{" ? lowerCaseIndex(node) : undefined;
  while (text[j] !== close) {
    let key = String(index++);
    const keyStart = j;
    if (open === "{") {
      const keyEnd = skipString(text, j);
      key = decodeString(text, j, keyEnd);
      j = skipTrivia(text, skipTrivia(text, keyEnd) + 1);
    }
    const child = node.children.get(key) ?? lowerKeys?.get(key.toLowerCase());
    // A repeated key overwrites the earlier one, as JSON.parse does.
    j = child ? visit(text, j, child, keyStart, key) : skipValue(text, j);
    j = skipTrivia(text, j);
    if (text[j] === ",") j = skipTrivia(text, j + 1);
  }
  return j + 1;
}

function lowerCaseIndex(node: TrieNode): Map<string, TrieNode> {
  const m = new Map<string, TrieNode>();
  for (const [k, v] of node.children) if (!m.has(k.toLowerCase())) m.set(k.toLowerCase(), v);
  return m;
}
