/**
 * The playground page: an editor, a scanner in a worker, and the views of its result. Every scan
 * runs in this browser; a share link carries the template in the URL fragment, never sent anywhere.
 */
import { Editor } from "./editor.js";
import { lineMarks, renderFindings, renderProblems } from "./findings-view.js";
import type { ScanRequest, WorkerMessage } from "./protocol.js";
import { RulesPanel } from "./rules-panel.js";
import { stateFromFragment, stateToFragment } from "./share.js";
import type { PlaygroundState } from "./state.js";

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const TYPING_PAUSE_MS = 250;

const examples = PLAYGROUND_EXAMPLES;
const fileName = byId<HTMLInputElement>("file-name");
const summary = byId<HTMLElement>("summary");
const editor = new Editor(byId("editor"), () => scanSoon(TYPING_PAUSE_MS));
const panel = new RulesPanel(() => scanSoon(0));
const worker = new Worker(new URL("scan-worker.js", import.meta.url), { type: "module" });

let latest = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let ready = false;

const initial: PlaygroundState = {
  ...exampleState(0),
  rules: {},
  ruleParameters: {},
  templateParameters: {},
  failOn: "low",
  unknown: "warn",
  ...(await stateFromFragment(location.hash)),
};
showTemplate(initial.file, initial.text);
setUpExamples();
setUpTabs();
setUpFileInput();
setUpSharing();

worker.addEventListener("message", (event: MessageEvent<WorkerMessage>) => {
  const message = event.data;
  if (message.kind === "ready") {
    ready = true;
    panel.show(message.rules, initial);
    scanSoon(0);
  } else if (message.kind === "load-failed") {
    summary.textContent = message.message;
  } else if (message.id !== latest) {
    return; // an answer to an older request: a newer one is on its way
  } else if (message.kind === "options-invalid") {
    panel.showError(message.message);
    summary.textContent = "The options are not valid: see Rules & parameters.";
  } else {
    panel.showError(undefined);
    renderFindings(byId("findings"), message.findings, (line, column) => editor.goTo(line, column));
    renderProblems(byId("problems"), message.errors, message.notices);
    editor.mark(lineMarks(message.findings));
    byId("json-output").textContent = message.json;
    byId("sarif-output").textContent = message.sarif;
    summary.textContent = describe(message);
    document.body.dataset["scanned"] = String(message.id); // lets tests wait for a result
  }
});

function currentState(): PlaygroundState | string {
  const options = panel.read();
  if (typeof options === "string") return options;
  return { file: fileName.value.trim() || "template.json", text: editor.text, ...options };
}

function scanSoon(delay: number): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    if (!ready) return;
    const state = currentState();
    if (typeof state === "string") {
      panel.showError(state);
      return;
    }
    const request: ScanRequest = { id: ++latest, state };
    worker.postMessage(request);
  }, delay);
}

function describe(result: Extract<WorkerMessage, { kind: "scanned" }>): string {
  const s = result.summary;
  const counts = `${s.fail} failing, ${s.unknown} unknown, ${s.suppressed} suppressed`;
  const errors = result.errors.length > 0 ? `; ${result.errors.length} error(s)` : "";
  const verdict = s.failing > 0 ? `fails (${s.failing} at or above ${s.failOn})` : "passes";
  return `${result.findings.length} finding(s): ${counts}${errors}. The run ${verdict}.`;
}

function showTemplate(file: string, text: string): void {
  fileName.value = file;
  editor.text = text;
}

function exampleState(index: number): { file: string; text: string } {
  const example = examples[index]!;
  return { file: example.file, text: example.text };
}

function setUpExamples(): void {
  const select = byId<HTMLSelectElement>("example");
  select.append(new Option("(your template)", ""), ...examples.map((e, i) => new Option(e.label, String(i))));
  const shown = examples.findIndex((e) => e.text === initial.text);
  select.value = shown === -1 ? "" : String(shown);
  select.addEventListener("change", () => {
    if (select.value === "") return;
    const example = exampleState(Number(select.value));
    showTemplate(example.file, example.text);
    scanSoon(0);
  });
  fileName.addEventListener("change", () => scanSoon(0));
}

function setUpTabs(): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>("[role=tab]")];
  for (const tab of tabs) {
    tab.addEventListener("click", () => {
      for (const other of tabs) {
        other.setAttribute("aria-selected", String(other === tab));
        byId(other.getAttribute("aria-controls")!).hidden = other !== tab;
      }
    });
  }
}

/** A template from a file: opened with the button or dropped on the editor; read here, never uploaded. */
function setUpFileInput(): void {
  const open = async (file: File | undefined) => {
    if (!file) return;
    showTemplate(file.name, await file.text());
    byId<HTMLSelectElement>("example").value = "";
    scanSoon(0);
  };
  const input = byId<HTMLInputElement>("open-file");
  input.addEventListener("change", () => void open(input.files?.[0]));
  const area = byId("editor");
  area.addEventListener("dragover", (e) => e.preventDefault());
  area.addEventListener("drop", (e) => {
    e.preventDefault();
    void open(e.dataTransfer?.files[0]);
  });
}

function setUpSharing(): void {
  const status = byId("share-status");
  byId("share").addEventListener("click", async () => {
    const state = currentState();
    if (typeof state === "string") {
      status.textContent = state;
      return;
    }
    history.replaceState(null, "", await stateToFragment(state));
    try {
      await navigator.clipboard.writeText(location.href);
      status.textContent = "Link copied: it holds the template itself.";
    } catch {
      status.textContent = "The address bar now holds the link (it holds the template itself).";
    }
  });
}
