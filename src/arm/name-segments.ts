import type { Value } from "./json.js";
import { derive } from "./expressions/derive.js";
import { mergeUnknowns } from "./expressions/values.js";
import { Unknown } from "./unknown.js";

/**
 * The `/`-separated segments of a resource name: a known name split, an unknown one by the
 * segments its `concat`/`format` left known (`[{mail}, 'AzureManagedDomain']`), else the name whole.
 */
export function nameSegments(name: Value): readonly Value[] {
  if (typeof name === "string") return name.split("/");
  if (name instanceof Unknown && name.facts.segments) return name.facts.segments;
  return [name];
}

/**
 * The full name of a nested child: `parent/child`. When a part is unknown, an unknown that keeps
 * the known part (`{appName}/appsettings`) and the segments, so that the child's id is the one
 * `resourceId(type, parent, 'appsettings')` gives elsewhere.
 */
export function joinNames(parent: Value, child: Value): Value {
  if (typeof parent === "string" && typeof child === "string") return `${parent}/${child}`;
  const unknowns = [parent, child].filter((v): v is Unknown => v instanceof Unknown);
  if (unknowns.length === 0) return new Unknown("error", "name", [], undefined, false, "a resource name is not a string");
  return derive("concat", [parent, "/", child], mergeUnknowns(unknowns));
}
