package acs.rules.log.logs_to_log_analytics_test

import data.acs.lib.testdata
import data.acs.rules.log.logs_to_log_analytics as rule

_setting(props) := object.union(testdata.resource(1, "Microsoft.Insights/diagnosticSettings", "d", props), {"scope": testdata.acs_id})

_deny(resources) := d if {
	d := rule.deny with input as {"resources": resources}
}

test_fail_none if testdata.verdicts(_deny([testdata.acs({})])) == {["fail", []]}

test_fail_storage_only if {
	testdata.verdicts(_deny([testdata.acs({}), _setting({"storageAccountId": "/st", "logs": [{"categoryGroup": "allLogs", "enabled": true}]})])) == {["fail", []]}
}

test_pass_workspace if {
	count(_deny([testdata.acs({}), _setting({"workspaceId": "/w", "logs": [{"category": "ChatOperational", "enabled": true}]})])) == 0
}

test_fail_workspace_without_enabled_logs if testdata.verdicts(_deny([testdata.acs({}), _setting({"workspaceId": "/w", "logs": []})])) == {["fail", []]}

test_unknown_workspace if {
	[f] := [f | some f in _deny([testdata.acs({}), _setting({"workspaceId": testdata.missing("[parameters('ws')]"), "logs": [{"categoryGroup": "allLogs", "enabled": true}]})])]
	f.path == []
	f.status == "unknown"
}

test_unknown_names_the_values_of_a_bool_parameter_that_switch_the_logs_off if {
	on := testdata.finite("logs", [true, false])
	[f] := [f | some f in _deny([testdata.acs({}), _setting({"workspaceId": "/w", "logs": [{"categoryGroup": "allLogs", "enabled": on}]})])]
	f.status == "unknown"
	f.message == {"id": "fails_when", "args": {"parameter": "logs", "values": [false]}}
}

test_unknown_workspace_names_no_values if {
	on := testdata.finite("logs", [true, false])
	[f] := [f | some f in _deny([testdata.acs({}), _setting({"workspaceId": testdata.missing("[parameters('ws')]"), "logs": [{"categoryGroup": "allLogs", "enabled": on}]})])]
	f.message.id == "depends"
}

# A workspace id not known before deployment but provably one: resourceId() of a workspace named by
# a parameter, or an id whose known beginning is not empty. A bare parameter stays unknown (above).
test_pass_workspace_id_provably_a_workspace if {
	logs := [{"categoryGroup": "allLogs", "enabled": true}]
	by_id := {"$unknown": {"reason": "missing-parameter", "expression": "[resourceId('Microsoft.OperationalInsights/workspaces', parameters('ws'))]", "target": {"type": "microsoft.operationalinsights/workspaces"}}}
	count(_deny([testdata.acs({}), _setting({"workspaceId": by_id, "logs": logs})])) == 0
	prefixed := {"$unknown": {"reason": "missing-parameter", "expression": "[format('/subscriptions/{0}/x', parameters('s'))]", "prefix": "/subscriptions/"}}
	count(_deny([testdata.acs({}), _setting({"workspaceId": prefixed, "logs": logs})])) == 0
}
