package acs.rules.iam.key_vault_hardened_test

import data.acs.lib.testdata
import data.acs.rules.iam.key_vault_hardened as rule

_vault(props) := testdata.resource(0, "Microsoft.KeyVault/vaults", "KV", props)

_secret(v) := testdata.resource(1, "Microsoft.KeyVault/vaults/secrets", "kv/acs", {"value": v})

_hardened := {"enablePurgeProtection": true, "enableRbacAuthorization": true}

_deny(resources) := d if {
	d := rule.deny with input as {"resources": resources}
}

test_fail_unhardened_vault_holding_acs_key if {
	[f] := [f | some f in _deny([_vault({}), _secret(testdata.acs_keys)])]
	f.status == "fail"
	f.subject.index == 0
	f.path == ["properties", "enablePurgeProtection"]
	f.message.id == "weak"
	[p.id | some p in f.message.args.problems] == ["purge_protection_off", "access_policies"]
}

test_fail_soft_delete_off if {
	[f] := [f | some f in _deny([_vault(object.union(_hardened, {"enableSoftDelete": false})), _secret(testdata.acs_keys)])]
	f.status == "fail"
	f.path == ["properties", "enableSoftDelete"]
}

test_pass_hardened if count(_deny([_vault(_hardened), _secret(testdata.acs_keys)])) == 0

test_pass_vault_without_acs_secret if count(_deny([_vault({}), _secret("other")])) == 0

test_unknown_setting if {
	[f] := [f | some f in _deny([_vault({"enablePurgeProtection": testdata.missing("[parameters('p')]"), "enableRbacAuthorization": true}), _secret(testdata.acs_keys)])]
	f.path == ["properties", "enablePurgeProtection"]
	f.status == "unknown"
}

test_unknown_when_the_secret_vault_is_not_known if {
	vault := testdata.resource(0, "Microsoft.KeyVault/vaults", "kv", {"enablePurgeProtection": false, "enableRbacAuthorization": true})
	secret := object.union(testdata.resource(1, "Microsoft.KeyVault/vaults/secrets", "x", {"value": testdata.acs_keys}), {"name": testdata.missing("[format('{0}/acs', parameters('vault'))]")})
	[f] := [f | some f in rule.deny with input as {"resources": [vault, secret]}]
	f.path == ["properties", "enablePurgeProtection"]
	f.status == "unknown"
	f.subject.index == 0
}

test_bool_parameters_are_judged_for_both_values if {
	purge := testdata.finite("purge", [true, false])
	[f] := [f | some f in _deny([_vault(object.union(_hardened, {"enablePurgeProtection": purge})), _secret(testdata.acs_keys)])]
	[f.status, f.path] == ["unknown", ["properties", "enablePurgeProtection"]]
	f.message == {"id": "weak_when", "args": {"problem": {"id": "purge_protection_off", "args": {}}, "parameter": "purge", "values": [false]}}
	on := object.union(_hardened, {"enablePurgeProtection": testdata.finite("purge", [true]), "enableSoftDelete": testdata.finite("soft", [true])})
	count(_deny([_vault(on), _secret(testdata.acs_keys)])) == 0
	off := object.union(_hardened, {"enableSoftDelete": testdata.finite("soft", [false])})
	testdata.verdicts(_deny([_vault(off), _secret(testdata.acs_keys)])) == {["fail", ["properties", "enableSoftDelete"]]}
	either := object.union(_hardened, {"enableSoftDelete": testdata.finite("soft", [true, false])})
	testdata.verdicts(_deny([_vault(either), _secret(testdata.acs_keys)])) == {["unknown", ["properties", "enableSoftDelete"]]}
}

# Names from a parameter with no value: the secret's parent id (given by the expander) has the
# vault's id origin, so the vault is the one that holds the key: a fail, not an unknown.
_unknown_vault_id := {"$unknown": {"reason": "missing-parameter", "expression": "[parameters('vault')]", "origin": "resourceid(\"Microsoft.KeyVault/vaults\",<t.json#/parameters/vault>)"}}

test_a_secret_joins_its_vault_by_origin_when_names_are_unknown if {
	vault := object.union(_vault({}), {"name": testdata.missing("[parameters('vault')]"), "id": _unknown_vault_id})
	secret := object.union(_secret(testdata.acs_keys), {"name": testdata.missing("[parameters('vault')]"), "id": testdata.missing("[parameters('vault')]"), "parentId": _unknown_vault_id})
	testdata.verdicts(_deny([vault, secret])) == {["fail", ["properties", "enablePurgeProtection"]]}
	count(_deny([object.union(vault, {"properties": _hardened}), secret])) == 0
}
