# METADATA
# title: Unknown-aware value helpers
# description: >-
#   The expander marks every value it cannot resolve before deployment as an object with one
#   reserved key, "$unknown". These helpers let rules tell such a value from a known one.
#   Never negate a helper that is false merely because a value is unknown: guard with is_known.
# custom:
#   library: true
package acs.lib.value

# is_unknown(x) holds when x is a value the expander could not resolve.
is_unknown(x) if {
	is_object(x)
	is_object(x["$unknown"])
}

# is_known(x) holds for every value that is not an unknown marker (null and absent included).
is_known(x) if not is_unknown(x)

# describe(x) names what an unknown value depends on, for messages: the expression, and why it is unknown.
describe(x) := concat("", [x["$unknown"].expression, " (", x["$unknown"].detail, ")"]) if {
	is_string(x["$unknown"].expression)
	is_string(x["$unknown"].detail)
} else := x["$unknown"].expression if {
	is_string(x["$unknown"].expression)
} else := "a value not known before deployment"
