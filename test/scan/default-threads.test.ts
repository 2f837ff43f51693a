import { test } from "uvu";
import * as assert from "uvu/assert";
import { defaultThreads } from "../../src/scan/parallel.js";

// The default `--jobs`: a thread keeps about two cores busy (itself, V8's compiler and collector),
// so a worker pays off only with two more cores idle (docs/performance.md).

test("one thread for few files, whatever the cores", () => {
  assert.is(defaultThreads(15, 8, 0), 1);
  assert.is(defaultThreads(0, 2), 1);
});

test("one thread per two idle cores for many files: one on two cores, none added when the cores are busy", () => {
  assert.is(defaultThreads(500, 2), 1);
  assert.is(defaultThreads(500, 3), 1);
  assert.is(defaultThreads(500, 4), 2);
  assert.is(defaultThreads(500, 4, 0.5), 1);
  assert.is(defaultThreads(500, 4, 7), 1);
  assert.is(defaultThreads(500, 8, 3.5), 2);
  assert.is(defaultThreads(500, 16), 8);
});

test.run();
