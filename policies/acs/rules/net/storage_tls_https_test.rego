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
