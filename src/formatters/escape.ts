/**
 * Escaping of everything a formatter did not write itself: file names, resource names, messages,
 * justifications and expression text all come from the scanned files. Each format escapes for its
 * own syntax, so that no value can end a line, start a GitHub workflow command, paint the terminal,
 * open HTML, or make a document ill-formed.
 */

// C0 and C1 controls (ESC starts ANSI sequences, U+009B is a one-character CSI), DEL, the Unicode
// line and paragraph separators, and the bidirectional overrides that reorder what a reader sees.
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const shown = (c: string) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

// CI runners read logging commands anywhere in a line, not only at its start: Azure Pipelines'
// agent a `##vso[` (setvariable, prependpath...), GitHub's runner a `##[` (its first syntax), each
// found with .NET's culture-sensitive IndexOf, which skips default-ignorable characters (a soft
// hyphen or zero-width space inside `##vso[` still matches). So in every output that may reach a
// CI log, those characters are escapes and the second `#` of such a prefix is an escape too.
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
const LOG_COMMAND = /##(?=\[|vso\[)/gi;
const units = (c: string, unit: (code: number) => string) => Array.from({ length: c.length }, (_, i) => unit(c.charCodeAt(i))).join("");
const jsonUnit = (code: number) => `\\u${code.toString(16).padStart(4, "0")}`;

/**
 * Text with no CI logging command (`##vso[`, `##[`) anywhere, even once invisible characters are
 * skipped: those characters, and the `#` that would complete a prefix, written as `\\uXXXX`. In
 * JSON text (where `#` and those characters occur only inside strings) these are escapes, so the
 * values read back unchanged; elsewhere they are visible escapes.
 */
export function noLogCommands(s: string): string {
  return s.replace(IGNORABLE, (c) => units(c, jsonUnit)).replace(LOG_COMMAND, "#\\u0023");
}

/**
 * For the terminal (text format): control, reordering and invisible characters shown as visible
 * escapes, and no CI logging command anywhere.
 */
export function plainText(s: string): string {
  return noLogCommands(s.replace(UNSAFE_TEXT, shown));
}

/**
 * For a value that begins a line of text output: also never `::` after leading white space, which
 * the GitHub Actions runner reads as a workflow command (a relative path is given as `./...`).
 */
export function lineStart(s: string): string {
  const safe = plainText(s);
  return /^\s*::/.test(safe) ? `./${safe}` : safe;
}

// CommonMark lets any ASCII punctuation be escaped with a backslash; these are the ones that can
// start markup (emphasis, links, HTML and comments, code, tables, strikethrough, math, entities).
const MARKDOWN_SPECIAL = /[\\`*_[\]<>|~&$!#]/g;
const LINE_BREAKS = /\r\n?|\n|[\u2028\u2029]/g;

/** For Markdown text in a table cell: markup escaped, line breaks as spaces, controls shown as escapes. */
export function markdownText(s: string): string {
  return plainText(s.replace(LINE_BREAKS, " ")).replace(MARKDOWN_SPECIAL, "\\$&");
}

/**
 * For a Markdown code span in a table cell: a fence longer than any run of backticks inside, line
 * breaks as spaces, and `|` escaped (GFM splits table cells on it even inside code).
 */
export function markdownCode(s: string): string {
  const text = plainText(s.replace(LINE_BREAKS, " ")).replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

// XML 1.0 allows only TAB, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD and U+10000-U+10FFFF: anything else
// (other controls, U+FFFE, U+FFFF, an unpaired surrogate) makes the document ill-formed.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/**
 * For XML text and attribute values: markup escaped, TAB/LF/CR as character references (so that
 * attribute values keep them), characters XML 1.0 forbids replaced by U+FFFD, invisible characters
 * and CI logging commands as in `plainText`.
 */
export function xmlText(s: string): string {
  return s
    .replace(NOT_XML_CHAR, "\ufffd")
    .replace(/[&<>"'\t\n\r]/g, (c) => XML_ESCAPES[c]!)
    .replace(IGNORABLE, (c) => `&#${c.codePointAt(0)};`)
    .replace(LOG_COMMAND, "#&#35;");
}

/**
 * A relative file path as a URI reference: each segment percent-encoded (`#`, `?`, `:`, `%`, spaces
 * and the rest), `/` kept. An unpaired surrogate, which has no UTF-8 form, becomes U+FFFD.
 */
export function uriPath(path: string): string {
  const wellFormed = (path as string & { toWellFormed(): string }).toWellFormed();
  return wellFormed.split("/").map(encodeURIComponent).join("/");
}

/**
 * For the text of a SARIF message (SARIF 2.1.0 §3.11.5): `{` and `}` doubled, since a viewer reads
 * `{0}` as a placeholder for an argument, so text from the input can neither vanish nor pull in one.
 */
export function sarifText(s: string): string {
  return s.replace(/[{}]/g, "$&$&");
}
