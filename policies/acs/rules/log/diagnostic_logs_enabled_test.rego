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
