import type { RuleMeta } from "../catalog/index.js";
import type { FindingMessage } from "../engine/index.js";
import { MAX_QUOTED_EXPRESSION, clipText } from "../arm/index.js";

/**
 * Renders a finding's message from the rule's template (its METADATA `custom.messages`) and the
 * arguments the rule gave, so that rewording a message never touches the Rego.
 *
 * A template is text with placeholders `{name}` or `{name|filter}`:
 *  - `{name}`: a string as it is; a value not known before deployment (`{"$unknown": ...}`) as
 *    what it depends on; a nested message (`{id, args}`) rendered with the same rule's templates;
 *    anything else as JSON;
 *  - `|json`: the value as JSON (`"None"`, with the quotes);
 *  - `|or`: a list of values, each quoted (`'Antarctica'`, or JSON when not a string), joined by " or ";
 *  - `|comma`, `|and`, `|semicolon`: a list, each item rendered as `{name}` is, joined by ", ", " and ", "; ";
 *  - `|module`: a list of nested deployment names: " of nested deployment a > b", or "" when empty.
 * An unknown or a nested message reads as `{name}` renders it under every filter, inside lists too.
 */
export function renderMessage(rule: Pick<RuleMeta, "id" | "messages">, message: FindingMessage): string {
  const template = Object.hasOwn(rule.messages, message.id) ? rule.messages[message.id] : undefined;
  if (typeof template !== "string") throw new Error(`rule ${rule.id} reported message ${message.id}, which its METADATA does not define`);
  return template.replace(PLACEHOLDER, (_, name: string, filter: string | undefined) => {
    if (!Object.hasOwn(message.args, name) || message.args[name] === undefined)
      throw new Error(`message ${message.id} of rule ${rule.id} uses {${name}}, which the rule did not give`);
    return applyFilter(rule, message.args[name], filter);
  });
}

/**
 * Values quoted in a message are cut at 100 characters (expressions at 300), lists after
 * `MAX_LISTED` items: the values come from the template, and may be megabytes long.
 */
const MAX_LISTED = 20;

/** `{name}` or `{name|filter}`; names and filters are identifiers. */
export const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)(?:\|([a-z]+))?\}/g;

/** The filters a placeholder may name. */
export const FILTERS = ["json", "or", "comma", "and", "semicolon", "module"] as const;

const JOINS: Record<string, string> = { comma: ", ", and: " and ", semicolon: "; " };

function applyFilter(rule: Pick<RuleMeta, "id" | "messages">, value: unknown, filter: string | undefined): string {
  if (filter === undefined) return plain(rule, value);
  if (filter === "json") return json(rule, value);
  const all = Array.isArray(value) ? value : [value];
  // (a rule may list every value of a parameter that fails, and a nested deployment can be named by a template)
  const list = all.slice(0, MAX_LISTED);
  const more = all.length > MAX_LISTED ? ` (and ${all.length - MAX_LISTED} more)` : "";
  if (filter === "or") return list.map((v) => (typeof v === "string" ? `'${clipText(v)}'` : json(rule, v))).join(" or ") + more;
  if (filter === "module") return list.length > 0 ? ` of nested deployment ${list.map((v) => plain(rule, v)).join(" > ")}${more}` : "";
  const separator = JOINS[filter];
  if (separator === undefined) throw new Error(`unknown message filter |${filter} in rule ${rule.id}`);
  return list.map((v) => plain(rule, v)).join(separator) + more;
}

function plain(rule: Pick<RuleMeta, "id" | "messages">, value: unknown): string {
  if (typeof value === "string") return clipText(value);
  if (isMarker(value)) return describeUnknown(value["$unknown"]);
  if (isNested(value)) return renderMessage(rule, value);
  return json(rule, value);
}

/**
 * A known value as JSON. An unknown or a nested message, alone or inside a list or object, reads
 * as `{name}` renders it: people never see a raw `{"$unknown": ...}` marker.
 */
function json(rule: Pick<RuleMeta, "id" | "messages">, value: unknown): string {
  if (isMarker(value) || isNested(value)) return plain(rule, value);
  return clipText(JSON.stringify(value, (_, v: unknown) => (v !== value && (isMarker(v) || isNested(v)) ? plain(rule, v) : v)));
}

/** What an unknown value depends on, for people: its expression, and why it is unknown. */
export function describeUnknown(facts: Record<string, unknown>): string {
  const { expression, detail } = facts;
  if (typeof expression !== "string") return "a value not known before deployment";
  const shown = clipText(expression, MAX_QUOTED_EXPRESSION);
  return typeof detail === "string" ? `${shown} (${clipText(detail, MAX_QUOTED_EXPRESSION)})` : shown;
}

function isMarker(value: unknown): value is { $unknown: Record<string, unknown> } {
  const facts = typeof value === "object" && value !== null ? (value as Record<string, unknown>)["$unknown"] : undefined;
  return typeof facts === "object" && facts !== null;
}

function isNested(value: unknown): value is FindingMessage {
  if (typeof value !== "object" || value === null) return false;
  const { id, args } = value as Record<string, unknown>;
  return typeof id === "string" && typeof args === "object" && args !== null;
}
