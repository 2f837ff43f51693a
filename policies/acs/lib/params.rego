# METADATA
# title: Rule parameters
# description: >-
#   Rule parameters arrive as data.parameters[<rule id>][<name>], set by the evaluator from the
#   user's configuration (validated there against the rule's parameter schema). A rule states its
#   default in Rego, so the compiled policy works with no data at all.
# custom:
#   library: true
package acs.lib.params

import data.acs.lib.result

# value(chain, name, fallback) is the configured parameter of the rule whose chain is given, or fallback.
value(chain, name, fallback) := v if {
	v := data.parameters[result.rule_id(chain)][name]
} else := fallback
