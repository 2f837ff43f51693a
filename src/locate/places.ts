import type { SourceFile } from "../reader/index.js";
import { locateInValue } from "./value-pointers.js";

export type Located = ReadonlyMap<string, ReturnType<SourceFile["locate"]>>;

/** Pointers to find, by file: each file's are found in a single pass over its text. */
export class Places {
  private readonly wanted = new Map<string, Set<string>>();

  want(file: string, pointer: string): void {
    let set = this.wanted.get(file);
    if (!set) this.wanted.set(file, (set = new Set()));
    set.add(pointer);
  }

  /**
   * Finds them all. `remapped`: a template compiled from Bicep, whose places are then moved to
   * Bicep lines, so are found in its parsed value, not its text (see `locateFindings`).
   */
  locate(sources: ReadonlyMap<string, SourceFile>, remapped: string | undefined): Located {
    const found = new Map<string, ReturnType<SourceFile["locate"]>>();
    for (const [file, set] of this.wanted) {
      const source = sources.get(file);
      if (!source) throw new Error(`no source text for ${file}`);
      const pointers = [...set];
      found.set(file, file === remapped ? locateInValue(source.value, pointers) : source.locate(pointers));
    }
    return found;
  }
}
