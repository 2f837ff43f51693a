import type { FileError, Notice, Severity } from "../../src/browser/index.js";
import type { LineMark } from "./editor.js";
import type { ShownFinding } from "./protocol.js";

const SEVERITY_ORDER: readonly Severity[] = ["critical", "high", "medium", "low", "info"];

/**
 * The findings list: one button per finding (severity, rule, line, message) that moves the editor
 * to the finding's line; then the run's errors and notices.
 */
export function renderFindings(list: HTMLElement, findings: readonly ShownFinding[], goTo: (line: number, column: number) => void): void {
  list.replaceChildren(
    ...findings.map((f) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = `finding severity-${f.severity}${f.suppression ? " suppressed" : ""}`;
      button.dataset["rule"] = f.ruleId;
      button.dataset["line"] = String(f.range.start.line);
      button.dataset["fingerprint"] = f.fingerprint;
      button.dataset["status"] = f.status;
      const head = document.createElement("span");
      head.className = "head";
      head.append(badge(f.severity), ` ${f.ruleId} `, status(f), `line ${f.range.start.line}`);
      const message = document.createElement("span");
      message.className = "message";
      message.textContent = f.message;
      button.append(head, message);
      button.title = f.remediation;
      button.addEventListener("click", () => goTo(f.range.start.line, f.range.start.column));
      item.append(button);
      return item;
    }),
  );
}

/** Errors first, then notices, each with where it is. */
export function renderProblems(list: HTMLElement, errors: readonly FileError[], notices: readonly Notice[]): void {
  list.replaceChildren(
    ...errors.map((e) => item("error", `${e.line ? `line ${e.line}: ` : ""}${e.message}`)),
    ...notices.map((n) => item("notice", `${n.kind}${n.pointer ? ` at ${n.pointer}` : ""}: ${n.message}`)),
  );
}

/** One mark per line that has findings: its most severe one. */
export function lineMarks(findings: readonly ShownFinding[]): LineMark[] {
  const byLine = new Map<number, ShownFinding[]>();
  for (const f of findings) byLine.set(f.range.start.line, [...(byLine.get(f.range.start.line) ?? []), f]);
  return [...byLine].map(([line, here]) => {
    const worst = [...here].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity))[0]!;
    return { line, severity: worst.severity, title: here.map((f) => `${f.ruleId}: ${f.message}`).join("\n") };
  });
}

function badge(severity: Severity): HTMLElement {
  const span = document.createElement("span");
  span.className = `badge severity-${severity}`;
  span.textContent = severity;
  return span;
}

function status(f: ShownFinding): string {
  if (f.suppression) return "(suppressed) ";
  return f.status === "unknown" ? "(unknown) " : "";
}

function item(kind: string, text: string): HTMLElement {
  const li = document.createElement("li");
  li.className = kind;
  li.textContent = text;
  return li;
}
