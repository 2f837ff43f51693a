/** What a JSON file is, as far as the scanner is concerned. */
export type SourceKind = "template" | "parameters" | "unknown";

/** The deployment scope a template's `$schema` selects. */
export type DeploymentScope = "resourceGroup" | "subscription" | "managementGroup" | "tenant";

const TEMPLATE_SCHEMAS: Record<string, DeploymentScope> = {
  "deploymenttemplate.json": "resourceGroup",
  "subscriptiondeploymenttemplate.json": "subscription",
  "managementgroupdeploymenttemplate.json": "managementGroup",
  "tenantdeploymenttemplate.json": "tenant",
};

function schemaFile(value: Record<string, unknown>): string | undefined {
  const schema = value["$schema"];
  if (typeof schema !== "string") return undefined;
  return schema.replace(/#$/, "").split("/").pop()?.toLowerCase();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Recognises ARM templates by `$schema`, or, without one, by shape (a `resources` array or object
 * beside the other template sections); parameter files by their `deploymentParameters` schema or shape.
 */
export function detectKind(value: unknown): SourceKind {
  if (!isPlainObject(value)) return "unknown";
  const file = schemaFile(value);
  if (file !== undefined && file in TEMPLATE_SCHEMAS) return "template";
  if (file === "deploymentparameters.json") return "parameters";
  if (file !== undefined) return "unknown";
  const resources = value["resources"];
  const hasTemplateSection = ["contentVersion", "parameters", "variables", "outputs", "languageVersion"].some((k) => k in value);
  if ((Array.isArray(resources) || isPlainObject(resources)) && hasTemplateSection) return "template";
  const parameters = value["parameters"];
  if (
    "contentVersion" in value &&
    isPlainObject(parameters) &&
    Object.values(parameters).every((p) => isPlainObject(p) && ("value" in p || "reference" in p))
  ) {
    return "parameters";
  }
  return "unknown";
}

/** The deployment scope of a template, from its `$schema` (resource group when it has none). */
export function deploymentScope(template: Record<string, unknown>): DeploymentScope {
  return TEMPLATE_SCHEMAS[schemaFile(template) ?? ""] ?? "resourceGroup";
}
