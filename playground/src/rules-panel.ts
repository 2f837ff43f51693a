import type { RuleMeta, Severity, UnknownHandling } from "../../src/browser/index.js";
import type { PlaygroundState } from "./state.js";

type Options = Pick<PlaygroundState, "rules" | "ruleParameters" | "templateParameters" | "failOn" | "unknown">;

/** A parameter's schema, as far as the panel reads it. */
interface ParameterSchema {
  default?: unknown;
  description?: string;
}

/**
 * The "Rules & parameters" panel: a row per rule (on/off, severity, each parameter as a JSON
 * value), the run's threshold and unknown handling, and template parameters. Reads out only what
 * differs from the defaults, so a share link stays short and the scanner's own defaults apply.
 */
export class RulesPanel {
  private readonly body = byId<HTMLTableSectionElement>("rules");
  private readonly failOn = byId<HTMLSelectElement>("fail-on");
  private readonly unknown = byId<HTMLSelectElement>("unknown");
  private readonly templateParameters = byId<HTMLTextAreaElement>("template-parameters");
  private readonly error = byId<HTMLElement>("options-error");
  private rules: RuleMeta[] = [];

  constructor(private readonly onChange: () => void) {
    for (const input of [this.failOn, this.unknown, this.templateParameters]) input.addEventListener("input", onChange);
  }

  /** Lists the rules and shows the given options. */
  show(rules: RuleMeta[], options: Options): void {
    this.rules = rules;
    this.body.replaceChildren(...rules.map((rule) => this.row(rule, options)));
    this.failOn.value = options.failOn;
    this.unknown.value = options.unknown;
    this.templateParameters.value = Object.keys(options.templateParameters).length > 0 ? JSON.stringify(options.templateParameters, null, 2) : "";
  }

  /** The options as set, or a message naming the first value that is not valid JSON. */
  read(): Options | string {
    const rules: Record<string, boolean> = {};
    const ruleParameters: Record<string, Record<string, unknown>> = {};
    for (const rule of this.rules) {
      const on = this.body.querySelector<HTMLInputElement>(`input[data-rule="${rule.id}"]`)!.checked;
      if (on !== rule.defaultEnabled) rules[rule.id] = on;
      for (const [name, schema] of parametersOf(rule)) {
        const text = this.body.querySelector<HTMLInputElement>(`input[data-rule="${rule.id}"][data-parameter="${name}"]`)!.value.trim();
        if (text === "" || text === JSON.stringify(schema.default)) continue;
        const value = parseJson(text);
        if (value instanceof Error) return `${rule.id} ${name}: not a JSON value (${value.message})`;
        (ruleParameters[rule.id] ??= {})[name] = value;
      }
    }
    const templateText = this.templateParameters.value.trim();
    const templateParameters = templateText === "" ? {} : parseJson(templateText);
    if (templateParameters instanceof Error) return `template parameters: not valid JSON (${templateParameters.message})`;
    if (typeof templateParameters !== "object" || templateParameters === null || Array.isArray(templateParameters))
      return "template parameters: must be a JSON object";
    return {
      rules,
      ruleParameters,
      templateParameters: templateParameters as Record<string, unknown>,
      failOn: this.failOn.value as Severity,
      unknown: this.unknown.value as UnknownHandling,
    };
  }

  /** Shows why the options were refused (or clears it). */
  showError(message: string | undefined): void {
    this.error.hidden = message === undefined;
    this.error.textContent = message ?? "";
  }

  private row(rule: RuleMeta, options: Options): HTMLTableRowElement {
    const tr = document.createElement("tr");
    const toggle = element("input", { type: "checkbox" });
    toggle.dataset["rule"] = rule.id;
    toggle.checked = options.rules[rule.id] ?? rule.defaultEnabled;
    toggle.setAttribute("aria-label", `${rule.id} on`);
    toggle.addEventListener("change", this.onChange);
    const name = element("td", {});
    name.append(element("strong", { textContent: rule.id }), " ", rule.title);
    const parameters = element("td", {});
    for (const [parameter, schema] of parametersOf(rule)) {
      const input = element("input", { type: "text", spellcheck: false, title: schema.description ?? "" });
      input.dataset["rule"] = rule.id;
      input.dataset["parameter"] = parameter;
      const given = options.ruleParameters[rule.id]?.[parameter];
      input.value = JSON.stringify(given !== undefined ? given : schema.default);
      input.addEventListener("change", this.onChange);
      const label = element("label", { className: "parameter" });
      label.append(parameter, input);
      parameters.append(label);
    }
    const on = element("td", {});
    on.append(toggle);
    tr.append(on, name, element("td", { textContent: rule.severity, className: `severity severity-${rule.severity}` }), parameters);
    return tr;
  }
}

function parametersOf(rule: RuleMeta): Array<[string, ParameterSchema]> {
  const properties = (rule.parameters as { properties?: Record<string, ParameterSchema> }).properties ?? {};
  return Object.entries(properties);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]>): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}
