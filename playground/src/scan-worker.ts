/**
 * The scanner, off the page's thread so that typing never waits for a scan. Compiles the policy
 * once; makes a scanner again only when the options change.
 */
import { createScannerAsync, ruleCatalog, type BrowserScanner, type ScanOptions } from "../../src/browser/index.js";
import type { ScanRequest, WorkerMessage } from "./protocol.js";
import type { PlaygroundState } from "./state.js";

const post = (message: WorkerMessage) => postMessage(message);
const policy = WebAssembly.compileStreaming(fetch(new URL("policy.wasm", import.meta.url)));
let current: { key: string; scanner: Promise<BrowserScanner> } | undefined;

policy.then(
  () => post({ kind: "ready", rules: ruleCatalog().rules }),
  (e: unknown) => post({ kind: "load-failed", message: `cannot load the rule pack: ${String(e)}` }),
);

addEventListener("message", async (event: MessageEvent<ScanRequest>) => {
  const { id, state } = event.data;
  let scanner: BrowserScanner;
  try {
    scanner = await scannerFor(state);
  } catch (e) {
    post({ kind: "options-invalid", id, message: e instanceof Error ? e.message : String(e) });
    return;
  }
  const report = scanner.report([scanner.scanText(state.text, state.file)]);
  post({
    kind: "scanned",
    id,
    findings: report.findings.map((f) => ({ ...f, failing: scanner.isFailing(f) })),
    errors: report.errors,
    notices: report.notices,
    summary: report.summary,
    json: scanner.format(report, "json"),
    sarif: scanner.format(report, "sarif"),
  });
});

function scannerFor(state: PlaygroundState): Promise<BrowserScanner> {
  const options: ScanOptions = {
    rules: state.rules,
    ruleParameters: state.ruleParameters,
    templateParameters: state.templateParameters,
    failOn: state.failOn,
    unknown: state.unknown,
  };
  const key = JSON.stringify(options);
  if (current?.key !== key) current = { key, scanner: policy.then((module) => createScannerAsync({ ...options, policy: module })) };
  return current.scanner;
}
