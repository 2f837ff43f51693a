import { dirname, join } from "node:path";
import type { SourceRange } from "../model/index.js";
import { parsePointer } from "../reader/index.js";
import { bodyObject } from "./parser.js";
import { declaredResources, matchResources, type DeclaredResource } from "./resource-index.js";
import type { BicepFile } from "./source-file.js";
import type { Declaration, ObjectNode, PropertyNode, Span, ValueNode } from "./syntax.js";

/** A place in a source file, with a line range. */
export interface SourcePlace {
  file: string;
  range: SourceRange;
}

/** Where a value came from, shown beside a finding (SARIF `relatedLocations`). */
export interface RelatedPlace extends SourcePlace {
  message: string;
}

/** Where a pointer of the compiled template lands in the Bicep sources. */
export interface MappedLocation extends SourcePlace {
  /** True when the Bicep source writes the node the pointer names; false for an enclosing one. */
  exact: boolean;
  /** Where the declarations and properties that enclose the place start, outermost first. */
  enclosing: Array<{ file: BicepFile; offset: number }>;
  related: RelatedPlace[];
}

/** Where a parameter's value was written in a parameter file (`.bicepparam` or JSON), if it was. */
export type ParameterValueLookup = (name: string) => SourcePlace | undefined;

interface Frame {
  file: BicepFile;
  template: Record<string, unknown>;
  /** For a module's template: the module statement that calls it, in the calling frame. */
  caller?: { frame: Frame; declaration: Declaration };
  resources?: Map<string, DeclaredResource>;
}

// One segment of a JSON pointer at a time; a pointer can never be longer than the template is deep.
const MAX_SEGMENTS = 512;
const REGISTRY = /^(br|ts)[:/]/i;

/**
 * Maps JSON pointers of a template compiled from Bicep to the Bicep source that wrote them: into
 * local modules' own files at any depth, registry and template-spec modules at their `module`
 * statement, through loops, conditions, nested child resources and both languageVersions. It
 * relies on what the compiler keeps of the source: property names, declaration order and (2.0)
 * symbolic names; it never guesses a line it cannot tie to the source, it stops at the enclosing node.
 */
export class BicepSourceMap {
  private readonly root: Frame;
  private readonly moduleFrames = new Map<string, Frame | undefined>();
  // Several findings often name the same node (every rule on a resource without the property).
  private readonly located = new Map<string, MappedLocation>();

  constructor(
    entry: BicepFile,
    compiled: Record<string, unknown>,
    private readonly readModule: (path: string) => BicepFile | undefined,
    private readonly parameterValue: ParameterValueLookup = () => undefined,
  ) {
    this.root = { file: entry, template: compiled };
  }

  /** The entry file's path. */
  get file(): string {
    return this.root.file.path;
  }

  locate(pointer: string): MappedLocation {
    let found = this.located.get(pointer);
    if (!found) {
      found = this.walk(pointer);
      this.located.set(pointer, found);
    }
    return found;
  }

  private walk(pointer: string): MappedLocation {
    // (most pointers have no escapes: split them without the general parser's regular expressions)
    const segs = pointer.includes("~") ? parsePointer(pointer).slice(0, MAX_SEGMENTS) : pointer.split("/", MAX_SEGMENTS + 1).slice(1);
    const walk = new Walk(this.root, segs);
    this.walkTemplate(walk);
    return walk.result(walk.registry ? this.registryRelated(walk.registry, segs) : this.relatedFor(walk));
  }

  /** Inside a registry module, a value that is one of its parameters comes from the module statement's argument. */
  private registryRelated(registry: { frame: Frame; declaration: Declaration }, segs: string[]): RelatedPlace[] {
    let value: unknown = this.root.template;
    for (const seg of segs) value = field(value, seg);
    const ref = typeof value === "string" ? /^\[parameters\('([^']+)'\)\]$/.exec(value) : null;
    if (!ref) return [];
    const out: RelatedPlace[] = [];
    this.origin({ file: registry.frame.file, template: {}, caller: registry }, "param", ref[1]!, out);
    return out;
  }

