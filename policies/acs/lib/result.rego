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

# fail(chain, resource, path, message): the resource is provably non-compliant (message: see message below).
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
	"message": message,
}

# message(id, args) is a finding's message: the id of a template in the rule's METADATA
# (custom.messages) and the arguments it names. The evaluator renders it (src/locate/message.ts),
# and adds the condition of a resource deployed only under an unknown one; rules build no prose.
message(id, args) := {"id": id, "args": args}
