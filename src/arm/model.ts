import type { Value } from "./json.js";
import type { Unknown } from "./unknown.js";

/** Where a resource was declared, and where values that came from elsewhere were written. */
export interface ResourceSource {
  /** The file that declares the resource. */
  file: string;
  /** JSON pointer of the resource's declaration in `file`. */
  pointer: string;
  /**
   * Pointers of values written somewhere other than below `pointer` (a property copy loop's
   * `input`, for example), keyed by the value's pointer relative to the resource.
   */
  values: Record<string, string>;
}

/** One resource as ARM would deploy it, with every value resolved or an explicit `Unknown`. */
export interface ExpandedResource {
  /** Full type as written (`Microsoft.Communication/communicationServices`, children joined with `/`). */
  type: string;
  typeLower: string;
  apiVersion: Value;
  /** Full name (`parent/child` for child resources). */
  name: Value;
  /** Full resource id. */
  id: Value;
  /** The key of the resource in a languageVersion 2.0 template's `resources` object. */
  symbolicName?: string;
  location?: Value;
  properties?: Value;
  identity?: Value;
  sku?: Value;
  kind?: Value;
  tags?: Value;
  /** For extension resources: the full id of the resource they extend. */
  scope?: Value;
  /**
   * For a child resource whose id is unknown: its parent's id, known or unknown (a known id's
   * parent is the id without its last type and name).
   */
  parentId?: Value;
  /** The resource's `metadata` object (ARM ignores it; Bicep's `@description` writes `description` there). */
  metadata?: Value;
  /** True for `existing` references, which are resolvable but not deployed. */
  existing: boolean;
  /** The evaluated `condition`: true, or unknown (false ones are not emitted). */
  condition: true | Unknown;
  /** Names of the nested deployments the resource came through, outermost first. */
  deployments: string[];
  source: ResourceSource;
}

/** A declared template parameter and the value the expansion used. */
export interface ExpandedParameter {
  name: string;
  /** Declared type, lower-cased (`string`, `securestring`, `object`, ...). */
  type: string;
  secure: boolean;
  /** The value the expansion used (parameter file, caller, default, null, or unknown). */
  value: Value;
  /** The evaluated `defaultValue`, when the declaration has one. */
  defaultValue?: Value;
  /** Where the value was written when it came from a parameter file. */
  valueSource?: { file: string; pointer: string };
  /**
   * Where the value came from: a parameter file, the scan's own parameter values (`--param`), a
   * module's (nested deployment's) caller, the declaration's default, or nowhere.
   */
  origin: ParameterOrigin;
  /** The nested deployments whose template declares the parameter (empty for the scanned template). */
  deployments: string[];
  file: string;
  pointer: string;
}

/** Where a parameter's value came from. */
export type ParameterOrigin = "parameter-file" | "argument" | "module-input" | "default" | "none";

/** A template variable and its evaluated value (every variable, used or not). */
export interface ExpandedVariable {
  name: string;
  value: Value;
  deployments: string[];
  file: string;
  pointer: string;
}

/** A template output and its evaluated value. */
export interface ExpandedOutput {
  name: string;
  type: string;
  secure: boolean;
  value: Value;
  deployments: string[];
  file: string;
  pointer: string;
}

/** Something the expansion wants the user to know (an unresolved input, a skipped linked template). */
export interface ExpansionNotice {
  level: "warning" | "notice";
  message: string;
  file: string;
  pointer: string;
}

/**
 * A part of the template (a resource, output, parameter, variable or module) that could not be
 * expanded. The rest of the template is still expanded and judged; the part is reported as an error.
 */
export interface ExpansionError {
  message: string;
  file: string;
  pointer: string;
}

/** The result of expanding one template. */
export interface ExpandedTemplate {
  file: string;
  resources: ExpandedResource[];
  parameters: ExpandedParameter[];
  variables: ExpandedVariable[];
  outputs: ExpandedOutput[];
  notices: ExpansionNotice[];
  /** Parts that could not be expanded (empty when the whole template was). */
  errors: ExpansionError[];
}
