import type { ExpandedOutput, ExpandedParameter, ExpandedResource, ExpandedTemplate, ExpandedVariable } from "./model.js";

/** An entry of the policy input: what the expansion holds, with its position, by which findings name it. */
type Indexed<T> = T & { index: number };

/** A resource as the rules see it: no source location, no `metadata` (it only says how findings are suppressed). */
export type PolicyResource = Indexed<Omit<ExpandedResource, "source" | "metadata">> & {
  /** The id lower-cased, when it is known: rules join resources by it without lower-casing per comparison. */
  idLower?: string;
};
export type PolicyParameter = Indexed<Omit<ExpandedParameter, "file" | "pointer" | "valueSource" | "origin">>;
export type PolicyVariable = Indexed<Omit<ExpandedVariable, "file" | "pointer">>;
export type PolicyOutput = Indexed<Omit<ExpandedOutput, "file" | "pointer">>;

/**
 * The normalized JSON handed to the rules. Its JSON Schema (schemas/policy-input.schema.json,
 * which `opa check --schema` type-checks the rules against) is generated from these types by
 * scripts/policy-input-schema.ts.
 */
export interface PolicyInput {
  schema_version: 1;
  resources: PolicyResource[];
  parameters: PolicyParameter[];
  variables: PolicyVariable[];
  outputs: PolicyOutput[];
}

/**
 * The policy input of an expansion: the expansion without anything about files or lines.
 * Each entry carries its `index`, by which findings name their subject. Unknown values serialise
 * as `{"$unknown": {...}}` through their `toJSON`.
 */
export function toPolicyInput(expanded: ExpandedTemplate): PolicyInput {
  return {
    schema_version: 1,
    resources: expanded.resources.map(({ source: _source, metadata: _metadata, ...r }, index): PolicyResource => {
      const entry: PolicyResource = { index, ...r };
      if (typeof r.id === "string") entry.idLower = r.id.toLowerCase();
      return entry;
    }),
    // (where a value came from is for people's provenance, not for the rules)
    parameters: expanded.parameters.map(({ file: _f, pointer: _p, valueSource: _s, origin: _o, ...p }, index) => ({ index, ...p })),
    variables: expanded.variables.map(({ file: _f, pointer: _p, ...v }, index) => ({ index, ...v })),
    outputs: expanded.outputs.map(({ file: _f, pointer: _p, ...o }, index) => ({ index, ...o })),
  };
}
