/**
 * Globs with the semantics picomatch gives them (with `dot: true`), matched by simulating a
 * Thompson automaton: time is linear in the text for a given pattern, whatever the pattern, so a
 * glob taken from a template (an inline suppression) cannot stall a scan the way a backtracking
 * regular expression for `***…*Z` would.
 *
 * - `*` any characters but `/`; `?` one character but `/`; `[abc]`, `[a-z]`, `[^a]` one
 *   character of (or not of) a set, never `/`; `[!a]` is negated too, as in .gitignore and shells
 *   (picomatch alone reads it as the set of `!` and `a`);
 * - `**` as a whole path segment: zero or more folders (`a/**` also matches `a`); elsewhere like `*`;
 * - `{a,b}` alternatives (nested); a leading `!` negates the whole glob; `\x` is a literal `x`.
 *
 * Not picomatch's: extglobs (`@(a|b)`, `!(a)`), POSIX classes (`[[:alpha:]]`) and ranges
 * (`{1..3}`) are literal characters here (README says so).
 */
export interface Glob {
  readonly source: string;
  test(text: string): boolean;
}

/** Longest glob accepted (the automaton has about one state per character). */
export const MAX_GLOB_LENGTH = 1024;

/** A glob that cannot be used: too long. */
export class GlobError extends Error {}

type Matcher = (c: string) => boolean;
type State = { kind: "char"; test: Matcher; next: number } | { kind: "split"; next: number[] } | { kind: "match" };

/** A piece of automaton under construction: its entry and the exits still to be patched. */
interface Fragment {
  start: number;
  exits: Array<(target: number) => void>;
}

class Builder {
  readonly states: State[] = [];

  char(test: Matcher): Fragment {
    const state: State = { kind: "char", test, next: -1 };
    this.states.push(state);
    return { start: this.states.length - 1, exits: [(t) => (state.next = t)] };
  }

  split(): { index: number; state: { kind: "split"; next: number[] } } {
    const state = { kind: "split" as const, next: [] as number[] };
    this.states.push(state);
    return { index: this.states.length - 1, state };
  }

  /** Nothing: an empty sequence. */
  empty(): Fragment {
    const { index, state } = this.split();
    return { start: index, exits: [(t) => state.next.push(t)] };
  }

  seq(parts: Fragment[]): Fragment {
    if (parts.length === 0) return this.empty();
    for (let i = 0; i + 1 < parts.length; i++) for (const exit of parts[i]!.exits) exit(parts[i + 1]!.start);
    return { start: parts[0]!.start, exits: parts.at(-1)!.exits };
  }

  alt(options: Fragment[]): Fragment {
    const { index, state } = this.split();
    state.next.push(...options.map((o) => o.start));
    return { start: index, exits: options.flatMap((o) => o.exits) };
  }

  /** Zero or more of `one`. */
  star(one: Fragment): Fragment {
    const { index, state } = this.split();
    for (const exit of one.exits) exit(index);
    state.next.push(one.start);
    return { start: index, exits: [(t) => state.next.push(t)] };
  }

  /** Zero or one of `one`. */
  optional(one: Fragment): Fragment {
    const { index, state } = this.split();
    state.next.push(one.start);
    return { start: index, exits: [...one.exits, (t) => state.next.push(t)] };
  }
}

const notSlash: Matcher = (c) => c !== "/";
const anything: Matcher = () => true;

class Parser {
  private i = 0;
  constructor(
    private readonly glob: string,
    private readonly b: Builder,
    private readonly ignoreCase: boolean,
  ) {}

  private fold(c: string): string {
    return this.ignoreCase ? c.toLowerCase() : c;
  }

  /** A sequence up to the end, or (inside braces) up to an unescaped `,` or `}`. */
  sequence(inBraces: boolean): Fragment {
    const parts: Fragment[] = [];
    const g = this.glob;
    while (this.i < g.length) {
      const c = g[this.i]!;
      if (inBraces && (c === "," || c === "}")) break;
      if (c === "/" && this.trailingGlobstar(inBraces)) {
        // `x/**` also matches `x` itself: the slash and what follows are optional together.
        this.i += 3;
        parts.push(this.b.optional(this.b.seq([this.b.char((x) => x === "/"), this.b.star(this.b.char(anything))])));
      } else if (c === "\\" && this.i + 1 < g.length) {
        parts.push(this.literal(g[this.i + 1]!));
        this.i += 2;
      } else if (c === "*") {
        parts.push(this.stars(inBraces));
      } else if (c === "?") {
        parts.push(this.b.char(notSlash));
        this.i++;
      } else if (c === "[" && this.classEnd() > 0) {
        parts.push(this.charClass());
      } else if (c === "{" && this.braceHasComma()) {
        parts.push(this.braces());
      } else {
        parts.push(this.literal(c));
        this.i++;
      }
    }
    return this.b.seq(parts);
  }

  private literal(c: string): Fragment {
    const want = this.fold(c);
    return this.b.char((x) => this.fold(x) === want);
  }

  /**
   * Whether `/**` at `i` ends the whole glob after a segment that does not end in a star: then,
   * as in picomatch, the folder itself matches too (inside braces, or after `*`, it does not).
   */
  private trailingGlobstar(inBraces: boolean): boolean {
    const g = this.glob;
    const afterStar = g[this.i - 1] === "*" && g[this.i - 2] !== "\\";
    return !inBraces && !afterStar && g[this.i + 1] === "*" && g[this.i + 2] === "*" && this.i + 3 === g.length;
  }

