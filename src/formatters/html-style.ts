/**
 * The compliance report's style sheet, inline so that the file stands alone (no network, no fonts):
 * light and dark by `prefers-color-scheme`, visible keyboard focus, and a print layout that shows
 * every detail and the links' targets.
 */
export const HTML_STYLE = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
  --pass: #1a7f37; --fail: #cf222e; --unknown: #9a6700; --suppressed: #6e7781; --na: #eaeef2; --focus: #0969da; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23;
    --pass: #3fb950; --fail: #f85149; --unknown: #d29922; --suppressed: #9198a1; --na: #212830; --focus: #4493f8; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
a { color: var(--focus); }
a:focus-visible, [tabindex]:focus-visible, summary:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; } .skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; } h2 { border-bottom: 1px solid var(--line); padding-bottom: .25rem; margin-top: 2rem; }
.meta { color: var(--muted); margin-top: 0; }
.totals { display: flex; flex-wrap: wrap; gap: .75rem; padding: 0; list-style: none; }
.totals li { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; background: var(--panel); min-width: 8rem; }
.totals strong { display: block; font-size: 1.5rem; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--panel); }
.matrix { overflow-x: auto; } .matrix td { text-align: center; padding: 0; } .matrix th[scope=col] { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-weight: 500; }
.cell { display: block; padding: .3rem .4rem; text-decoration: none; font-weight: 700; color: #fff; }
.pass { background: var(--pass); } .fail { background: var(--fail); } .unknown { background: var(--unknown); } .suppressed { background: var(--suppressed); } .na { background: var(--na); color: var(--muted); }
.badge { display: inline-block; border-radius: 1em; padding: 0 .6em; color: #fff; font-size: .85em; font-weight: 600; }
.legend { display: flex; gap: 1rem; flex-wrap: wrap; color: var(--muted); } .legend span::before { content: ""; display: inline-block; width: .9em; height: .9em; margin-right: .3em; vertical-align: -.1em; border-radius: 2px; background: var(--c); }
svg.bar { width: 220px; height: 14px; display: block; } svg.bar rect.empty { fill: var(--na); }
svg.bar rect.pass { fill: var(--pass); } svg.bar rect.fail { fill: var(--fail); } svg.bar rect.unknown { fill: var(--unknown); } svg.bar rect.suppressed { fill: var(--suppressed); }
.detail { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem 1rem; margin: 1rem 0; break-inside: avoid; }
.detail:target { outline: 3px solid var(--focus); }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .5rem; overflow-x: auto; font: 13px/1.45 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
pre .focus { background: color-mix(in srgb, var(--fail) 22%, transparent); display: inline-block; min-width: 100%; }
pre .n { color: var(--muted); user-select: none; }
ol.trace { margin: .25rem 0; } ol.trace li { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
.where { color: var(--muted); } blockquote { margin: .5rem 0; padding: .25rem 1rem; border-left: 4px solid var(--line); color: var(--muted); }
.fixes { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1rem; }
@media print {
  :root { --bg: #fff; --fg: #000; --panel: #fff; }
  body { max-width: none; padding: 0; font-size: 11pt; } .skip, nav { display: none; }
  .cell, .badge, .legend span::before, svg rect { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .detail { page-break-inside: avoid; } a[href^="#"] { text-decoration: none; color: inherit; }
  pre { white-space: pre-wrap; }
}
`;
