package acs.rules.data.data_location_allowed_test

import data.acs.lib.testdata
import data.acs.rules.data.data_location_allowed as rule

_deny(r) := d if {
	d := rule.deny with input as {"resources": [r]}
}

test_pass_documented_geography if count(_deny(testdata.acs({"dataLocation": "Europe"}))) == 0

test_pass_short_name_and_case if count(_deny(testdata.acs({"dataLocation": "uk"}))) == 0

test_fail_typo if {
	[f] := [f | some f in _deny(testdata.acs({"dataLocation": "Eurpoe"}))]
	f.status == "fail"
	f.path == ["properties", "dataLocation"]
	f.message.id == "disallowed"
	f.message.args.location == "Eurpoe"
}

test_fail_missing if {
	[f] := [f | some f in _deny(testdata.acs({}))]
	f.status == "fail"
	f.path == ["properties", "dataLocation"]
	f.message == {"id": "not_set", "args": {}}
}

test_email_service_judged_too if {
	testdata.verdicts(_deny(testdata.resource(0, "Microsoft.Communication/emailServices", "mail", {"dataLocation": "Mars"}))) == {["fail", ["properties", "dataLocation"]]}
}

test_domains_not_judged if {
	count(_deny(testdata.resource(0, "Microsoft.Communication/emailServices/domains", "mail/d", {}))) == 0
}

test_allowed_list_is_a_parameter if {
	d := rule.deny with input as {"resources": [testdata.acs({"dataLocation": "United States"})]}
		with data.parameters as {"ACS-DATA-001": {"allowedDataLocations": ["Europe", "UAE"]}}
	testdata.verdicts(d) == {["fail", ["properties", "dataLocation"]]}
}

test_unknown if {
	[f] := [f | some f in _deny(testdata.acs({"dataLocation": testdata.missing("[parameters('loc')]")}))]
	f.path == ["properties", "dataLocation"]
	f.status == "unknown"
}

test_pass_when_every_allowed_value_is_allowed if {
	count(_deny(testdata.acs({"dataLocation": testdata.finite("dataLocation", ["Europe", "United States"])}))) == 0
}

test_fail_when_no_allowed_value_is_allowed if {
	[f] := [f | some f in _deny(testdata.acs({"dataLocation": testdata.finite("dataLocation", ["Antarctica", "Mars"])}))]
	f.path == ["properties", "dataLocation"]
	f.status == "fail"
}

test_unknown_names_the_failing_values if {
	[f] := [f | some f in _deny(testdata.acs({"dataLocation": testdata.finite("dataLocation", ["Europe", "Antarctica"])}))]
	f.path == ["properties", "dataLocation"]
	f.status == "unknown"
	f.message.id == "some_values_disallowed"
	f.message.args.parameter == "dataLocation"
	f.message.args.values == ["Antarctica"]
}