  private walkTemplate(w: Walk): void {
    for (;;) {
      const section = w.seg(0);
      const name = w.seg(1);
      if (section === undefined || name === undefined) return;
      const sectionValue = field(w.frame.template, section);
      const file = w.frame.file;
      switch (section.toLowerCase()) {
        case "resources": {
          const declared = this.resources(w.frame).get(name);
          if (!declared) return;
          const decl = declared.declaration;
          w.enterDeclaration(decl, 2, field(sectionValue, name));
          if (decl.keyword === "module" && eq(w.seg(0), "properties")) {
            const props = field(w.json, "properties");
            if (eq(w.seg(1), "template")) {
              const child = this.moduleFrame(w.frame, decl, field(props, "template"), w.pointerTo(2));
              if (!child) {
                if (decl.reference && REGISTRY.test(decl.reference)) w.registry = { frame: w.frame, declaration: decl };
                return;
              }
              w.enterFrame(child, field(props, "template"));
              continue;
            }
            if (eq(w.seg(1), "parameters") && w.seg(2) !== undefined) {
              const params = property(bodyObject(decl.value), "params");
              if (!params) return;
              w.enterProperty(params, 0, undefined);
              const passed = property(asObject(params.value), w.seg(2)!);
              if (!passed) return;
              w.enterProperty(passed, 3, field(field(props, "parameters"), w.seg(2)!));
              if (w.seg(0) !== "value") return;
              w.advance(1, field(w.json, "value"));
              this.walkValue(w, passed.value);
              return;
            }
          }
          this.walkResourceBody(w, decl.value);
          return;
        }
        case "parameters": {
          const decl = file.declaration("param", name);
          if (!decl) return;
          w.enterDeclaration(decl, 2, field(sectionValue, name));
          if (eq(w.seg(0), "defaultValue") && decl.value) {
            w.advance(1, field(w.json, "defaultValue"));
            w.enterSpan(decl.value, 0);
            this.walkValue(w, decl.value);
          }
          return;
        }
        case "variables": {
          if (name === "copy") {
            const entry = field(field(sectionValue, "copy"), w.seg(2) ?? "");
            const decl = file.declaration("var", String(field(entry, "name")));
            if (!decl?.value) return;
            w.enterDeclaration(decl, 3, entry);
            if (w.seg(0) !== "input") return;
            w.advance(1, field(entry, "input"));
            this.walkValue(w, decl.value);
            return;
          }
          const decl = file.declaration("var", name);
          if (!decl?.value) return this.enterImport(w, name);
          w.enterDeclaration(decl, 2, field(sectionValue, name));
          this.walkValue(w, decl.value);
          return;
        }
        case "outputs": {
          const decl = file.declaration("output", name);
          if (!decl) return;
          w.enterDeclaration(decl, 2, field(sectionValue, name));
          if (w.seg(0) === "value" && decl.value) {
            w.advance(1, field(w.json, "value"));
            w.enterSpan(decl.value, 0);
            this.walkValue(w, decl.value);
          }
          return;
        }
        case "definitions": {
          const decl = file.declaration("type", name);
          if (decl) w.enterDeclaration(decl, 2, undefined);
          else this.enterImport(w, name);
          return;
        }
        case "functions": {
          // functions/<namespace index>/members/<name>
          const member = w.seg(3);
          const decl = member === undefined ? undefined : file.declaration("func", member);
          if (decl) w.enterDeclaration(decl, 4, undefined);
          else if (member !== undefined) this.enterImport(w, member);
          return;
        }
        default:
          return;
      }
    }
  }

  /** A variable, type or function the file imports: the `import` statement that names it. */
  private enterImport(w: Walk, name: string): void {
    const file = w.frame.file;
    const word = new RegExp(`(^|[^\\w$])${name.replace(/[^\w$]/g, "\\$&")}([^\\w$]|$)`);
    const decl = file.syntax.declarations.find((d) => d.keyword === "import" && word.test(file.text.slice(d.start, d.end)));
    if (decl) w.enterDeclaration(decl, 2, undefined);
  }

