/**
 * A stand-in for the scan worker (src/scan/worker.ts), speaking its protocol: ready message, then
 * one answer per batch. For each file named `hold-<MiB>.json` it keeps that many MiB of live arrays
 * on its heap before answering, so a test can bring a worker to its heap limit and past it. Once
 * ready it creates the first file, so that the test's own thread knows when to let the worker in.
 */
import { writeFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";

const files = (workerData as { files: string[] }).files;
const kept: number[][] = [];
const port = parentPort!;
port.on("message", (batch: number[]) => {
  for (const i of batch) {
    const mib = Number(/hold-(\d+)\.json$/.exec(files[i]!)?.[1] ?? 0);
    // 1 MiB per array: 131,072 doubles of 8 bytes, unboxed in one backing store.
    for (let k = 0; k < mib; k++) kept.push(new Array<number>(131072).fill(k + 0.5));
  }
  port.postMessage(batch.map((i) => [i, { file: files[i], kind: "template", findings: [], notices: [] }]));
});
port.postMessage([]);
writeFileSync(files[0]!, "");
