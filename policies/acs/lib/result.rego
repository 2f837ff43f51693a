# METADATA
# title: Findings
# description: >-
#   Builds the structured findings every rule emits. The rule id comes from the annotations of
#   the rule's package (the last entry of rego.metadata.chain()), so it is written in one place.
#   Findings name their subject by index into the input and the offending property by path;
#   they know nothing of files or lines.
# custom:
#   library: true
package acs.lib.result

import data.acs.lib.value

# fail(chain, resource, path, message): the resource is provably non-compliant.
fail(chain, resource, path, message) := _finding(chain, "fail", resource, path, message)

# unknown(chain, resource, path, message): the verdict depends on a value not known before deployment.
unknown(chain, resource, path, message) := _finding(chain, "unknown", resource, path, message)

# rule_id(chain) is the id in the package METADATA of the rule that called rego.metadata.chain().
rule_id(chain) := chain[count(chain) - 1].annotations.custom.id

_finding(chain, status, resource, path, message) := {
	"rule_id": rule_id(chain),
	"status": status,
	"subject": {"kind": "resource", "index": resource.index},
	"path": path,
	"message": concat("", [message, _conditional_note(resource)]),
}

_conditional_note(resource) := concat("", [" (the resource is deployed only when ", value.describe(resource.condition), ")"]) if {
	value.is_unknown(resource.condition)
} else := ""
