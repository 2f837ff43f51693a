/**
 * The part of a Bicep file's syntax that mapping needs: declarations, and the shape of values down
 * to object properties and array items. Every node carries its source span (offsets); any other
 * expression is kept as an opaque `expr` span.
 */

export interface Span {
  start: number;
  end: number;
}

export type ValueNode = ObjectNode | ArrayNode | ForNode | IfNode | ExprNode;

export interface ObjectNode extends Span {
  kind: "object";
  properties: PropertyNode[];
  /** Child resources declared inside a resource's body. */
  resources: Declaration[];
}

export interface PropertyNode extends Span {
  /** The key as its value (quotes removed). */
  key: string;
  value: ValueNode;
}

export interface ArrayNode extends Span {
  kind: "array";
  items: ValueNode[];
}

/** `[for x in xs: body]`. */
export interface ForNode extends Span {
  kind: "for";
  body: ValueNode;
}

/** `if (condition) body` (resource and module bodies). */
export interface IfNode extends Span {
  kind: "if";
  condition: Span;
  body: ValueNode;
}

/** Any other expression; `identifier` is set when it is a bare name (a parameter or variable). */
export interface ExprNode extends Span {
  kind: "expr";
  identifier?: string;
}

export type DeclarationKeyword =
  | "param"
  | "var"
  | "resource"
  | "module"
  | "output"
  | "type"
  | "func"
  | "import"
  | "metadata"
  | "targetScope"
  | "using"
  | "extension"
  | "provider"
  | "assert"
  | "extends"
  | "test";

export interface Declaration extends Span {
  keyword: DeclarationKeyword;
  /** The declared name (empty for `import`, `using`, `targetScope`). */
  name: string;
  /** Where the first decorator starts, or the keyword when there is none. */
  leadingStart: number;
  /** The end of the declaration's first line (`resource x '...' = {`): what a finding points at. */
  headEnd: number;
  /** `resource`: the type string; `module`, `import`, `using`, `extends`: the path or reference. */
  reference?: string;
  /** `resource ... existing`. */
  existing?: boolean;
  /** What follows `=` (`param`'s default, `var`'s value, a resource's body). */
  value?: ValueNode;
  /** Child resources (nested declarations), for `resource`. */
  children?: Declaration[];
}

export interface BicepSyntax {
  declarations: Declaration[];
  comments: Array<Span & { text: string }>;
}
