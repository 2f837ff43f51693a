import type { RuleMeta } from "../catalog/index.js";
import type { Excerpt, Finding, ScanReport, TraceStep, Verdict, VerdictKind } from "../model/index.js";
import { subjectKey } from "../evidence/index.js";
import { areaCounts, type AreaCounts } from "./areas.js";
import { xmlText as esc } from "./escape.js";
import { HTML_STYLE } from "./html-style.js";
import { relativePath } from "./paths.js";
import type { FormatContext, Formatter } from "./types.js";

const KINDS: readonly VerdictKind[] = ["pass", "fail", "unknown", "suppressed"];
const MARK: Record<VerdictKind, string> = { pass: "✓", fail: "✗", unknown: "?", suppressed: "S" };

/**
 * A compliance report for people, in one self-contained HTML file (inline style and SVG, no
 * scripts, no network): totals, a summary per baseline area with a bar chart, a matrix of
 * resources × rules coloured by verdict, and each verdict's details (template excerpt, provenance,
 * the baseline statement and the fix in ARM and Bicep). It renders the run's evidence; a report
 * recorded without it shows the findings only.
 */
export const formatHtml: Formatter = (report, ctx) => {
  const rules = new Map(ctx.catalog.rules.map((r) => [r.id, r]));
  const verdicts = report.evidence?.verdicts ?? [];
  const byFingerprint = new Map(report.findings.map((f) => [f.fingerprint, f]));
  const where = (file: string, line: number) => `${relativePath(file, ctx)}:${line}`;
  const body = [
    `<a class="skip" href="#matrix">Skip to the matrix</a>`,
    `<header><h1>ACS security baseline: compliance report</h1>`,
    `<p class="meta">${esc(ctx.tool.name)} ${esc(ctx.tool.version)} · ${report.summary.filesScanned} template(s) scanned · ${esc(ctx.time.end.toISOString())}</p></header>`,
    `<nav aria-label="Sections"><a href="#areas">Areas</a> · <a href="#matrix">Matrix</a> · <a href="#details">Details</a> · <a href="#rules">Rules</a></nav>`,
    totals(report, verdicts),
    areas(areaCounts(report, ctx.catalog), report.evidence !== undefined),
    notApplicable(report, rules),
    matrix(verdicts, rules, where),
    `<section id="details" aria-labelledby="details-h"><h2 id="details-h">Details</h2>`,
    ...verdicts.map((v, i) => detail(v, i, rules.get(v.ruleId), byFingerprint, where)),
    verdicts.length === 0 ? findingsOnly(report.findings, where) : "",
    `</section>`,
    ruleSections(verdicts, rules),
    errors(report, ctx),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>ACS security baseline: compliance report</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<main>
${body.filter((s) => s !== "").join("\n")}
</main>
</body>
</html>
`;
};

function totals(report: ScanReport, verdicts: readonly Verdict[]): string {
  if (!report.evidence) {
    const s = report.summary;
    return `<ul class="totals" aria-label="Totals"><li><strong data-count="fail">${s.fail}</strong>fail</li><li><strong data-count="unknown">${s.unknown}</strong>unknown</li><li><strong data-count="suppressed">${s.suppressed}</strong>suppressed</li></ul><p>Recorded without evidence: passes are not shown.</p>`;
  }
  const items = KINDS.map(
    (k) => `<li><strong data-count="${k}">${verdicts.filter((v) => v.verdict === k).length}</strong><span class="badge ${k}">${k}</span></li>`,
  );
  items.push(`<li><strong data-count="not-applicable">${report.evidence.notApplicable.length}</strong>rules not applicable</li>`);
  return `<ul class="totals" aria-label="Verdicts of every rule on every resource it applies to">${items.join("")}</ul>`;
}

function areas(rows: readonly AreaCounts[], withPass: boolean): string {
  const head = `<tr><th scope="col">Area</th><th scope="col">Rules</th>${withPass ? `<th scope="col">Pass</th>` : ""}<th scope="col">Fail</th><th scope="col">Unknown</th><th scope="col">Suppressed</th><th scope="col">Chart</th></tr>`;
  const row = (r: AreaCounts) =>
    `<tr data-area="${esc(r.area)}"><th scope="row">${esc(r.area)}</th><td>${r.rules}</td>${withPass ? `<td>${r.pass ?? 0}</td>` : ""}<td>${r.fail}</td><td>${r.unknown}</td><td>${r.suppressed}</td><td>${bar(r)}</td></tr>`;
  const legend = `<p class="legend">${KINDS.map((k) => `<span style="--c: var(--${k})">${k}</span>`).join("")}</p>`;
  return `<section id="areas" aria-labelledby="areas-h"><h2 id="areas-h">Summary by baseline area</h2><table><thead>${head}</thead><tbody>${rows.map(row).join("")}</tbody></table>${legend}</section>`;
}

/** A stacked bar of an area's verdicts, as inline SVG with a text alternative. */
function bar(r: AreaCounts): string {
  const parts: Array<[VerdictKind, number]> = [
    ["pass", r.pass ?? 0],
    ["fail", r.fail],
    ["unknown", r.unknown],
    ["suppressed", r.suppressed],
  ];
  const total = parts.reduce((n, [, c]) => n + c, 0);
  const label = parts.map(([k, c]) => `${c} ${k}`).join(", ");
  let x = 0;
  const rects = parts
    .filter(([, c]) => c > 0)
    .map(([k, c]) => {
      const w = (c / total) * 220;
      const rect = `<rect class="${k}" x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="14"><title>${c} ${k}</title></rect>`;
      x += w;
      return rect;
    });
  return `<svg class="bar" viewBox="0 0 220 14" role="img" aria-label="${esc(label)}">${total === 0 ? `<rect class="empty" width="220" height="14"/>` : rects.join("")}</svg>`;
}

function notApplicable(report: ScanReport, rules: ReadonlyMap<string, RuleMeta>): string {
  const na = report.evidence?.notApplicable ?? [];
  if (na.length === 0) return "";
  const items = na.map(
    (n) =>
      `<li><a href="#rule-${esc(n.ruleId)}">${esc(n.ruleId)}</a> ${esc(rules.get(n.ruleId)?.title ?? "")}: looks for ${n.resourceTypes.map((t) => `<code>${esc(t)}</code>`).join(", ")}</li>`,
  );
  return `<section id="not-applicable" aria-labelledby="na-h"><h2 id="na-h">Not applicable (no resource of their types)</h2><ul>${items.join("")}</ul></section>`;
}

function subjectName(v: Verdict): string {
  return v.subject.kind === "template"
    ? `template ${v.subject.name}`
    : `${"type" in v.subject && v.subject.type ? v.subject.type : v.subject.kind} '${v.subject.name}'`;
}

function matrix(verdicts: readonly Verdict[], rules: ReadonlyMap<string, RuleMeta>, where: (file: string, line: number) => string): string {
  if (verdicts.length === 0) return `<section id="matrix" tabindex="-1"><h2>Matrix</h2><p>No evidence was recorded.</p></section>`;
  const ruleIds = [...rules.keys()].filter((id) => verdicts.some((v) => v.ruleId === id));
  const rows = new Map<string, { label: string; file: string; line: number; cells: Map<string, number> }>();
  verdicts.forEach((v, i) => {
    const key = subjectKey(v);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { label: subjectName(v), file: v.file, line: v.range.start.line, cells: new Map() }));
    row.cells.set(v.ruleId, i);
  });
  const head = `<tr><th scope="col">Resource</th>${ruleIds.map((id) => `<th scope="col" title="${esc(rules.get(id)!.title)}">${esc(id)}</th>`).join("")}</tr>`;
  const body = [...rows.values()].map((row) => {
    const cells = ruleIds.map((id) => {
      const i = row.cells.get(id);
      if (i === undefined) return `<td class="na" title="not applicable">·</td>`;
      const v = verdicts[i]!;
      return `<td class="${v.verdict}"><a class="cell ${v.verdict}" href="#v-${i}" aria-label="${esc(`${id} on ${row.label}: ${v.verdict}`)}" data-verdict="${v.verdict}">${MARK[v.verdict]}</a></td>`;
    });
    return `<tr><th scope="row">${esc(row.label)}<br><span class="where">${esc(where(row.file, row.line))}</span></th>${cells.join("")}</tr>`;
  });
  return `<section id="matrix" tabindex="-1" aria-labelledby="matrix-h"><h2 id="matrix-h">Resources × rules</h2><div class="matrix"><table><thead>${head}</thead><tbody>${body.join("")}</tbody></table></div></section>`;
}

function detail(
  v: Verdict,
  i: number,
  rule: RuleMeta | undefined,
  findings: ReadonlyMap<string, Finding>,
  where: (file: string, line: number) => string,
): string {
  const parts = [
    `<section class="detail" id="v-${i}" tabindex="-1" data-verdict="${v.verdict}" aria-labelledby="v-${i}-h">`,
    `<h3 id="v-${i}-h"><span class="badge ${v.verdict}">${v.verdict}</span> ${esc(v.ruleId)} ${esc(rule?.title ?? "")}</h3>`,
    `<p>${esc(subjectName(v))} · <span class="where">${esc(where(v.file, v.range.start.line))}</span> · <a href="#rule-${esc(v.ruleId)}">about the rule</a> · <a href="#matrix">back to the matrix</a></p>`,
  ];
  if (v.excerpt) parts.push(excerpt(v.excerpt));
  for (const fp of v.findings) {
    const f = findings.get(fp);
    if (!f) continue;
    const accepted = f.suppression ? ` <em>(suppressed, ${esc(f.suppression.kind)}: ${esc(f.suppression.justification)})</em>` : "";
    parts.push(`<p><strong>${esc(f.status)}</strong>: ${esc(f.message)}${accepted}</p>`, trace(f.trace ?? [], where));
  }
  if (v.verdict === "pass") {
    parts.push(
      v.evidence.length === 0
        ? `<p>The rule found nothing to object to.</p>`
        : `<p>Evidence (the properties the rule's fix sets):</p>${v.evidence.map((e) => `<p><code>${esc(e.label)}</code> = <code>${esc(e.value ?? "not set")}</code></p>${trace(e.trace, where)}`).join("")}`,
    );
  } else if (rule) {
    parts.push(ruleBody(rule));
  }
  parts.push(`</section>`);
  return parts.join("\n");
}

