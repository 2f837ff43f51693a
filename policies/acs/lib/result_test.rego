package acs.lib.result_test

import data.acs.lib.result

_chain := [
	{"path": ["acs", "rules", "x", "y", "deny"]},
	{"path": ["acs", "rules", "x", "y"], "annotations": {"custom": {"id": "ACS-X-001"}}},
]

test_fail_finding_shape if {
	result.fail(_chain, {"index": 3, "condition": true}, ["properties", "a"], result.message("bad", {"x": 1})) == {
		"rule_id": "ACS-X-001", "status": "fail", "subject": {"kind": "resource", "index": 3},
		"path": ["properties", "a"], "message": {"id": "bad", "args": {"x": 1}},
	}
}

test_unknown_finding_status if {
	result.unknown(_chain, {"index": 0}, [], "depends").status == "unknown"
}

test_findings_on_outputs_parameters_and_variables if {
	result.fail_on(_chain, "output", {"index": 2}, ["value"], "x").subject == {"kind": "output", "index": 2}
	result.unknown_on(_chain, "parameter", {"index": 1}, [], "x").status == "unknown"
}
