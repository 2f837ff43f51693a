/**
 * Writes the JSON Schema of the policy input (stdout) from the TypeScript types that build it,
 * `PolicyInput` in src/arm/policy-input.ts, so the schema cannot drift from the code.
 * `opa check --schema` type-checks the rules against it: a rule reading a field the input never
 * has (a typo, a renamed field) fails the policy build.
 * Usage: node dist/scripts/policy-input-schema.js > schemas/policy-input.schema.json
 *
 * Mapping: interfaces and object types become objects without additional properties (optional
 * members are not required); `Value` (resolved JSON or an unknown) is any JSON; `Unknown` is the
 * `{"$unknown": {...}}` marker it serialises to; unions, literals and arrays map as in JSON Schema.
 */
import ts from "typescript";

type Schema = Record<string, unknown>;

const repo = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;
const source = repo("src/arm/policy-input.ts");
const program = ts.createProgram([source], {
  strict: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  skipLibCheck: true,
});
const checker = program.getTypeChecker();
const file = program.getSourceFile(source);
if (!file) throw new Error(`cannot read ${source}`);
const root = checker.getExportsOfModule(checker.getSymbolAtLocation(file)!).find((s) => s.name === "PolicyInput");
if (!root) throw new Error("src/arm/policy-input.ts exports no PolicyInput");

const UNKNOWN: Schema = {
  description: "A value not known before deployment (see src/arm/unknown.ts).",
  type: "object",
  required: ["$unknown"],
  additionalProperties: false,
  properties: { $unknown: { type: "object" } },
};

const VALUE: Schema = { description: 'Resolved JSON, or an unknown marker {"$unknown": {...}}.' };

function schemaOf(type: ts.Type, where: string): Schema {
  const alias = type.aliasSymbol?.name;
  if (alias === "Value") return VALUE;
  if (type.getSymbol()?.name === "Unknown") return { $ref: "#/definitions/unknown" };
  if (type.isUnion()) {
    const members = type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
    if (members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) {
      return members.length === 2 ? { type: "boolean" } : { const: checker.typeToString(members[0]!) === "true" };
    }
    if (members.every((t) => t.isStringLiteral())) return { enum: members.map((t) => (t as ts.StringLiteralType).value) };
    if (members.length === 1) return schemaOf(members[0]!, where);
    return { anyOf: members.map((t) => schemaOf(t, where)) };
  }
  if (type.flags & ts.TypeFlags.Null) return { type: "null" };
  if (type.flags & ts.TypeFlags.String) return { type: "string" };
  if (type.flags & ts.TypeFlags.Number) return { type: "number" };
  if (type.flags & ts.TypeFlags.Boolean) return { type: "boolean" };
  if (type.flags & ts.TypeFlags.BooleanLiteral) return { const: checker.typeToString(type) === "true" };
  if (type.isStringLiteral() || type.isNumberLiteral()) return { const: type.value };
  if (checker.isArrayType(type)) return { type: "array", items: schemaOf(checker.getTypeArguments(type as ts.TypeReference)[0]!, `${where}[]`) };
  if (type.flags & ts.TypeFlags.Object || type.isIntersection()) return objectSchema(type, where);
  throw new Error(`${where}: no JSON Schema for the type ${checker.typeToString(type)}`);
}

function objectSchema(type: ts.Type, where: string): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const member of checker.getPropertiesOfType(type)) {
    const declaration = member.valueDeclaration ?? member.declarations?.[0];
    const memberType = checker.getTypeOfSymbol(member);
    // An optional member's type is a union with undefined, which loses the alias: read the declaration.
    const declared = declaration && ts.isPropertySignature(declaration) ? declaration.type?.getText() : undefined;
    const schema = declared === "Value" ? VALUE : schemaOf(memberType, `${where}.${member.name}`);
    const doc = ts.displayPartsToString(member.getDocumentationComment(checker)).replace(/\s+/g, " ").trim();
    properties[member.name] = doc && !("description" in schema) ? { description: doc, ...schema } : schema;
    const optional =
      (member.flags & ts.SymbolFlags.Optional) !== 0 || (declaration !== undefined && ts.isPropertySignature(declaration) && !!declaration.questionToken);
    if (!optional) required.push(member.name);
  }
  const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
  if (index) return { type: "object", additionalProperties: schemaOf(index.type, `${where}[key]`) };
  return { type: "object", additionalProperties: false, required: required.sort(), properties };
}

const schema: Schema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://acs-baseline.local/schemas/policy-input.schema.json",
  title: "acs-baseline policy input",
  description:
    "The normalized template the rules judge (data.acs.main.report's input). Generated from the PolicyInput type of src/arm/policy-input.ts by scripts/policy-input-schema.ts: do not edit.",
  ...objectSchema(checker.getDeclaredTypeOfSymbol(root), "PolicyInput"),
  definitions: { unknown: UNKNOWN },
};
process.stdout.write(JSON.stringify(schema, null, 2) + "\n");