function trace(steps: readonly TraceStep[], where: (file: string, line: number) => string): string {
  if (steps.length === 0) return "";
  const items = steps.map(
    (s) =>
      `<li style="margin-left:${s.depth}em">${s.depth > 0 ? "← " : ""}${esc(s.label)}${s.waitsOn ? " <strong>(waits on this)</strong>" : ""} <span class="where">${esc(`${where(s.file, s.range.start.line)}:${s.range.start.column}`)}</span></li>`,
  );
  return `<ol class="trace" aria-label="Where the value comes from">${items.join("")}</ol>`;
}

function excerpt(x: Excerpt): string {
  const width = String(x.startLine + x.lines.length).length;
  const lines = x.lines.map((l, k) => {
    const n = x.startLine + k;
    const text = `<span class="n">${String(n).padStart(width)} </span>${esc(l)}`;
    return n === x.focusLine ? `<span class="focus">${text}</span>` : text;
  });
  return `<pre aria-label="Template excerpt">${lines.join("\n")}</pre>`;
}

function ruleBody(rule: RuleMeta): string {
  return [
    `<blockquote><p>${esc(rule.baselineQuote)}</p><footer>ACS security baseline: ${esc(rule.baseline.join("; "))}</footer></blockquote>`,
    `<p><strong>Fix:</strong> ${esc(rule.remediation)}</p>`,
    `<div class="fixes"><div><p>ARM</p><pre>${esc(rule.fix.arm)}</pre></div><div><p>Bicep</p><pre>${esc(rule.fix.bicep)}</pre></div></div>`,
  ].join("\n");
}

