/** The syntax tree of an ARM template expression. */
export type Expr =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "literal"; value: boolean | null }
  | { kind: "call"; namespace: string | undefined; name: string; args: Expr[] }
  | { kind: "property"; target: Expr; name: string }
  | { kind: "index"; target: Expr; index: Expr };
