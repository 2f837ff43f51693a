import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { collectFiles } from "../../src/scan/collect.js";
import { tempDir } from "../../scripts/temp-dir.js";

/**
 * A work tree with .gitignore files, walked by the scanner and listed by git itself: the JSON files
 * git does not ignore (`git ls-files --others --exclude-standard`, with no global or per-repository
 * excludes) must be exactly the ones the walk keeps.
 */
function compareWithGit(gitignores: Record<string, string>, files: string[]): void {
  const dir = tempDir("acs-gitignore-git-");
  execFileSync("git", ["init", "-q"], { cwd: dir });
  for (const [at, text] of Object.entries(gitignores)) {
    mkdirSync(join(dir, at, ".."), { recursive: true });
    writeFileSync(join(dir, at), text);
  }
  for (const f of files) {
    mkdirSync(join(dir, f, ".."), { recursive: true });
    writeFileSync(join(dir, f), "{}\n");
  }
  const byGit = execFileSync("git", ["-c", "core.excludesFile=/dev/null", "-c", "core.quotePath=false", "ls-files", "--others", "--exclude-standard", "-z"], {
    cwd: dir,
    encoding: "utf8",
  })
    .split("\0")
    .filter((f) => f.endsWith(".json"))
    .sort();
  const walked = collectFiles([dir])
    .files.map((f) => relative(dir, f).split(sep).join("/"))
    .sort();
  assert.equal(walked, byGit, JSON.stringify(gitignores));
}

test("the walk keeps what git keeps: names at any depth, anchored and directory-only patterns, nested files, negation", () => {
  compareWithGit({ ".gitignore": "build/\n/top.json\n*.local.json\ndocs/*.json\n", "infra/.gitignore": "generated\n!generated.json\n" }, [
    "top.json",
    "a/top.json",
    "build/x.json",
    "a/build/y.json",
    "m.local.json",
    "a/m.local.json",
    "docs/d.json",
    "docs/sub/d.json",
    "infra/generated/g.json",
    "infra/generated.json",
    "infra/main.json",
  ]);
});

test("`dir/**` ignores what is inside, so a negation can re-include a file there (git never ignores `dir` itself)", () => {
  compareWithGit({ ".gitignore": "vendor/**\n!vendor/keep.json\n" }, ["vendor/keep.json", "vendor/drop.json", "vendor/deep/drop.json", "main.json"]);
});

test("`\\!` and `\\#` start literal names; braces are literal in .gitignore", () => {
  compareWithGit({ ".gitignore": "\\!a/b.json\n\\#c.json\nx{1,2}.json\n" }, ["!a/b.json", "#c.json", "x1.json", "x{1,2}.json", "keep.json", "a/b.json"]);
});

test("`*` and `?` never cross a folder; `**/` in the middle matches zero or more folders", () => {
  compareWithGit({ ".gitignore": "a/*/x.json\nb/**/y.json\nc?.json\n" }, [
    "a/1/x.json",
    "a/1/2/x.json",
    "b/y.json",
    "b/1/2/y.json",
    "c1.json",
    "c/1.json",
    "d/c2.json",
  ]);
});

test("nested files override their parents; anchored directory patterns in a nested file; ** in the middle; escaped trailing space", () => {
  compareWithGit(
    {
      ".gitignore": "*.json\n!keep*.json\nsrc/**/gen\ntrail.json\\ \n",
      "src/.gitignore": "!*.json\n/build/\nkeep2.json\n",
      "src/a/.gitignore": "*.json\n!a.json\n",
    },
    [
      "x.json",
      "keep1.json",
      "keep2.json",
      "src/x.json",
      "src/keep2.json",
      "src/build/b.json",
      "src/a/build/b.json",
      "src/a/a.json",
      "src/a/z.json",
      "src/q/gen/g.json",
      "src/gen/g.json",
      "gen/g.json",
      "trail.json ",
      "trail.json",
    ],
  );
});

test.run();