function ruleSections(verdicts: readonly Verdict[], rules: ReadonlyMap<string, RuleMeta>): string {
  const sections = [...rules.values()].map((r) => {
    const n = (k: VerdictKind) => verdicts.filter((v) => v.ruleId === r.id && v.verdict === k).length;
    return `<section class="detail" id="rule-${esc(r.id)}" tabindex="-1"><h3>${esc(r.id)} ${esc(r.title)} <small>(${esc(r.severity)})</small></h3><p>${esc(r.description)}</p><p>${KINDS.map((k) => `${n(k)} ${k}`).join(" · ")}</p>${ruleBody(r)}</section>`;
  });
  return `<section id="rules" aria-labelledby="rules-h"><h2 id="rules-h">Rules</h2>${sections.join("\n")}</section>`;
}

function findingsOnly(findings: readonly Finding[], where: (file: string, line: number) => string): string {
  return findings
    .map(
      (f) =>
        `<div class="detail"><h3>${esc(f.ruleId)} ${esc(f.title)}: ${esc(f.status)}</h3><p>${esc(f.message)} <span class="where">${esc(where(f.file, f.range.start.line))}</span></p>${trace(f.trace ?? [], where)}</div>`,
    )
    .join("\n");
}

function errors(report: ScanReport, ctx: FormatContext): string {
  if (report.errors.length === 0) return "";
  const items = report.errors.map((e) => `<li><code>${esc(relativePath(e.file, ctx))}</code>: ${esc(e.message)}</li>`);
  return `<section id="errors"><h2>Errors</h2><ul>${items.join("")}</ul></section>`;
}
