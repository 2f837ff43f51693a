# METADATA
# title: Findings
# description: >-
#   Builds the structured findings every rule emits. The rule id comes from the annotations of
#   the rule's package (the last entry of rego.metadata.chain()), so it is written in one place.
#   Findings name their subject by kind and index into the input and the offending property by
#   path; they know nothing of files or lines.
# custom:
#   library: true
package acs.lib.result

import data.acs.lib.value

# fail(chain, resource, path, message): the resource is provably non-compliant.
fail(chain, resource, path, message) := _finding(chain, "fail", "resource", resource, path, message)

# unknown(chain, resource, path, message): the verdict depends on a value not known before deployment.
unknown(chain, resource, path, message) := _finding(chain, "unknown", "resource", resource, path, message)

# fail_on(chain, kind, entry, path, message): a failing finding on an output, parameter or variable.
fail_on(chain, kind, entry, path, message) := _finding(chain, "fail", kind, entry, path, message)

# unknown_on(chain, kind, entry, path, message): an unknown finding on an output, parameter or variable.
unknown_on(chain, kind, entry, path, message) := _finding(chain, "unknown", kind, entry, path, message)

# rule_id(chain) is the id in the package METADATA of the rule that called rego.metadata.chain().
rule_id(chain) := chain[count(chain) - 1].annotations.custom.id

_finding(chain, status, kind, entry, path, message) := {
	"rule_id": rule_id(chain),
	"status": status,
	"subject": {"kind": kind, "index": entry.index},
	"path": path,
	"message": concat("", [message, _conditional_note(entry)]),
}

_conditional_note(entry) := concat("", [" (the resource is deployed only when ", value.describe(entry.condition), ")"]) if {
	value.is_unknown(entry.condition)
} else := ""

# in_module(entry) names the nested deployment (module) an output, parameter or variable belongs
# to, for messages: " of nested deployment a > b", or "" for the scanned template's own.
in_module(entry) := concat("", [" of nested deployment ", concat(" > ", entry.deployments)]) if count(entry.deployments) > 0

else := ""
