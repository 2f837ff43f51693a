import { existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { BICEP_FILE, BICEPPARAM_FILE } from "../bicep/index.js";
import { readSource } from "../reader/index.js";
import { readRegularTextIfAny as readText } from "../node/index.js";
import { pairedParameterFiles } from "./companions.js";

/** Files the scanner treats as templates when they hold one. */
const JSON_FILE = /\.jsonc?$/i;

// How files name the files they depend on: a nested deployment's templateLink.relativePath, a
// Bicep module or import, a .bicepparam's `using`. Read as text: a file that does not parse
// still names what it links.
const JSON_LINK = /"relativePath"\s*:\s*"((?:[^"\\]|\\.){1,1024})"/g;
const BICEP_LINK = /^\s*(?:module\s+\S+\s+|import\s[^\n]*?\bfrom\s+|using\s+)'([^'\n]{1,1024})'/gm;

/** The files `file` links to (existing or not), resolved against its directory. */
export function linkedFiles(file: string, text: string): string[] {
  const pattern = JSON_FILE.test(file) ? JSON_LINK : BICEP_LINK;
  const links: string[] = [];
  for (const m of text.matchAll(pattern)) {
    let target = m[1]!;
    if (pattern === JSON_LINK) {
      try {
        target = JSON.parse(`"${target}"`) as string;
      } catch {
        continue;
      }
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) && !/^[a-z]:[\\/]/i.test(target)) continue; // registry modules (br:, ts:) and URLs
    links.push(resolve(dirname(file), target));
  }
  return links;
}

function kindOf(file: string): "template" | "parameters" | "other" {
  if (BICEP_FILE.test(file)) return "template";
  if (BICEPPARAM_FILE.test(file)) return "parameters";
  if (!JSON_FILE.test(file)) return "other";
  const text = readText(file);
  if (text === undefined) return "other";
  try {
    const kind = readSource(file, text).kind;
    return kind === "template" || kind === "parameters" ? kind : "other";
  } catch {
    return "other"; // unreadable JSON is no template we can pair or scan here
  }
}

/** The templates a parameter file belongs to: its `using` target (.bicepparam), or the templates it pairs with by name (a deleted one: those its name pairs with). */
export function templatesOfParameterFile(file: string): string[] {
  if (BICEPPARAM_FILE.test(file)) return linkedFiles(file, readText(file) ?? "").filter((t) => existsSync(t));
  const m = /^(.*)\.parameters(?:\.[^.]+)?\.jsonc?$/i.exec(basename(file));
  if (!m || m[1] === "") return [];
  const stem = m[1]!;
  const bases = [stem, ...(stem.includes(".") ? [stem.slice(0, stem.lastIndexOf("."))] : [])];
  const dir = dirname(file);
  const candidates = bases.flatMap((b) => [join(dir, `${b}.json`), join(dir, `${b}.jsonc`)]);
  // A deleted parameter file no longer pairs: the template its name pairs with lost a parameter set.
  const pairs = existsSync(file) ? (t: string) => pairedParameterFiles(t).includes(file) : () => true;
  return candidates.filter((t) => existsSync(t) && kindOf(t) === "template" && pairs(t));
}

/**
 * The templates a change touches: the changed templates themselves, the templates a changed
 * parameter file belongs to (or a deleted one belonged to), and, transitively, every template among `candidates` that links or
 * imports a changed (or deleted) template or module. Sorted; only existing files.
 */
export function affectedTemplates(changed: readonly string[], candidates: readonly string[]): string[] {
  const affected = new Set<string>();
  const touched = new Set<string>(changed.map((c) => resolve(c)));
  for (const file of touched) {
    const kind = kindOf(file);
    if (kind === "template") affected.add(file);
    else if (kind === "parameters" || (kind === "other" && !existsSync(file))) for (const t of templatesOfParameterFile(file)) affected.add(t);
  }
  // Who links whom, read once; then a linker of anything touched is touched too, until nothing
  // changes (at most one round per candidate, so cycles end).
  const links = new Map<string, string[]>();
  for (const c of candidates) {
    const file = resolve(c);
    if (!JSON_FILE.test(file) && !BICEP_FILE.test(file)) continue;
    const text = readText(file);
    if (text === undefined) continue;
    const targets = linkedFiles(file, text);
    if (targets.length > 0) links.set(file, targets);
  }
  for (let round = 0, grew = true; grew && round <= links.size; round++) {
    grew = false;
    for (const [file, targets] of links) {
      if (touched.has(file) || !targets.some((t) => touched.has(t))) continue;
      touched.add(file);
      if (kindOf(file) === "template") affected.add(file);
      grew = true;
    }
  }
  return [...affected].filter((f) => existsSync(f)).sort();
}