  /** A resource body: `condition` is the `if`, `copy` the `for`, the rest the object literal's properties. */
  private walkResourceBody(w: Walk, value: ValueNode | undefined): void {
    const first = w.seg(0);
    if (first === undefined || !value) return;
    const wanted = eq(first, "condition") ? "if" : eq(first, "copy") ? "for" : undefined;
    if (wanted) {
      let node: ValueNode | undefined = value;
      for (let i = 0; node && i < 4 && node.kind !== wanted; i++) node = node.kind === "for" || node.kind === "if" ? node.body : undefined;
      if (node?.kind === "if") w.enterSpan(node.condition, 1);
      else if (node?.kind === "for") w.enterSpan(node, 1);
      return;
    }
    this.walkValue(w, value);
  }

  /** Follows the remaining segments through object literals, arrays, loops and conditions. */
  private walkValue(w: Walk, start: ValueNode): void {
    let node: ValueNode = start;
    while (w.seg(0) !== undefined) {
      while (node.kind === "for" || node.kind === "if") node = node.body;
      const seg = w.seg(0)!;
      if (node.kind === "object") {
        // (only a `copy` segment needs the JSON's copy: looking it up at every step costs a scan of the keys)
        const copies = seg === "copy" ? field(w.json, "copy") : undefined;
        if (Array.isArray(copies) && !property(node, "copy")) {
          // a property loop compiles to copy: [{ name, count, input }] beside the other properties
          const entry = copies[Number(w.seg(1))];
          const prop = property(node, String(field(entry, "name")));
          if (!prop) return;
          w.enterProperty(prop, 2, entry);
          if (w.seg(0) !== "input") return;
          w.advance(1, field(entry, "input"));
          node = prop.value;
          continue;
        }
        const prop = property(node, seg);
        if (!prop) return;
        w.enterProperty(prop, 1, field(w.json, seg));
        node = prop.value;
      } else if (node.kind === "array") {
        const item = node.items[Number(seg)];
        if (!/^\d+$/.test(seg) || !item) return;
        w.enterSpan(item, 1, field(w.json, seg));
        node = item;
      } else {
        return;
      }
    }
  }

  private resources(frame: Frame): Map<string, DeclaredResource> {
    frame.resources ??= matchResources(field(frame.template, "resources"), declaredResources(frame.file.syntax.declarations));
    return frame.resources;
  }

  /** The frame of a local module's template; undefined for registry and template-spec modules. */
  private moduleFrame(frame: Frame, decl: Declaration, template: unknown, key: string): Frame | undefined {
    if (this.moduleFrames.has(key)) return this.moduleFrames.get(key);
    let child: Frame | undefined;
    const path = decl.reference;
    if (path && !REGISTRY.test(path) && /\.bicep$/i.test(path) && template && typeof template === "object") {
      const file = this.readModule(join(dirname(frame.file.path), path));
      if (file) child = { file, template: template as Record<string, unknown>, caller: { frame, declaration: decl } };
    }
    this.moduleFrames.set(key, child);
    return child;
  }

  /**
   * Where the value at an exactly mapped place came from, when it is a parameter or a variable
   * reference: the module caller's argument (followed on when that is a parameter or variable of
   * the caller), the parameter file's value, else the parameter's default; the variable.
   */
  private relatedFor(w: Walk): RelatedPlace[] {
    if (!w.exact || typeof w.json !== "string") return [];
    const ref = /^\[(parameters|variables)\('([^']+)'\)\]$/.exec(w.json);
    if (!ref) return [];
    const out: RelatedPlace[] = [];
    this.origin(w.frame, ref[1] === "variables" ? "var" : "param", ref[2]!, out);
    return out;
  }

