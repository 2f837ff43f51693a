import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadEngine } from "../../src/node/index.js";
import { MAX_SOURCE_BYTES } from "../../src/reader/index.js";
import { scanShared } from "../../src/scan/parallel.js";
import { Scanner } from "../../src/scan/index.js";
import { repoPath } from "../helpers.js";
import { tempDir } from "../../scripts/temp-dir.js";

// The Node API's size cap, parameter files, progress and worker threads, each through the API.

const scanner = new Scanner();
const fanout = repoPath("fixtures/cli/fanout");

test("the size cap holds for content handed to the API: at the cap it is read, past it refused", () => {
  const padded = (n: number) => `{}${" ".repeat(n - 2)}`;
  const at = scanner.scanContent("at.json", padded(MAX_SOURCE_BYTES));
  assert.is(at.kind, "unknown", "read (an object that is no template)");
  const past = scanner.scanContent("past.json", padded(MAX_SOURCE_BYTES + 1));
  assert.is(past.kind, "error");
  assert.is(past.error!.message, "file is larger than the 16 MiB limit");
  const bytes = scanner.scanContent("past.json", new TextEncoder().encode(padded(MAX_SOURCE_BYTES + 1)));
  assert.is(bytes.error!.message, "file is larger than the 16 MiB limit");
});

test("parameterFiles: paths and contents, each scanned in turn, instead of the files paired by name", () => {
  const main = join(fanout, "main.json");
  const dev = join(fanout, "main.parameters.dev.json");
  const prod = { path: "given/prod.json", content: readFileSync(join(fanout, "main.parameters.prod.json")) };
  const result = scanner.scanFile(main, { parameterFiles: [dev, prod] });
  assert.is(result.kind, "template");
  const sets = new Set(result.findings.flatMap((f) => f.parameterSets ?? []));
  assert.equal([...sets].sort(), [dev, "given/prod.json"].sort());
  const paired = scanner.scanFile(main);
  assert.ok(
    paired.findings.some((f) => f.parameterSets?.includes(join(fanout, "main.parameters.prod.json"))),
    "by default the files paired by name",
  );
  const wrong = scanner.scanFile(main, { parameterFiles: [main] });
  assert.match(wrong.error!.message, "is not a parameter file");
});

test("progress: from 0 of all files, one step per file, to all of them", async () => {
  const seen: Array<[number, number]> = [];
  const report = await scanner.scanPathsAsync([fanout, repoPath("fixtures/cli/compliant.json")], {
    workers: 1,
    onProgress: (done, total) => seen.push([done, total]),
  });
  const total = report.files.length;
  assert.ok(total >= 4);
  assert.equal(
    seen,
    Array.from({ length: total + 1 }, (_, i) => [i, total]),
  );
});

test("a worker that dies costs the files it held, each an error; the run goes on and keeps its order", async () => {
  const dir = tempDir("acs-workers-");
  const files = Array.from({ length: 40 }, (_, i) => {
    const file = join(dir, `t${String(i).padStart(2, "0")}.json`);
    copyFileSync(repoPath("fixtures/cli/compliant.json"), file);
    return file;
  });
  const post = Worker.prototype.postMessage;
  let batches = 0;
  // Being handed work kills the worker, as an out-of-memory or a native crash would.
  Worker.prototype.postMessage = function (this: Worker, value: unknown) {
    post.call(this, value);
    batches++;
    void this.terminate();
  };
  const slow = (file: string) => {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50); // this thread leaves work for the worker
    return scanner.scanFile(file);
  };
  try {
    const results = await scanShared(files, 1, {}, loadEngine().compiledModule, {}, slow, undefined);
    assert.is(batches, 2, "a ready worker is handed two batches at once");
    assert.equal(
      results.map((r) => r.file),
      files,
      "every file, in order",
    );
    const lost = results.filter((r) => r.kind === "error");
    assert.ok(lost.length >= 1 && lost.length <= 8, `the worker's batch is lost (${lost.length})`);
    for (const r of lost) assert.match(r.error!.message, /^the scan worker holding this file stopped \(exit code 1\); it was not scanned$/);
    assert.ok(results.filter((r) => r.kind === "template").length >= 32, "the others are scanned");
  } finally {
    Worker.prototype.postMessage = post;
  }
});

test.run();
