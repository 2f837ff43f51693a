import type { ExpandedTemplate } from "./model.js";

/**
 * The normalized JSON handed to the rules: the expansion without anything about files or lines
 * (and without resource `metadata`, which only says how findings are suppressed).
 * Each entry carries its `index`, by which findings name their subject. Unknown values serialise
 * as `{"$unknown": {...}}` through their `toJSON`.
 */
export function toPolicyInput(expanded: ExpandedTemplate): object {
  return {
    schema_version: 1,
    resources: expanded.resources.map(({ source: _source, metadata: _metadata, ...r }, index) => ({ index, ...r })),
    parameters: expanded.parameters.map(({ file: _f, pointer: _p, valueSource: _s, ...p }, index) => ({ index, ...p })),
    variables: expanded.variables.map(({ file: _f, pointer: _p, ...v }, index) => ({ index, ...v })),
    outputs: expanded.outputs.map(({ file: _f, pointer: _p, ...o }, index) => ({ index, ...o })),
  };
}
