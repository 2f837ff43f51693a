package acs.lib.params_test

import data.acs.lib.params

_chain := [{"path": ["acs", "rules", "x", "y"], "annotations": {"custom": {"id": "ACS-X-001"}}}]

test_default_without_data if params.value(_chain, "limit", 3) == 3

test_configured_value_wins if {
	params.value(_chain, "limit", 3) == 5 with data.parameters as {"ACS-X-001": {"limit": 5}}
}

test_false_is_a_value if {
	params.value(_chain, "strict", true) == false with data.parameters as {"ACS-X-001": {"strict": false}}
}

test_other_rules_parameters_are_ignored if {
	params.value(_chain, "limit", 3) == 3 with data.parameters as {"ACS-Y-001": {"limit": 5}}
}
