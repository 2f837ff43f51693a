package acs.lib.value_test

import data.acs.lib.value

_unknown := {"$unknown": {"reason": "missing-parameter", "expression": "[parameters('x')]"}}

test_unknown_marker_is_unknown if value.is_unknown(_unknown)

test_plain_object_is_known if {
	value.is_known({"a": 1})
	not value.is_unknown({"a": 1})
}

test_scalars_are_known if {
	value.is_known(false)
	value.is_known(null)
	value.is_known("$unknown")
}

test_describe_names_the_expression if value.describe(_unknown) == "[parameters('x')]"

test_describe_adds_the_detail if {
	value.describe({"$unknown": {"expression": "[parameters('x')]", "detail": "parameter x has no value"}}) == "[parameters('x')] (parameter x has no value)"
}

test_describe_without_expression if {
	value.describe({"$unknown": {"reason": "runtime"}}) == "a value not known before deployment"
}
