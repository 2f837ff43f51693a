package acs.lib.diagnostics_test

import data.acs.lib.diagnostics
import data.acs.lib.testdata

_setting(scope, props) := object.union(testdata.resource(1, "Microsoft.Insights/diagnosticSettings", "d", props), {"scope": scope})

test_targeting_matches_ids_case_insensitively if {
	s := _setting(upper(testdata.acs_id), {})
	diagnostics.targeted(testdata.acs({})) with input as {"resources": [s]}
	count(diagnostics.by_key[lower(testdata.acs_id)]) == 1 with input as {"resources": [s]}
}

test_not_targeted_by_a_setting_of_another_resource if {
	s := _setting("/subscriptions/s/other", {})
	not diagnostics.targeted(testdata.acs({})) with input as {"resources": [s]}
}

test_may_target_when_scope_unknown if {
	s := _setting(testdata.missing("[parameters('scope')]"), {})
	diagnostics.may_target(testdata.acs({})) with input as {"resources": [s]}
}

test_not_when_scope_is_another_type if {
	u := {"$unknown": {"reason": "missing-parameter", "expression": "x", "target": {"type": "microsoft.storage/storageaccounts"}}}
	not diagnostics.may_target(testdata.acs({})) with input as {"resources": [_setting(u, {})]}
}

test_destinations if {
	diagnostics.has_destination({"properties": {"workspaceId": "/w"}})
	diagnostics.has_destination({"properties": {"storageAccountId": testdata.missing("x")}})
	not diagnostics.has_destination({"properties": {"workspaceId": ""}})
}

test_enabled_logs if {
	count(diagnostics.enabled_logs({"properties": {"logs": [{"enabled": true}, {"enabled": false}]}})) == 1
}

test_undecided if {
	diagnostics.undecided({"properties": {"logs": [{"enabled": testdata.missing("x")}]}})
	not diagnostics.undecided({"properties": {"logs": [{"enabled": true}]}})
}

test_may_target_when_unknown_scope_is_this_type if {
	u := {"$unknown": {"reason": "missing-parameter", "expression": "x", "target": {"type": "microsoft.communication/communicationservices"}}}
	diagnostics.may_target(testdata.acs({})) with input as {"resources": [_setting(u, {})]}
}

test_targeting_groups_settings_by_scope if {
	other := object.union(_setting("/subscriptions/s/other", {}), {"index": 2})
	both := [_setting(testdata.acs_id, {}), object.union(_setting(lower(testdata.acs_id), {}), {"index": 3}), other]
	[a, b] := diagnostics.by_key[lower(testdata.acs_id)] with input as {"resources": both}
	[a.index, b.index] == [1, 3]
	count(diagnostics.by_key) == 2 with input as {"resources": both}
}

test_logs_switched_by_a_bool_parameter_are_judged_for_each_value if {
	on := {"properties": {"logs": [{"enabled": testdata.finite("logs", [true])}]}}
	count(diagnostics.enabled_logs(on)) == 1
	not diagnostics.undecided(on)
	off := {"properties": {"logs": [{"enabled": testdata.finite("logs", [false])}]}}
	count(diagnostics.enabled_logs(off)) == 0
	not diagnostics.undecided(off)
	either := {"properties": {"logs": [{"enabled": testdata.finite("logs", [true, false])}]}}
	count(diagnostics.enabled_logs(either)) == 0
	diagnostics.undecided(either)
}

test_switch_is_the_one_parameter_switching_the_logs if {
	on := {"properties": {"logs": [{"enabled": testdata.finite("logs", [true, false])}, {"enabled": true}]}}
	diagnostics.switch([on]) == ["logs", {true, false}]
	count(diagnostics.enabled_logs_when(on, true)) == 2
	count(diagnostics.enabled_logs_when(on, false)) == 1
	unknown := {"properties": {"logs": [{"enabled": testdata.missing("x")}]}}
	not diagnostics.switch([on, unknown])
}
