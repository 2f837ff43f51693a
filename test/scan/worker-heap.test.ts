import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { tempDir } from "../../scripts/temp-dir.js";
import { loadEngine } from "../../src/node/index.js";
import { scanShared, WORKER_LIMITS } from "../../src/scan/parallel.js";

// The worker heap limit (docs/security.md), at its value and just past it, through the pool's own
// code: a stand-in worker holds the heap a file asks for. V8 counts its own objects in the same
// heap, so "at the value" is the limit less 16 MiB of them, "past" 16 MiB over it.
const module = loadEngine().compiledModule;
const hog = new URL("../support/heap-hog-worker.js", import.meta.url);

/** The result for a file the stand-in worker holds `mib` MiB for. */
async function holding(mib: number) {
  // This thread takes the first file and waits until the worker has created it (it is ready), then
  // yields: the worker's ready message takes it the rest. Padding allows two yields' delay.
  const dir = tempDir("acs-worker-heap-");
  const ready = join(dir, "ready");
  const scanHere = (file: string) => {
    if (file === ready) {
      for (let waited = 0; !existsSync(ready) && waited < 60_000; waited += 10) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    } else if (!file.startsWith("pad-")) throw new Error("the worker never took the held file");
    return { file, kind: "template" as const, findings: [], notices: [] };
  };
  const results = await scanShared([ready, "pad-1.json", "pad-2.json", `hold-${mib}.json`], 1, {}, module, {}, scanHere, undefined, hog);
  return results.at(-1)!;
}

test("the limit is 1 GiB", () => {
  assert.is(WORKER_LIMITS.maxOldGenerationSizeMb, 1024);
});

test("a worker holding its heap limit (less V8's own 16 MiB) answers", async () => {
  const r = await holding(WORKER_LIMITS.maxOldGenerationSizeMb - 16);
  assert.is(r.kind, "template", r.error?.message);
});

test("a worker past its heap limit costs its file, reported in our words", async () => {
  const r = await holding(WORKER_LIMITS.maxOldGenerationSizeMb + 16);
  assert.is(r.kind, "error");
  assert.is(r.error?.message, "the scan worker holding this file stopped (ran out of its 1024 MiB heap); it was not scanned");
});

test.run();
