/**
 * ARM reads property names case-insensitively: of two keys that differ only in case
 * (`disableLocalAuth`, `DisableLocalAuth`) the last one wins, while `JSON.parse` keeps both and a
 * rule would read only one of them. The reader refuses such a file rather than guess which one a
 * rule should see (see docs/reader-vs-arm.md).
 *
 * Keys are compared upper-cased then lower-cased: .NET's `OrdinalIgnoreCase` upper-cases with the
 * invariant culture, which maps `ı` (dotless i) to `I` and `ſ` (long s) to `S`, and lower-casing
 * alone would miss those (and the Kelvin and Ångström signs, which only lower-case to `k`, `å`).
 * Refusing a pair ARM might keep apart is safe; binding one ARM merges is a silent pass.
 */

/** Two keys of one object that differ only in case, and the path (segments) of that object. */
export interface CaseCollision {
  path: string[];
  first: string;
  second: string;
}

// The keys of the object being checked, and those folded so far; reused, since a check ends
// before the walk goes deeper.
const keys: string[] = [];
const folded: Array<string | undefined> = [];

/** Key `i` with case folded as described above, computed once per object. */
function fold(i: number): string {
  return (folded[i] ??= keys[i]!.toUpperCase().toLowerCase());
}

/** The first pair of keys differing only in case, depth first; undefined when there is none. */
export function findCaseCollision(value: unknown): CaseCollision | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      if (typeof x !== "object" || x === null) continue;
      const found = findCaseCollision(x);
      if (found) return (found.path.unshift(String(i)), found);
    }
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const object = value as Record<string, unknown>;
  const pair = collidingKeys(object);
  if (pair) return { path: [], first: pair[0], second: pair[1] };
  for (const key in object) {
    const x = object[key];
    if (typeof x !== "object" || x === null) continue;
    const found = findCaseCollision(x);
    if (found) return (found.path.unshift(key), found);
  }
  return undefined;
}

/** The first two keys of one object (its own keys, not its values') that differ only in case. */
export function collidingKeys(object: object): [string, string] | undefined {
  let n = 0;
  for (const key in object) {
    folded[n] = undefined;
    keys[n++] = key;
  }
  return n > SMALL ? collidingKeysLarge(n) : collidingKeysSmall(n);
}

// Most objects have a few keys of different lengths: comparing pairs of equal length is cheaper
// than lower-casing every key into a map.
const SMALL = 16;

function collidingKeysSmall(n: number): [string, string] | undefined {
  for (let j = 1; j < n; j++) {
    const b = keys[j]!;
    for (let i = 0; i < j; i++) {
      const a = keys[i]!;
      if (a.length === b.length && fold(i) === fold(j)) return [a, b];
    }
  }
  return undefined;
}

function collidingKeysLarge(n: number): [string, string] | undefined {
  const seen = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    const first = seen.get(fold(i));
    if (first !== undefined) return [first, key];
    seen.set(fold(i), key);
  }
  return undefined;
}

/** A key as quoted in a message: at most 80 characters, control characters shown as escapes. */
export function quoteKey(key: string): string {
  return JSON.stringify(key.length > 80 ? `${key.slice(0, 80)}…` : key).slice(1, -1);
}
