import { formatPointer, parsePointer, type PointerLocation } from "../reader/index.js";

/**
 * Resolves pointers in a parsed JSON value as `locatePointers` does in its text (the node, or its
 * closest existing ancestor; keys exactly, then case-insensitively), without offsets. For a
 * template compiled from Bicep: its findings are moved to Bicep lines, so finding the compiled
 * JSON's own lines would be work thrown away (a tenth of such a scan).
 */
export function locateInValue(value: unknown, pointers: readonly string[]): Map<string, PointerLocation> {
  const out = new Map<string, PointerLocation>();
  for (const p of pointers) {
    if (out.has(p)) continue;
    const segs = parsePointer(p);
    const written: string[] = [];
    let node = value;
    for (const seg of segs) {
      const key = childKey(node, seg);
      if (key === undefined) break;
      written.push(key);
      node = (node as Record<string, unknown>)[key];
    }
    out.set(p, { pointer: formatPointer(written), exact: written.length === segs.length, start: 0, end: 0, keyStart: 0 });
  }
  return out;
}

function childKey(node: unknown, seg: string): string | undefined {
  if (Array.isArray(node)) return /^(0|[1-9]\d*)$/.test(seg) && Number(seg) < node.length ? seg : undefined;
  if (typeof node !== "object" || node === null) return undefined;
  if (Object.prototype.hasOwnProperty.call(node, seg)) return seg;
  const lower = seg.toLowerCase();
  return Object.keys(node).find((k) => k.length === seg.length && k.toLowerCase() === lower);
}
