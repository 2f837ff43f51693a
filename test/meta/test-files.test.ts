import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { repoPath } from "../helpers.js";

// uvu runs the tests registered before `test.run()`; one registered after it never runs and never
// fails (two such tests went unnoticed). Every test file ends by running what it registered.
test("every test file calls test.run() once, after registering all its tests", () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".test.ts") ? [join(dir, e.name)] : [],
    );
  const wrong = files(repoPath("test")).filter((f) => {
    const text = readFileSync(f, "utf8");
    const runs = text.match(/^test\.run\(\);$/gm) ?? [];
    return runs.length !== 1 || /^test(\.\w+)?\(/m.test(text.slice(text.indexOf("\ntest.run();") + 1 + "test.run();".length));
  });
  assert.equal(wrong, []);
});

test.run();
