/**
 * Turns `opa inspect -a -f json policies/acs` (stdin) into the rule catalog (stdout): one entry per
 * rule package, its METADATA validated against schemas/rule-metadata.schema.json.
 * Usage: opa inspect -a -f json policies/acs | node dist/scripts/make-catalog.js <opa-version> <policy.wasm>
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import type { RuleCatalog, RuleMeta } from "../src/catalog/types.js";
import { FILTERS, PLACEHOLDER } from "../src/locate/message.js";

/** The `custom` block, as schemas/rule-metadata.schema.json guarantees it after validation. */
interface CustomMetadata {
  id: string;
  long_id: string;
  severity: RuleMeta["severity"];
  default_enabled: boolean;
  resource_types: string[];
  baseline: string[];
  azure_policy?: string[];
  remediation: string;
  parameters: Record<string, unknown>;
  baseline_quote: string;
  fix_arm: string;
  fix_bicep: string;
  suppress_when: string;
  messages: Record<string, string>;
}

interface InspectAnnotation {
  annotations: {
    title: string;
    description: string;
    related_resources: Array<{ ref: string; description: string }>;
    custom: CustomMetadata;
  };
  location: { file: string };
  path: Array<{ value: string }>;
}

const [opaVersion, wasmPath] = process.argv.slice(2);
if (!opaVersion || !wasmPath) throw new Error("usage: make-catalog <opa-version> <policy.wasm>");

const schema = JSON.parse(readFileSync(new URL("../../schemas/rule-metadata.schema.json", import.meta.url), "utf8"));
const validate = new Ajv({ allErrors: true }).compile(schema);
const inspected = JSON.parse(readFileSync(0, "utf8")) as { annotations?: InspectAnnotation[] };

const rules: RuleMeta[] = [];
const problems: string[] = [];
for (const entry of inspected.annotations ?? []) {
  const pkg = entry.path.slice(1).map((p) => p.value);
  if (pkg[1] !== "rules" || entry.path.length !== 5) continue; // libraries and main are not rules
  if (!validate(entry.annotations)) {
    for (const e of validate.errors ?? []) problems.push(`${entry.location.file}: METADATA${e.instancePath} ${e.message}`);
    continue;
  }
  const a = entry.annotations;
  const c = a.custom;
  for (const [id, template] of Object.entries(c.messages)) {
    for (const [, , filter] of template.matchAll(PLACEHOLDER)) {
      if (filter !== undefined && !(FILTERS as readonly string[]).includes(filter)) {
        problems.push(`${entry.location.file}: message ${id} uses the unknown filter |${filter}`);
      }
    }
  }
  if (c.long_id !== pkg[3]) problems.push(`${entry.location.file}: custom.long_id must equal the package name ${pkg[3]}`);
  rules.push({
    id: c.id,
    longId: c.long_id,
    package: pkg.join("."),
    title: a.title,
    description: a.description.trim(),
    severity: c.severity,
    defaultEnabled: c.default_enabled,
    remediation: c.remediation.trim(),
    resourceTypes: c.resource_types,
    baseline: c.baseline,
    azurePolicy: c.azure_policy ?? [],
    references: a.related_resources.map((r) => ({ url: r.ref, description: r.description })),
    parameters: c.parameters,
    baselineQuote: c.baseline_quote.trim(),
    fix: { arm: c.fix_arm.trimEnd(), bicep: c.fix_bicep.trimEnd() },
    suppressWhen: c.suppress_when.trim(),
    messages: c.messages,
    source: entry.location.file,
  });
}
const ids = rules.map((r) => r.id);
for (const id of ids.filter((id, i) => ids.indexOf(id) !== i)) problems.push(`rule id ${id} is used twice`);
if (problems.length > 0) {
  process.stderr.write(problems.join("\n") + "\n");
  process.exit(1);
}
rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const catalog: RuleCatalog = {
  schemaVersion: 1,
  opaVersion,
  policySha256: createHash("sha256").update(readFileSync(wasmPath)).digest("hex"),
  rules,
};
process.stdout.write(JSON.stringify(catalog, null, 2) + "\n");