  /**
   * A run of `*`: a globstar when it is exactly `**` filling a whole segment; else one `*`, which must
   * match at least one character when it fills a whole segment (`a/*` does not match `a/`).
   */
  private stars(inBraces: boolean): Fragment {
    const g = this.glob;
    const start = this.i;
    while (g[this.i] === "*") this.i++;
    const before = g[start - 1];
    const after = g[this.i];
    const segmentStart = start === 0 || before === "/" || (inBraces && (before === "{" || before === ","));
    const segmentEnd = after === undefined || after === "/" || (inBraces && (after === "," || after === "}"));
    if (this.i - start === 2 && segmentStart && segmentEnd) {
      if (after === "/") {
        // `**/`: nothing, or anything that ends with a slash.
        this.i++;
        return this.b.optional(this.b.seq([this.b.star(this.b.char(anything)), this.b.char((x) => x === "/")]));
      }
      return this.b.star(this.b.char(anything));
    }
    const some = this.b.star(this.b.char(notSlash));
    return segmentStart && segmentEnd ? this.b.seq([this.b.char(notSlash), some]) : some;
  }

  /** Where a `[...]` starting at `i` ends (index of `]`), or 0 when it does not close. */
  private classEnd(): number {
    const g = this.glob;
    let j = this.i + 1;
    if (g[j] === "!" || g[j] === "^") j++;
    if (g[j] === "]") j++;
    for (; j < g.length; j++) {
      if (g[j] === "\\") j++;
      else if (g[j] === "]") return j;
    }
    return 0;
  }

  private charClass(): Fragment {
    const g = this.glob;
    const end = this.classEnd();
    let j = this.i + 1;
    const negated = g[j] === "!" || g[j] === "^";
    if (negated) j++;
    const ranges: Array<[string, string]> = [];
    let first = true;
    while (j < end || (first && g[j] === "]")) {
      first = false;
      let lo = g[j]!;
      if (lo === "\\") lo = g[++j]!;
      j++;
      let hi = lo;
      if (g[j] === "-" && j + 1 < end) {
        hi = g[j + 1]!;
        if (hi === "\\") hi = g[++j + 1]!;
        j += 2;
      }
      ranges.push([lo, hi]);
    }
    this.i = end + 1;
    const variants = this.ignoreCase ? (x: string) => [x, x.toLowerCase(), x.toUpperCase()] : (x: string) => [x];
    const inSet = (x: string) => variants(x).some((v) => ranges.some(([lo, hi]) => v >= lo && v <= hi));
    return this.b.char((x) => x !== "/" && inSet(x) !== negated);
  }

  private braceHasComma(): boolean {
    const g = this.glob;
    let depth = 0;
    for (let j = this.i; j < g.length; j++) {
      const c = g[j];
      if (c === "\\") j++;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) return false;
      else if (c === "," && depth === 1) return this.braceCloses(j);
    }
    return false;
  }

  private braceCloses(from: number): boolean {
    const g = this.glob;
    let depth = 1;
    for (let j = from; j < g.length; j++) {
      const c = g[j];
      if (c === "\\") j++;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) return true;
    }
    return false;
  }

  private braces(): Fragment {
    const options: Fragment[] = [];
    this.i++; // {
    for (;;) {
      options.push(this.sequence(true));
      const c = this.glob[this.i];
      this.i++;
      if (c !== ",") break; // `}` (braceHasComma made sure it closes)
    }
    return this.b.alt(options);
  }
}

/** Compiles a glob; `ignoreCase` for rule ids and resource names. Throws GlobError for an over-long glob. */
export function compileGlob(glob: string, ignoreCase = false, maxLength = MAX_GLOB_LENGTH): Glob {
  if (glob.length > maxLength) throw new GlobError(`glob longer than ${maxLength} characters`);
  let body = glob;
  let negated = false;
  while (body.startsWith("!")) {
    negated = !negated;
    body = body.slice(1);
  }
  if (body.startsWith("./")) body = body.slice(2);
  const b = new Builder();
  const whole = new Parser(body, b, ignoreCase).sequence(false);
  b.states.push({ kind: "match" });
  for (const exit of whole.exits) exit(b.states.length - 1);
  const states = b.states;
  const match = states.length - 1;

  // The states reachable from each state without reading a character (the ones that read one, or
  // the match), worked out once per state on first use.
  const closures: Array<number[] | undefined> = new Array(states.length);
  const closure = (from: number): number[] => {
    const known = closures[from];
    if (known) return known;
    const reach: number[] = [];
    const seen = new Uint8Array(states.length);
    const stack = [from];
    while (stack.length > 0) {
      const k = stack.pop()!;
      if (seen[k]) continue;
      seen[k] = 1;
      const st = states[k]!;
      if (st.kind === "split") for (let n = st.next.length - 1; n >= 0; n--) stack.push(st.next[n]!);
      else reach.push(k);
    }
    closures[from] = reach;
    return reach;
  };

  // Which states are already in the next step's set: stamped with a step number that never
  // repeats, so the array is reused across calls without clearing.
  const mark = new Float64Array(states.length).fill(-1);
  let stamp = 0;
  const run = (text: string): boolean => {
    // A step visits each state at most once: time is linear in the text for a given glob.
    let list = closure(whole.start);
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      const step = stamp++;
      const nextList: number[] = [];
      for (const k of list) {
        const st = states[k]!;
        if (st.kind !== "char" || !st.test(ch)) continue;
        for (const t of closure(st.next)) {
          if (mark[t] === step) continue;
          mark[t] = step;
          nextList.push(t);
        }
      }
      if (nextList.length === 0) return false;
      list = nextList;
    }
    return list.includes(match);
  };
  // As picomatch: the empty string never matches.
  const matches = (text: string) => text !== "" && run(text);
  return { source: glob, test: (text: string) => matches(text) !== negated };
}
