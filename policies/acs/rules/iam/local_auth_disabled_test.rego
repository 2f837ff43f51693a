package acs.rules.iam.local_auth_disabled_test

import data.acs.lib.testdata
import data.acs.rules.iam.local_auth_disabled as rule

_acs(api, props) := {
	"index": 0, "type": "Microsoft.Communication/communicationServices",
	"typeLower": "microsoft.communication/communicationservices", "apiVersion": api,
	"existing": false, "condition": true, "properties": props,
}

_deny(r) := d if {
	d := rule.deny with input as {"resources": [r]}
}

test_pass_disabled if count(_deny(_acs("2025-05-01", {"disableLocalAuth": true}))) == 0

test_pass_preview_of_first_able_version if count(_deny(_acs("2025-05-01-preview", {"disableLocalAuth": true}))) == 0

test_fail_enabled if {
	[f] := [f | some f in _deny(_acs("2026-03-18", {"disableLocalAuth": false}))]
	f.rule_id == "ACS-IAM-001"
	f.status == "fail"
	f.path == ["properties", "disableLocalAuth"]
	f.message == {"id": "enabled", "args": {}}
}

test_fail_absent if {
	[f] := [f | some f in _deny(_acs("2025-05-01", {}))]
	f.status == "fail"
	f.path == ["properties", "disableLocalAuth"]
	f.message == {"id": "not_set", "args": {}}
}

test_fail_not_a_bool_says_what_it_is if {
	[f] := [f | some f in _deny(_acs("2025-05-01", {"disableLocalAuth": "yes"}))]
	f.status == "fail"
	f.path == ["properties", "disableLocalAuth"]
	f.message == {"id": "not_true", "args": {"value": "yes"}}
}

test_fail_old_api_version_names_the_version_to_move_to if {
	[f] := [f | some f in _deny(_acs("2023-04-01", {"disableLocalAuth": true}))]
	f.status == "fail"
	f.path == ["apiVersion"]
	f.message.id == "api_too_old"
	f.message.args.first == "2025-05-01"
}

test_unknown_when_value_is_unknown if {
	v := {"$unknown": {"reason": "missing-parameter", "expression": "[parameters('disableLocalAuth')]"}}
	[f] := [f | some f in _deny(_acs("2025-05-01", {"disableLocalAuth": v}))]
	f.path == ["properties", "disableLocalAuth"]
	f.status == "unknown"
	f.message.id == "depends"
	f.message.args.value["$unknown"].expression == "[parameters('disableLocalAuth')]"
}

test_existing_service_is_not_judged if {
	r := object.union(_acs("2025-05-01", {}), {"existing": true})
	count(_deny(r)) == 0
}

test_type_matched_case_insensitively_via_type_lower if {
	r := object.union(_acs("2025-05-01", {}), {"type": "Microsoft.Communication/CommunicationServices"})
	testdata.verdicts(_deny(r)) == {["fail", ["properties", "disableLocalAuth"]]}
}

test_unknown_when_all_properties_are_unknown if {
	[f] := [f | some f in _deny(_acs("2025-05-01", {"$unknown": {"reason": "missing-parameter", "expression": "[parameters('props')]"}}))]
	f.path == ["properties", "disableLocalAuth"]
	f.status == "unknown"
}

test_bool_parameter_is_judged_per_value if {
	[f] := [f | some f in _deny(_acs("2025-05-01", {"disableLocalAuth": {"$unknown": {"expression": "x", "domain": {"parameter": "off", "cases": [{"when": true, "value": true}, {"when": false, "value": false}]}}}}))]
	f.path == ["properties", "disableLocalAuth"]
	f.status == "unknown"
	f.message == {"id": "some_values_enabled", "args": {"parameter": "off", "values": [false]}}
	count(_deny(_acs("2025-05-01", {"disableLocalAuth": {"$unknown": {"expression": "x", "domain": {"parameter": "on", "cases": [{"when": true, "value": true}]}}}}))) == 0
	[g] := [g | some g in _deny(_acs("2025-05-01", {"disableLocalAuth": {"$unknown": {"expression": "x", "domain": {"parameter": "on", "cases": [{"when": true, "value": false}, {"when": false, "value": false}]}}}}))]
	g.status == "fail"
}

# An API version from a parameter without a value may predate the property, which ARM then ignores.
test_unknown_api_version_with_the_property_set_is_unknown if {
	[f] := [f | some f in _deny(_acs({"$unknown": {"reason": "missing-parameter", "expression": "[parameters('v')]"}}, {"disableLocalAuth": true}))]
	f.status == "unknown"
	f.path == ["apiVersion"]
	f.message.id == "api_depends"
}

test_unknown_api_version_with_the_property_false_fails if {
	[f] := [f | some f in _deny(_acs({"$unknown": {"reason": "missing-parameter", "expression": "[parameters('v')]"}}, {"disableLocalAuth": false}))]
	f.status == "fail"
	f.message.id == "enabled"
}
