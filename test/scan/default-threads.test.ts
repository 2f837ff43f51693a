import { test } from "uvu";
import * as assert from "uvu/assert";
import { defaultThreads } from "../../src/scan/parallel.js";

// The default `--jobs`: a worker pays off only on a core other processes leave idle (docs/performance.md).

test("one thread for few files, whatever the cores", () => {
  assert.is(defaultThreads(15, 8, 0), 1);
  assert.is(defaultThreads(0, 2), 1);
});

test("one thread per idle core for many files: all on a quiet machine, one when every core is busy", () => {
  assert.is(defaultThreads(500, 2), 2);
  assert.is(defaultThreads(500, 2, 0.3), 2);
  assert.is(defaultThreads(500, 2, 1.2), 1);
  assert.is(defaultThreads(500, 2, 7), 1);
  assert.is(defaultThreads(500, 8, 3.5), 5);
});

test.run();
