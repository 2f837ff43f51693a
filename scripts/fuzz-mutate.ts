/**
 * Input generation for the fuzzer: structure-aware mutations of the fixtures (values swapped for
 * expressions, keys repeated in another case, comments and line ends inserted, copies inflated,
 * deployments nested, links added, hostile escapes), of Bicep sources (snippets, line ends,
 * repeated lines, cuts) and random bytes. Deterministic for a seed.
 */

/** A small deterministic PRNG (mulberry32), so a run can be replayed from its seed. */
export class Random {
  constructor(private state: number) {}
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const EXPRESSIONS = [
  "[parameters('missing')]",
  "[variables('v')]",
  "[concat('a', 'b')]",
  "[createArray(variables('v'), variables('v'))]",
  "[string(variables('v'))]",
  '[json(\'{"a": [1, 2, {"b": null}]}\')]',
  "[format('{0}{1,-5:D3}', 1, 2)]",
  "[format('{0                                                  x}', 1)]",
  "[reference('x').properties]",
  "[listKeys('x', '2020-01-01').primaryKey]",
  "[if(equals(1, 1), true, false)]",
  "[range(0, 800)]",
  "[map(range(0, 50), lambda('i', createObject('k', lambdaVariables('i'))))]",
  "[intersection(createObject('a', 1), createObject('A', 1))]",
  "[union(createArray(1), createArray(2))]",
  "[substring('\ud83d\ude00', 0, 1)]",
  "[padLeft('', 100000, 'x')]",
  "[concat(",
  "[[not an expression]",
  "[toLower(string(range(0, 1000)))]",
  "[resourceId('Microsoft.Communication/communicationServices', 'acs')]",
  "[copyIndex()]",
  "[bool('maybe')]",
  "[int('12x')]",
  "[base64ToJson('eyJhIjoxfQ==')]",
  "[uniqueString(resourceGroup().id)]",
];

const STRINGS = [
  "",
  "x",
  "\u0000",
  "\ud800",
  "\uffff",
  "\u001b[32m✔ passed\u001b[0m",
  "\n::error::x",
  "<!--",
  "a#b?.json",
  "'",
  "\\",
  "\u202e",
  "acs-baseline:suppress ACS-NET-001: fuzz",
];

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Every container in a value with the key or index of each child, so a mutation can pick one. */
function containers(v: Json, out: Array<Json[] | { [k: string]: Json }> = [], depth = 0): Array<Json[] | { [k: string]: Json }> {
  if (depth > 40 || v === null || typeof v !== "object") return out;
  out.push(v);
  for (const x of Array.isArray(v) ? v : Object.values(v)) containers(x, out, depth + 1);
  return out;
}

function randomValue(r: Random): Json {
  switch (r.int(6)) {
    case 0:
      return r.pick(EXPRESSIONS);
    case 1:
      return r.pick(STRINGS);
    case 2:
      return r.pick([0, -1, 801, 1e308, 0.5, true, false, null]);
    case 3:
      return [r.pick(EXPRESSIONS), r.pick(STRINGS)];
    case 4:
      return { [r.pick(["a", "copy", "name", "__proto__", "$unknown"])]: r.pick(EXPRESSIONS) };
    default:
      return r.pick(EXPRESSIONS);
  }
}

const ACS = {
  type: "Microsoft.Communication/communicationServices",
  apiVersion: "2025-05-01",
  name: "acs-fuzz",
  location: "global",
  properties: { dataLocation: "Europe", disableLocalAuth: true },
};

/** Structure-aware mutations of a parsed template. */
const STRUCTURAL: Array<(t: { [k: string]: Json }, r: Random) => void> = [
  // swap a value for an expression or a hostile string
  (t, r) => {
    const c = r.pick(containers(t));
    const keys = Array.isArray(c) ? c.map((_, i) => i) : Object.keys(c);
    if (keys.length === 0) return;
    const k = r.pick(keys as Array<string | number>);
    (c as Record<string | number, Json>)[k] = randomValue(r);
  },
  // repeat a key in another case with another value
  (t, r) => {
    const objects = containers(t).filter((c): c is { [k: string]: Json } => !Array.isArray(c) && Object.keys(c).length > 0);
    if (objects.length === 0) return;
    const o = r.pick(objects);
    const k = r.pick(Object.keys(o));
    const other = k.toUpperCase() === k ? k.toLowerCase() : k.toUpperCase();
    if (other !== k) o[other] = randomValue(r);
  },
  // inflate or break copy loops
  (t, r) => {
    const resources = Array.isArray(t["resources"]) ? t["resources"] : [];
    const res = resources.length ? r.pick(resources) : undefined;
    if (res && typeof res === "object" && !Array.isArray(res))
      res["copy"] = { name: "c", count: r.pick([0, 1, 800, 801, -1, "[range(0, 3)]", "[parameters('n')]", "many"]) };
    const props = res && typeof res === "object" && !Array.isArray(res) ? res["properties"] : undefined;
    if (props && typeof props === "object" && !Array.isArray(props) && r.chance(0.5)) {
      props["copy"] = [
        {
          name: "list",
          count: r.pick([2, 800, 801]),
          input: r.chance(0.5) ? "[copyIndex('list')]" : { copy: [{ name: "inner", count: 800, input: "[copyIndex('inner')]" }] },
        },
      ];
    }
  },
  // nest the template in deployments
  (t, r) => {
    const inner = clone(t);
    let depth = 1 + r.int(20);
    let current: Json = inner;
    while (depth-- > 0) {
      current = {
        $schema: t["$schema"] ?? null,
        contentVersion: "1.0.0.0",
        resources: [
          {
            type: "Microsoft.Resources/deployments",
            apiVersion: "2022-09-01",
            name: `d${depth}`,
            properties: { mode: "Incremental", expressionEvaluationOptions: { scope: r.pick(["inner", "outer"]) }, template: current },
          },
        ],
      };
    }
    Object.assign(t, current);
  },
  // add links, inside and out of the tree
  (t, r) => {
    const resources = Array.isArray(t["resources"]) ? t["resources"] : (t["resources"] = []);
    resources.push({
      type: "Microsoft.Resources/deployments",
      apiVersion: "2022-09-01",
      name: "linked",
      properties: {
        mode: "Incremental",
        templateLink: { relativePath: r.pick(["self.json", "../../../../etc/passwd", "/dev/zero", "missing.json", "modules/x.json", "[concat('a', 'b')]"]) },
      },
    });
  },
  // a doubling variable chain (shared references)
  (t, r) => {
    const variables: { [k: string]: Json } = { v0: "[createArray('x', 'x')]" };
    const n = 1 + r.int(45);
    for (let i = 1; i <= n; i++) variables[`v${i}`] = `[createArray(variables('v${i - 1}'), variables('v${i - 1}'))]`;
    t["variables"] = { ...(typeof t["variables"] === "object" && !Array.isArray(t["variables"]) && t["variables"] ? t["variables"] : {}), ...variables };
    const resources = Array.isArray(t["resources"]) ? t["resources"] : (t["resources"] = []);
    resources.push({
      ...ACS,
      tags: {
        t: r.pick([`[variables('v${n}')]`, `[string(variables('v${n}'))]`, `[length(variables('v${n}'))]`, `[equals(variables('v${n}'), variables('v0'))]`]),
      },
    });
  },
  // an ACS resource with an inline suppression in its description
  (t, r) => {
    const resources = Array.isArray(t["resources"]) ? t["resources"] : (t["resources"] = []);
    resources.push({
      ...ACS,
      metadata: {
        description: `acs-baseline:suppress ${r.pick(["ACS-NET-001", "*", "ACS-***************Z"])}${" ".repeat(r.int(3) * 10_000)}: ${r.pick(STRINGS)}`,
      },
    });
  },
];

/** Text-level mutations of a serialised template: comments, line ends, escapes, BOM. */
const TEXTUAL: Array<(s: string, r: Random) => string> = [
  (s, r) => insertAtToken(s, r, r.pick(["// note\r", "// note\n", "/* c */", "\r", "\r\n", "\n\n", "\t", " /* \r\n */ "])),
  (s) => s.replace(/\n/g, "\r"),
  (s) => s.replace(/\n/g, "\r\n"),
  (s) => `\ufeff${s}`,
  (s, r) => {
    const at = s.indexOf('"', r.int(s.length));
    return at < 0 ? s : `${s.slice(0, at + 1)}${r.pick(["\\ud800", "\\udc00\\ud800", "\\'", "\\u0000", "\\uffff", "\\x41"])}${s.slice(at + 1)}`;
  },
  (s, r) => s.slice(0, r.int(s.length + 1)),
];

function insertAtToken(s: string, r: Random, text: string): string {
  const at = s.indexOf(r.pick([",", ":", "{", "["]), r.int(s.length));
  return at < 0 ? s : `${s.slice(0, at + 1)}${text}${s.slice(at + 1)}`;
}

/** Byte-level mutations: flips, random insertions, pure noise. */
function randomBytes(base: Uint8Array, r: Random): Uint8Array {
  const kind = r.int(4);
  if (kind === 0) return Uint8Array.from({ length: r.int(4096) }, () => r.int(256));
  const bytes = Uint8Array.from(base);
  const n = 1 + r.int(8);
  for (let i = 0; i < n && bytes.length > 0; i++)
    bytes[r.int(bytes.length)] = kind === 1 ? r.int(256) : r.pick([0x22, 0x5c, 0x0d, 0x0a, 0x2f, 0x2a, 0x7b, 0x5b, 0x00, 0xff]);
  return kind === 3 ? bytes.subarray(0, r.int(bytes.length + 1)) : bytes;
}

/** Text a Bicep source may hold, hostile or not: comments, line ends, strings, nesting, directives. */
const BICEP_SNIPPETS = [
  "// note\r",
  "/* c */",
  "/*",
  "\r",
  "\r\n",
  "'",
  "'''",
  "${",
  "}",
  "[",
  "{",
  "(",
  "\u0000",
  "\ud800",
  "\u202e",
  "@description('x')\n",
  "// acs-baseline-disable-next-line ACS-IAM-001: fuzz\n",
  "// acs-baseline-disable-next-line ACS-***************Z until 2020-01-01: fuzz\n",
  `var deep = ${"[".repeat(300)}${"]".repeat(300)}\n`,
  `var nested = ${Array.from({ length: 70 }).reduce<string>((s) => `'\${${s}}'`, "1")}\n`,
  "resource r 'Microsoft.Communication/communicationServices@2025-05-01' = {\n  name: 'x'\n  location: 'global'\n  properties: { disableLocalAuth: false }\n}\n",
  "module m './missing.bicep' = {\n  name: 'm'\n}\n",
  "for i in range(0, 800): ",
  "if (true) ",
];

/** A mutated Bicep source: snippets inserted at line starts or anywhere, lines repeated, line ends changed, cut. */
export function mutateBicep(source: Uint8Array, r: Random): Uint8Array {
  if (r.chance(0.15)) return randomBytes(source, r);
  let text = new TextDecoder().decode(source);
  const rounds = 1 + r.int(3);
  for (let i = 0; i < rounds; i++) {
    switch (r.int(5)) {
      case 0: {
        const at = r.chance(0.5) ? text.indexOf("\n", r.int(text.length)) + 1 : r.int(text.length + 1);
        text = `${text.slice(0, at)}${r.pick(BICEP_SNIPPETS)}${text.slice(at)}`;
        break;
      }
      case 1:
        text = text.replace(/\r?\n/g, r.pick(["\r", "\r\n", "\n\n"]));
        break;
      case 2: {
        const lines = text.split("\n");
        const at = r.int(lines.length);
        lines.splice(at, 0, ...Array<string>(1 + r.int(r.chance(0.1) ? 2000 : 3)).fill(lines[at] ?? ""));
        text = lines.join("\n");
        break;
      }
      case 3:
        text = text.slice(0, r.int(text.length + 1));
        break;
      default:
        text = insertAtToken(text, r, r.pick(["'${'${1}'}'", "any(", "null", "-1", "800", "true"]));
    }
  }
  return new TextEncoder().encode(text);
}

/** One fuzz input: from a fixture, a few structural and textual mutations, or random bytes. */
export function mutate(fixture: Uint8Array, r: Random): Uint8Array {
  if (r.chance(0.15)) return randomBytes(fixture, r);
  let text = new TextDecoder().decode(fixture);
  let parsed: Json | undefined;
  try {
    parsed = JSON.parse(text.replace(/^\ufeff/, "").replace(/^\s*\/\/.*$/gm, "")) as Json;
  } catch {
    parsed = undefined;
  }
  if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
    const rounds = 1 + r.int(3);
    for (let i = 0; i < rounds; i++) r.pick(STRUCTURAL)(parsed, r);
    text = JSON.stringify(parsed, null, r.pick([0, 2]));
  }
  if (r.chance(0.4)) text = r.pick(TEXTUAL)(text, r);
  return new TextEncoder().encode(text);
}
