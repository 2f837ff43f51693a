import type { Severity } from "../model/finding.js";

/** A link that explains a rule or its source. */
export interface RuleReference {
  url: string;
  description: string;
}

/** Everything known about one rule, taken from its Rego METADATA at build time. */
export interface RuleMeta {
  /** Stable id users see, e.g. `ACS-IAM-001`. */
  id: string;
  /** The Rego slug, e.g. `local_auth_disabled`. */
  longId: string;
  /** The Rego package, e.g. `acs.rules.iam.local_auth_disabled`. */
  package: string;
  title: string;
  description: string;
  severity: Severity;
  /** Whether the rule runs when configuration says nothing about it. */
  defaultEnabled: boolean;
  remediation: string;
  /** Resource types the rule judges. */
  resourceTypes: string[];
  /** Sections of the ACS security baseline the rule enforces. */
  baseline: string[];
  /** Azure Policy built-in definition ids that check the same control. */
  azurePolicy: string[];
  references: RuleReference[];
  /** JSON Schema of the rule's parameters (an object schema). */
  parameters: Record<string, unknown>;
  /** The words of the ACS security baseline the rule enforces. */
  baselineQuote: string;
  /** How to fix it, as ARM JSON and as Bicep. */
  fix: { arm: string; bicep: string };
  /** When suppressing the rule is the right call. */
  suppressWhen: string;
  /** Message templates by id (`{name}` placeholders; see src/locate/message.ts). */
  messages: Record<string, string>;
  /** The Rego file that defines the rule, relative to the package root. */
  source: string;
}

/** The rule catalog shipped beside the compiled policy. */
export interface RuleCatalog {
  schemaVersion: 1;
  opaVersion: string;
  /** SHA-256 of the policy.wasm this catalog was built with. */
  policySha256: string;
  rules: RuleMeta[];
}
