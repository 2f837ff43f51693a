package acs.rules.data.storage_customer_managed_keys_test

import data.acs.lib.testdata
import data.acs.rules.data.storage_customer_managed_keys as rule

_storage(props) := testdata.resource(1, "Microsoft.Storage/storageAccounts", "st", props)

_deny(resources) := d if {
	d := rule.deny with input as {"resources": resources}
}

test_fail_platform_keys if testdata.verdicts(_deny([testdata.acs({}), _storage({})])) == {["fail", ["properties", "encryption", "keySource"]]}

test_pass_key_vault if count(_deny([testdata.acs({}), _storage({"encryption": {"keySource": "Microsoft.KeyVault"}})])) == 0

test_pass_outside_acs_workload if count(_deny([_storage({})])) == 0

test_unknown if {
	[f] := [f | some f in _deny([testdata.acs({}), _storage({"encryption": {"keySource": testdata.missing("[parameters('k')]")}})])]
	f.path == ["properties", "encryption", "keySource"]
	f.status == "unknown"
}

test_allowed_key_sources_are_judged_each if {
	count(_deny([testdata.acs({}), _storage({"encryption": {"keySource": testdata.finite("keys", ["Microsoft.Keyvault"])}})])) == 0
	testdata.verdicts(_deny([testdata.acs({}), _storage({"encryption": {"keySource": testdata.finite("keys", ["Microsoft.Storage"])}})])) == {["fail", ["properties", "encryption", "keySource"]]}
	[f] := [f | some f in _deny([testdata.acs({}), _storage({"encryption": {"keySource": testdata.finite("keys", ["Microsoft.Storage", "Microsoft.Keyvault"])}})])]
	[f.status, f.path] == ["unknown", ["properties", "encryption", "keySource"]]
	f.message.args == {"parameter": "keys", "values": ["Microsoft.Storage"]}
}
