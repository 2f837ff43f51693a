package acs.rules.data.engagement_tracking_off_test

import data.acs.lib.testdata
import data.acs.rules.data.engagement_tracking_off as rule

_domain(props) := testdata.resource(0, "Microsoft.Communication/emailServices/domains", "mail/d", props)

_deny(r) := d if {
	d := rule.deny with input as {"resources": [r]}
}

test_fail_enabled if testdata.verdicts(_deny(_domain({"userEngagementTracking": "enabled"}))) == {["fail", ["properties", "userEngagementTracking"]]}

test_pass_disabled if count(_deny(_domain({"userEngagementTracking": "Disabled"}))) == 0

test_pass_absent if count(_deny(_domain({}))) == 0

test_unknown if {
	[f] := [f | some f in _deny(_domain({"userEngagementTracking": testdata.missing("[parameters('t')]")}))]
	f.path == ["properties", "userEngagementTracking"]
	f.status == "unknown"
}

_tracked_domain(v) := testdata.resource(0, "Microsoft.Communication/emailServices/domains", "mail/d", {"userEngagementTracking": v})

test_allowed_values_are_judged_each if {
	count(_deny(_tracked_domain(testdata.finite("tracking", ["Disabled"])))) == 0
	[f] := [f | some f in _deny(_tracked_domain(testdata.finite("tracking", ["Disabled", "Enabled"])))]
	f.path == ["properties", "userEngagementTracking"]
	f.status == "unknown"
	[g] := [g | some g in _deny(_tracked_domain(testdata.finite("tracking", ["Enabled"])))]
	g.status == "fail"
}