  private origin(frame: Frame, kind: "param" | "var", name: string, out: RelatedPlace[]): void {
    if (out.length > 16) return; // a chain of modules is finite, but bound it all the same
    const file = frame.file;
    if (kind === "var") {
      const decl = file.declaration("var", name);
      if (decl?.value) out.push({ ...placeOf(file, decl.value), message: `the value comes from variable ${name}` });
      return;
    }
    const caller = frame.caller;
    if (caller) {
      const passed = property(asObject(property(bodyObject(caller.declaration.value), "params")?.value), name);
      if (passed) {
        out.push({ ...placeOf(caller.frame.file, passed), message: `the value comes from parameter ${name}, passed by module ${caller.declaration.name}` });
        const id = passed.value.kind === "expr" ? passed.value.identifier : undefined;
        if (id && caller.frame.file.declaration("param", id)) this.origin(caller.frame, "param", id, out);
        else if (id && caller.frame.file.declaration("var", id)) this.origin(caller.frame, "var", id, out);
        return;
      }
    } else {
      const given = this.parameterValue(name);
      if (given) {
        out.push({ ...given, message: `the value comes from parameter ${name}, set in ${given.file}` });
        return;
      }
    }
    const decl = file.declaration("param", name);
    if (decl?.value) out.push({ ...placeOf(file, decl.value), message: `the value comes from the default of parameter ${name}` });
  }
}

/** The state of one pointer's walk: the frame, the JSON value reached, the best place so far. */
class Walk {
  private i = 0;
  private best: { file: BicepFile; span: Span };
  readonly enclosing: Array<{ file: BicepFile; offset: number }> = [];
  json: unknown;
  /** Set when the walk stopped at a registry or template-spec module's statement. */
  registry?: { frame: Frame; declaration: Declaration };

  constructor(
    public frame: Frame,
    private readonly segs: string[],
  ) {
    this.json = frame.template;
    this.best = { file: frame.file, span: { start: 0, end: 0 } };
  }

  seg(k: number): string | undefined {
    return this.segs[this.i + k];
  }

  pointerTo(k: number): string {
    return this.segs.slice(0, this.i + k).join("/");
  }

  get exact(): boolean {
    return this.i >= this.segs.length;
  }

  advance(n: number, json: unknown): void {
    this.i += n;
    this.json = json;
  }

  enterFrame(frame: Frame, json: unknown): void {
    this.frame = frame;
    this.advance(2, json);
  }

  enterDeclaration(decl: Declaration, n: number, json: unknown): void {
    this.best = { file: this.frame.file, span: { start: decl.start, end: decl.headEnd } };
    this.enclosing.push({ file: this.frame.file, offset: decl.leadingStart });
    if (decl.leadingStart !== decl.start) this.enclosing.push({ file: this.frame.file, offset: decl.start });
    this.advance(n, json);
  }

  enterProperty(prop: PropertyNode, n: number, json: unknown): void {
    this.enterSpan(prop, n, json);
  }

  enterSpan(span: Span, n: number, json: unknown = this.json): void {
    this.best = { file: this.frame.file, span };
    this.enclosing.push({ file: this.frame.file, offset: span.start });
    this.advance(n, json);
  }

  result(related: RelatedPlace[]): MappedLocation {
    const { file, span } = this.best;
    return { file: file.path, range: file.lines.range(span.start, span.end), exact: this.exact, enclosing: this.enclosing, related };
  }
}

export function placeOf(file: BicepFile, span: Span): SourcePlace {
  return { file: file.path, range: file.lines.range(span.start, span.end) };
}

function property(node: ObjectNode | undefined, key: string): PropertyNode | undefined {
  if (!node) return undefined;
  const exact = node.properties.find((p) => p.key === key);
  if (exact) return exact;
  const lower = key.toLowerCase();
  // (most keys differ in length: compare that before lowering each one)
  return node.properties.find((p) => p.key.length === key.length && p.key.toLowerCase() === lower);
}

function asObject(node: ValueNode | undefined): ObjectNode | undefined {
  return node?.kind === "object" ? node : undefined;
}

/** A member of a JSON value by key (case-insensitively for objects, by index for arrays). */
function field(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value[Number(key)];
  if (!value || typeof value !== "object") return undefined;
  const obj = value as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(obj, key)) return obj[key];
  const lower = key.toLowerCase();
  for (const k in obj) if (k.length === key.length && k.toLowerCase() === lower && Object.prototype.hasOwnProperty.call(obj, k)) return obj[k];
  return undefined;
}

function eq(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}
