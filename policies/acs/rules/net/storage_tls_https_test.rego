package acs.rules.net.storage_tls_https_test

import data.acs.lib.testdata
import data.acs.rules.net.storage_tls_https as rule

_storage(props) := testdata.resource(1, "Microsoft.Storage/storageAccounts", "st", props)

_deny(resources) := d if {
	d := rule.deny with input as {"resources": resources}
}

test_fail_tls_absent if {
	[f] := [f | some f in _deny([testdata.acs({}), _storage({})])]
	f.status == "fail"
	f.path == ["properties", "minimumTlsVersion"]
}

test_fail_tls_old_and_http if {
	[f] := [f | some f in _deny([testdata.acs({}), _storage({"minimumTlsVersion": "TLS1_0", "supportsHttpsTrafficOnly": false})])]
	f.status == "fail"
	f.path == ["properties", "minimumTlsVersion"]
	"http_allowed" in [p.id | some p in f.message.args.problems]
}

test_pass if count(_deny([testdata.acs({}), _storage({"minimumTlsVersion": "TLS1_2"})])) == 0

test_pass_outside_acs_workload if count(_deny([_storage({})])) == 0

test_unknown_tls if {
	[f] := [f | some f in _deny([testdata.acs({}), _storage({"minimumTlsVersion": testdata.missing("[parameters('tls')]")})])]
	f.path == ["properties", "minimumTlsVersion"]
	f.status == "unknown"
}

test_allowed_tls_versions_are_judged_each if {
	_verdict({"minimumTlsVersion": testdata.finite("tls", ["TLS1_2", "TLS1_3"])}) == set()
	_verdict({"minimumTlsVersion": testdata.finite("tls", ["TLS1_0", "TLS1_1"])}) == {["fail", ["properties", "minimumTlsVersion"]]}
	[f] := [f | some f in _deny([testdata.acs({}), _storage({"minimumTlsVersion": testdata.finite("tls", ["TLS1_0", "TLS1_2"])})])]
	[f.status, f.path] == ["unknown", ["properties", "minimumTlsVersion"]]
	f.message == {"id": "old_tls_when", "args": {"parameter": "tls", "values": ["TLS1_0"]}}
}

test_bool_https_parameter_is_judged_for_both_values if {
	[f] := [f | some f in _deny([testdata.acs({}), _storage({"minimumTlsVersion": "TLS1_2", "supportsHttpsTrafficOnly": testdata.finite("https", [true, false])})])]
	[f.status, f.path] == ["unknown", ["properties", "supportsHttpsTrafficOnly"]]
	f.message.args == {"parameter": "https", "values": [false]}
	_verdict({"minimumTlsVersion": "TLS1_2", "supportsHttpsTrafficOnly": testdata.finite("https", [false])}) == {["fail", ["properties", "supportsHttpsTrafficOnly"]]}
	_verdict({"minimumTlsVersion": "TLS1_2", "supportsHttpsTrafficOnly": testdata.finite("https", [true])}) == set()
}

_verdict(props) := testdata.verdicts(_deny([testdata.acs({}), _storage(props)]))
