import { createRequire } from "node:module";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compileGlob, MAX_GLOB_LENGTH } from "../../src/config/index.js";

// picomatch, the matcher most JavaScript tools use, is the oracle (a devDependency only).
const picomatch = createRequire(import.meta.url)("picomatch") as (glob: string, options?: object) => (text: string) => boolean;

/** A small deterministic random generator, so a failure names a case that reproduces. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

// `[!a]` is left out: it is negated here, as in .gitignore, where picomatch reads `!` as a member.
const PATTERN_PARTS = ["a", "b", "ab", ".", "/", "*", "**", "?", "[ab]", "[^a]", "[a-c]", "{a,b}", "{a,**}", "{*.x,b/**}", "\\*", "-", "x"];
const TEXT_PARTS = ["a", "b", "c", "x", ".x", "-", "/", "*", "ab", "a.x", "b.x"];

function pick<T>(rnd: () => number, from: readonly T[], n: number): T[] {
  return Array.from({ length: n }, () => from[Math.floor(rnd() * from.length)]!);
}

/** Paths as the scanner gives them: relative, no `.`, `..` or empty segments, no trailing slash. */
const wellFormed = (t: string) => t !== "" && t.split("/").every((s) => s !== "" && s !== "." && s !== "..");

test("same answers as picomatch (dot: true) on thousands of generated globs and paths", () => {
  const rnd = random(14);
  let compared = 0;
  const mismatches: string[] = [];
  for (let i = 0; i < 600; i++) {
    const glob = (rnd() < 0.1 ? "!" : "") + pick(rnd, PATTERN_PARTS, 1 + Math.floor(rnd() * 5)).join("");
    const ours = compileGlob(glob);
    const theirs = picomatch(glob, { dot: true });
    for (let j = 0; j < 25; j++) {
      const text = pick(rnd, TEXT_PARTS, 1 + Math.floor(rnd() * 5)).join("");
      if (!wellFormed(text)) continue;
      compared++;
      if (ours.test(text) !== theirs(text)) mismatches.push(`${JSON.stringify(glob)} ${JSON.stringify(text)}: picomatch ${theirs(text)}`);
    }
  }
  assert.ok(compared > 5000, `${compared} comparisons`);
  // Ignoring case, as rule ids and resource names are matched.
  for (let i = 0; i < 300; i++) {
    const glob = pick(rnd, [...PATTERN_PARTS, "A", "B", "[A-C]", "{A,b}"], 1 + Math.floor(rnd() * 4)).join("");
    const ours = compileGlob(glob, true);
    const theirs = picomatch(glob, { dot: true, nocase: true });
    for (let j = 0; j < 10; j++) {
      const text = pick(rnd, [...TEXT_PARTS, "A", "B", "C", "X"], 1 + Math.floor(rnd() * 4)).join("");
      if (wellFormed(text) && ours.test(text) !== theirs(text))
        mismatches.push(`nocase ${JSON.stringify(glob)} ${JSON.stringify(text)}: picomatch ${theirs(text)}`);
    }
  }
  assert.equal(mismatches.slice(0, 20), []);
});

test("the cases people write: braces, classes, negation, ** as zero or more folders, ? never /", () => {
  const cases: Array<[string, string, boolean]> = [
    ["**/*.json", "main.json", true],
    ["**/*.json", "infra/app/main.json", true],
    ["infra/**/*.json", "infra/main.json", true],
    ["infra/**", "infra", true],
    ["*.{json,jsonc}", "main.jsonc", true],
    ["*.{json,jsonc}", "main.bicep", false],
    ["env/[ab]/main.json", "env/a/main.json", true],
    ["env/[ab]/main.json", "env/c/main.json", false],
    ["!**/test/**", "infra/main.json", true],
    ["!**/test/**", "infra/test/main.json", false],
    ["a?c", "a/c", false],
    ["a*c", "a/c", false],
    ["**/node_modules/**", "x/node_modules/y/z.json", true],
    ["**/*.json", ".github/x.json", true],
  ];
  for (const [glob, text, expected] of cases) {
    assert.is(compileGlob(glob).test(text), expected, `${glob} ${text}`);
    assert.is(picomatch(glob, { dot: true })(text), expected, `picomatch agrees: ${glob} ${text}`);
  }
  assert.ok(compileGlob("ACS-NET-*", true).test("acs-net-001"), "ignoring case for rule ids");
  assert.ok(compileGlob("env/[!a]/x").test("env/b/x"), "[!a] negates, as in .gitignore");
  assert.not.ok(compileGlob("env/[!a]/x").test("env/a/x"));
  assert.not.ok(compileGlob("ACS-NET-*").test("acs-net-001"));
});

test("linear time: template-controlled globs that make backtracking matchers explode", () => {
  const text = "a".repeat(5_000);
  const hostile = ["*".repeat(500) + "Z", "**/".repeat(200) + "Z", "*a".repeat(300) + "Z", "{a,a}".repeat(100) + "Z", "{*,a*}".repeat(100) + "Z"];
  for (const glob of hostile) {
    // One pass over the text with at most one visit per automaton state per character: these
    // finish in milliseconds; a backtracking regular expression would not finish at all.
    assert.is(compileGlob(glob).test(text), false, glob.slice(0, 20));
  }
  assert.throws(() => compileGlob("a".repeat(MAX_GLOB_LENGTH + 1)), /longer than/);
});

test.run();
