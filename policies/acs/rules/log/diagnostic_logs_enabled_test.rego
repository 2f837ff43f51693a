package acs.rules.log.diagnostic_logs_enabled_test

import data.acs.lib.testdata
import data.acs.rules.log.diagnostic_logs_enabled as rule

_setting(props) := object.union(testdata.resource(1, "Microsoft.Insights/diagnosticSettings", "d", props), {"scope": testdata.acs_id})

_all_logs := {"workspaceId": "/w", "logs": [{"categoryGroup": "allLogs", "enabled": true}]}

_deny(resources) := d if {
	d := rule.deny with input as {"resources": resources}
}

test_fail_no_setting if {
	[f] := [f | some f in _deny([testdata.acs({})])]
	f.status == "fail"
	f.path == []
	f.message.id == "no_setting"
}

test_pass_all_logs if count(_deny([testdata.acs({}), _setting(_all_logs)])) == 0

test_fail_disabled_logs if testdata.verdicts(_deny([testdata.acs({}), _setting({"workspaceId": "/w", "logs": [{"categoryGroup": "allLogs", "enabled": false}]})])) == {["fail", []]}

test_fail_no_destination if testdata.verdicts(_deny([testdata.acs({}), _setting({"logs": [{"categoryGroup": "allLogs", "enabled": true}]})])) == {["fail", []]}

test_fail_categories_without_parameter if {
	testdata.verdicts(_deny([testdata.acs({}), _setting({"workspaceId": "/w", "logs": [{"category": "ChatOperational", "enabled": true}]})])) == {["fail", []]}
}

test_pass_required_categories if {
	s := _setting({"storageAccountId": "/st", "logs": [{"category": "ChatOperational", "enabled": true}, {"category": "SMSOperational", "enabled": true}]})
	d := rule.deny with input as {"resources": [testdata.acs({}), s]}
		with data.parameters as {"ACS-LOG-001": {"requiredLogCategories": ["chatoperational", "SMSOperational"]}}
	count(d) == 0
}

test_unknown_enabled if {
	[f] := [f | some f in _deny([testdata.acs({}), _setting({"workspaceId": "/w", "logs": [{"categoryGroup": "allLogs", "enabled": testdata.missing("[parameters('on')]")}]})])]
	f.path == []
	f.status == "unknown"
}

test_unknown_names_the_values_of_a_bool_parameter_that_switch_the_logs_off if {
	on := testdata.finite("logs", [true, false])
	[f] := [f | some f in _deny([testdata.acs({}), _setting({"workspaceId": "/w", "logs": [{"categoryGroup": "allLogs", "enabled": on}]})])]
	f.status == "unknown"
	f.message == {"id": "fails_when", "args": {"logs": {"id": "all_logs", "args": {}}, "parameter": "logs", "values": [false]}}
}

test_unknown_names_the_values_for_which_no_setting_covers_the_logs if {
	level := {"$unknown": {"reason": "missing-parameter", "expression": "[parameters('level')]", "domain": {"parameter": "level", "cases": [{"when": "all", "value": true}, {"when": "some", "value": false}, {"when": "none", "value": false}]}}}
	chat := {"$unknown": {"reason": "missing-parameter", "expression": "[parameters('level')]", "domain": {"parameter": "level", "cases": [{"when": "all", "value": true}, {"when": "some", "value": true}, {"when": "none", "value": false}]}}}
	all_logs := _setting({"workspaceId": "/w", "logs": [{"categoryGroup": "allLogs", "enabled": level}]})
	categories := object.union(_setting({"workspaceId": "/w", "logs": [{"category": "ChatOperational", "enabled": chat}]}), {"index": 2})
	d := rule.deny with input as {"resources": [testdata.acs({}), all_logs, categories]}
		with data.parameters as {"ACS-LOG-001": {"requiredLogCategories": ["ChatOperational"]}}
	[f] := [f | some f in d]
	f.status == "unknown"
	f.message.args.values == ["none"]
}

test_unknown_does_not_name_values_when_two_parameters_switch_the_logs if {
	a := testdata.finite("a", [true, false])
	b := testdata.finite("b", [true, false])
	[f] := [f | some f in _deny([testdata.acs({}), _setting({"workspaceId": "/w", "logs": [{"categoryGroup": "allLogs", "enabled": a}, {"categoryGroup": "allLogs", "enabled": b}]})])]
	f.status == "unknown"
	f.message.id == "depends"
}
