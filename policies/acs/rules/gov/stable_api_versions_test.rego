package acs.rules.gov.stable_api_versions_test

import data.acs.lib.testdata
import data.acs.rules.gov.stable_api_versions as rule

_deny(r) := d if {
	d := rule.deny with input as {"resources": [r]}
}

test_pass_current if count(_deny(testdata.acs({}))) == 0

test_fail_preview if {
	[f] := [f | some f in _deny(testdata.with_api(testdata.acs({}), "2025-05-01-preview"))]
	f.status == "fail"
	f.path == ["apiVersion"]
	f.message.args.problems == [{"id": "preview", "args": {}}]
}

test_fail_old_and_preview if {
	[f] := [f | some f in _deny(testdata.with_api(testdata.acs({}), "2023-06-01-preview"))]
	f.status == "fail"
	f.path == ["apiVersion"]
	[p.id | some p in f.message.args.problems] == ["preview", "older"]
}

test_fail_old_email_domain if {
	testdata.verdicts(_deny(testdata.with_api(testdata.resource(0, "Microsoft.Communication/emailServices/domains", "m/d", {}), "2023-03-31"))) == {["fail", ["apiVersion"]]}
}

test_other_namespaces_not_judged if count(_deny(testdata.with_api(testdata.resource(0, "Microsoft.Web/sites", "a", {}), "2020-01-01"))) == 0

test_minimum_is_a_parameter if {
	d := rule.deny with input as {"resources": [testdata.with_api(testdata.acs({}), "2025-05-01")]}
		with data.parameters as {"ACS-GOV-001": {"minimumApiVersion": "2026-03-18"}}
	testdata.verdicts(d) == {["fail", ["apiVersion"]]}
}
