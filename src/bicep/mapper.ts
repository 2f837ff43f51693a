import type { RuleMeta } from "../catalog/index.js";
import type { InlineSuppression } from "../config/index.js";
import { unknownRuleReason } from "../judge/index.js";
import type { Finding, Notice, TraceStep } from "../model/index.js";
import { formatPointer, parsePointer, type SourceFile } from "../reader/index.js";
import { compileGlob } from "../config/index.js";
import { BicepSourceMap, placeOf, type MappedLocation, type SourcePlace } from "./source-map.js";
import type { BicepFile, BicepFiles } from "./source-file.js";
import { readDirectives, type BicepDirective } from "./suppressions.js";

/**
 * Moves the findings of one template compiled from Bicep to the Bicep lines (the compiled JSON's
 * lines are never shown), adds where offending values came from, and answers which
 * `acs-baseline-disable-next-line` directives apply to each finding.
 */
export class BicepMapper {
  private readonly placed = new Map<Finding, MappedLocation>();
  private readonly directives = new Map<string, { directives: BicepDirective[]; problems: Array<{ line: number; message: string }> }>();
  private readonly used = new Set<BicepDirective>();
  private map: BicepSourceMap | undefined;

  constructor(
    readonly entry: BicepFile,
    private readonly compiled: Record<string, unknown>,
    /** The Bicep files of the scan (modules are read as mapping reaches them). */
    private readonly files: BicepFiles,
    /** Parsed `.bicepparam` files by path. */
    private readonly bicepparams: ReadonlyMap<string, BicepFile>,
  ) {}

  get remappedFile(): string {
    return this.entry.path;
  }

  /** Rewrites the location of each finding in the compiled template, for a run with `parameterFile`. */
  remap(findings: readonly Finding[], parameterFile: SourceFile | undefined): void {
    this.placed.clear();
    const map = new BicepSourceMap(
      this.entry,
      this.compiled,
      (path) => this.files.get(path),
      (name) => this.parameterValue(parameterFile, name),
    );
    this.map = map;
    for (const f of findings) {
      if (f.file === this.entry.path) {
        const loc = map.locate(f.pointer);
        f.file = loc.file;
        f.range = loc.range;
        f.exact = f.exact && loc.exact;
        if (loc.related.length > 0) f.related = loc.related;
        this.placed.set(f, loc);
      } else {
        const bicepparam = this.bicepparams.get(f.file);
        const [section, name] = parsePointer(f.pointer);
        const decl = bicepparam && section === "parameters" && name !== undefined ? bicepparam.declaration("param", name) : undefined;
        if (bicepparam) {
          const place = decl ? placeOf(bicepparam, decl.value ?? decl) : placeOf(bicepparam, { start: 0, end: 0 });
          f.range = place.range;
          f.exact = f.exact && decl?.value !== undefined;
        }
      }
      for (const step of f.trace ?? []) this.placeStep(step, map);
    }
  }

  /** Moves places of the last remapped run (provenance steps) from the compiled JSON to the Bicep source. */
  placeTrace(steps: TraceStep[]): void {
    if (this.map) for (const step of steps) this.placeStep(step, this.map);
  }

  /** The text of a Bicep file of this template (the entry, a module, a `.bicepparam`). */
  sourceText(path: string): string | undefined {
    return path === this.entry.path ? this.entry.text : (this.files.get(path)?.text ?? this.bicepparams.get(path)?.text);
  }

  /** Moves a provenance step from the compiled JSON (or a `.bicepparam`'s JSON form) to the Bicep source. */
  private placeStep(step: TraceStep, map: BicepSourceMap): void {
    if (step.pointer === undefined) return;
    const bicepparam = this.bicepparams.get(step.file);
    if (step.file === this.entry.path) {
      const at = map.locate(step.pointer);
      step.file = at.file;
      step.range = at.range;
    } else if (bicepparam) {
      const [section, name] = parsePointer(step.pointer);
      const decl = section === "parameters" && name !== undefined ? bicepparam.declaration("param", name) : undefined;
      step.range = placeOf(bicepparam, decl ? (decl.value ?? decl) : { start: 0, end: 0 }).range;
    } else {
      return;
    }
    delete step.pointer;
  }

  /** The directives on the line before the finding's place or before any declaration or property enclosing it. */
  suppressionsFor(f: Finding): InlineSuppression[] {
    const loc = this.placed.get(f);
    if (!loc) return [];
    // Most files have no directive at all: answer those without building anything.
    let any = this.directivesOf(loc.file).directives.length > 0;
    for (let i = 0; !any && i < loc.enclosing.length; i++) any = this.directivesOf(loc.enclosing[i]!.file.path).directives.length > 0;
    if (!any) return [];
    const files = new Set([loc.file, ...loc.enclosing.map((e) => e.file.path)]);
    const lines = new Set([`${loc.file}:${loc.range.start.line}`, ...loc.enclosing.map((e) => `${e.file.path}:${e.file.lines.position(e.offset).line}`)]);
    const out: InlineSuppression[] = [];
    for (const file of files) {
      for (const d of this.directivesOf(file).directives) {
        if (!lines.has(`${d.file}:${d.line}`)) continue;
        if (compileGlob(d.rule, true).test(f.ruleId)) this.used.add(d);
        out.push({ rule: d.rule, justification: d.justification, ...(d.expires ? { expires: d.expires } : {}) });
      }
    }
    return out;
  }

  /** Malformed directives, directives naming no rule of `rules` and directives that matched no finding, in every file mapping read. */
  directiveNotices(rules: ReadonlyMap<string, RuleMeta>): Notice[] {
    const notices: Notice[] = [];
    for (const file of [this.entry, ...this.files.loaded()]) this.directivesOf(file.path);
    for (const [file, read] of this.directives) {
      for (const p of read.problems) notices.push({ kind: "suppression-invalid", file, message: p.message });
      for (const d of read.directives) {
        if (this.used.has(d)) continue;
        const unknown = unknownRuleReason(d.rule, rules);
        if (unknown) notices.push({ kind: "suppression-invalid", file, message: `${file}:${d.line - 1}: the suppression of ${d.rule} ${unknown}` });
        else
          notices.push({
            kind: "suppression-unused",
            file,
            message: `${file}:${d.line - 1}: the suppression of ${d.rule} matched no finding ("${d.justification}")`,
          });
      }
    }
    return notices;
  }

  private directivesOf(path: string): { directives: BicepDirective[]; problems: Array<{ line: number; message: string }> } {
    let read = this.directives.get(path);
    if (!read) {
      const file = path === this.entry.path ? this.entry : this.files.get(path);
      read = file ? readDirectives(file) : { directives: [], problems: [] };
      this.directives.set(path, read);
    }
    return read;
  }

  /** Where the parameter file of this run sets a parameter, if it does. */
  private parameterValue(parameterFile: SourceFile | undefined, name: string): SourcePlace | undefined {
    if (!parameterFile) return undefined;
    const bicepparam = this.bicepparams.get(parameterFile.path);
    if (bicepparam) {
      const decl = bicepparam.declaration("param", name);
      return decl ? placeOf(bicepparam, decl.value ?? decl) : undefined;
    }
    const pointer = formatPointer(["parameters", name, "value"]);
    const at = parameterFile.locate([pointer]).get(pointer);
    return at?.exact ? { file: parameterFile.path, range: parameterFile.lineIndex.range(at.keyStart, at.end) } : undefined;
  }
}
