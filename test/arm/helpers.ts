import { ExpansionFault, expandTemplate, isUnknown, type ExpandOptions, type Unknown } from "../../src/arm/index.js";

export const SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

/** A communication service whose properties.disableLocalAuth is `disableLocalAuth`. */
export const acsWith = (disableLocalAuth: unknown) => ({
  type: "Microsoft.Communication/communicationServices",
  apiVersion: "2025-05-01",
  name: "acs",
  location: "global",
  properties: { dataLocation: "Europe", disableLocalAuth },
});

/** The fault `fn` throws (fails the test when it throws none). */
export function expansionFault(fn: () => unknown): ExpansionFault {
  try {
    fn();
  } catch (e) {
    if (e instanceof ExpansionFault) return e;
    throw e;
  }
  throw new Error("expected an ExpansionFault");
}

/** Plain JSON of a value (prototype-free objects and unknown markers become ordinary JSON). */
export function plain(v: unknown): unknown {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

/** Evaluates one expression string in a template with the given extra sections. */
export function ev(expression: string, sections: Record<string, unknown> = {}, options: ExpandOptions = {}): unknown {
  const template = {
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    contentVersion: "1.0.0.0",
    resources: [],
    ...sections,
    outputs: { result: { type: "object", value: expression } },
  };
  const out = expandTemplate("t.json", template, options).outputs.find((o) => o.name === "result")!;
  return isUnknown(out.value) ? out.value : plain(out.value);
}

/** The unknown an expression evaluates to (fails the test when the value is known). */
export function unknownOf(expression: string, sections: Record<string, unknown> = {}, options: ExpandOptions = {}): Unknown {
  const v = ev(expression, sections, options);
  if (!isUnknown(v)) throw new Error(`expected unknown, got ${JSON.stringify(v)}`);
  return v;
}
