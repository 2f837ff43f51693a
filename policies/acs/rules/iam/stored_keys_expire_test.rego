package acs.rules.iam.stored_keys_expire_test

import data.acs.lib.testdata
import data.acs.rules.iam.stored_keys_expire as rule

_secret(props) := testdata.resource(0, "Microsoft.KeyVault/vaults/secrets", "kv/acs", props)

_deny(r) := d if {
	d := rule.deny with input as {"resources": [r]}
}

test_fail_no_expiry if {
	[f] := [f | some f in _deny(_secret({"value": testdata.acs_keys}))]
	f.status == "fail"
	f.path == ["properties", "attributes", "exp"]
}

test_fail_literal_connection_string if testdata.verdicts(_deny(_secret({"value": testdata.connection_string, "attributes": {}}))) == {["fail", ["properties", "attributes", "exp"]]}

test_pass_with_expiry if count(_deny(_secret({"value": testdata.acs_keys, "attributes": {"exp": 1893456000}}))) == 0

test_pass_expiry_known_at_deployment if {
	count(_deny(_secret({"value": testdata.acs_keys, "attributes": {"exp": testdata.missing("[parameters('exp')]")}}))) == 0
}

test_pass_other_secret if count(_deny(_secret({"value": "not a key"}))) == 0

test_unknown_target if {
	v := {"$unknown": {"reason": "runtime-function", "functions": ["listkeys"], "secret": true}}
	[f] := [f | some f in _deny(_secret({"value": v}))]
	f.path == ["properties", "attributes", "exp"]
	f.status == "unknown"
}

test_unknown_attributes_of_an_acs_secret if {
	[f] := [f | some f in _deny(_secret({"value": testdata.acs_keys, "attributes": testdata.missing("[parameters('attributes')]")}))]
	f.path == ["properties", "attributes", "exp"]
	f.status == "unknown"
	f.message.id == "expiry_depends"
	f.message.args.value["$unknown"].expression == "[parameters('attributes')]"
}
