/**
 * ARM reads property names case-insensitively: of two keys that differ only in case
 * (`disableLocalAuth`, `DisableLocalAuth`) the last one wins, while `JSON.parse` keeps both and a
 * rule would read only one of them. The reader refuses such a file rather than guess which one a
 * rule should see (see docs/reader-vs-arm.md).
 */

/** Two keys of one object that differ only in case, and the path (segments) of that object. */
export interface CaseCollision {
  path: string[];
  first: string;
  second: string;
}

/** The first pair of keys differing only in case, depth first; undefined when there is none. */
export function findCaseCollision(value: unknown): CaseCollision | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findCaseCollision(value[i]);
      if (found) return (found.path.unshift(String(i)), found);
    }
    return undefined;
  }
  const keys = Object.keys(value);
  const pair = keys.length > SMALL ? collidingKeysLarge(keys) : collidingKeysSmall(keys);
  if (pair) return { path: [], first: pair[0], second: pair[1] };
  for (const key of keys) {
    const found = findCaseCollision((value as Record<string, unknown>)[key]);
    if (found) return (found.path.unshift(key), found);
  }
  return undefined;
}

// Most objects have a few keys of different lengths: comparing pairs of equal length is cheaper
// than lower-casing every key into a map.
const SMALL = 16;

function collidingKeysSmall(keys: string[]): [string, string] | undefined {
  for (let j = 1; j < keys.length; j++) {
    const b = keys[j]!;
    for (let i = 0; i < j; i++) {
      const a = keys[i]!;
      if (a.length === b.length && a.toLowerCase() === b.toLowerCase()) return [a, b];
    }
  }
  return undefined;
}

function collidingKeysLarge(keys: string[]): [string, string] | undefined {
  const seen = new Map<string, string>();
  for (const key of keys) {
    const lower = key.toLowerCase();
    const first = seen.get(lower);
    if (first !== undefined) return [first, key];
    seen.set(lower, key);
  }
  return undefined;
}
