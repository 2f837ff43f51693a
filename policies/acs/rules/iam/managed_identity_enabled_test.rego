package acs.rules.iam.managed_identity_enabled_test

import data.acs.lib.testdata
import data.acs.rules.iam.managed_identity_enabled as rule

_deny(r) := d if {
	d := rule.deny with input as {"resources": [r]}
}

_with_identity(identity) := object.union(testdata.acs({}), {"identity": identity})

test_pass_system_assigned if count(_deny(_with_identity({"type": "SystemAssigned"}))) == 0

test_pass_both_with_space if count(_deny(_with_identity({"type": "SystemAssigned, UserAssigned"}))) == 0

test_fail_absent if {
	[f] := [f | some f in _deny(testdata.acs({}))]
	f.status == "fail"
	f.path == ["identity"]
}

test_fail_none if {
	[f] := [f | some f in _deny(_with_identity({"type": "None"}))]
	f.status == "fail"
	f.path == ["identity", "type"]
	f.message == {"id": "unmanaged", "args": {"type": "None"}}
}

test_fail_old_api if {
	[f] := [f | some f in _deny(testdata.with_api(_with_identity({"type": "SystemAssigned"}), "2023-03-31"))]
	f.status == "fail"
	f.path == ["apiVersion"]
	f.message.id == "api_too_old"
	f.message.args.first == "2023-04-01"
}

test_unknown_type if {
	[f] := [f | some f in _deny(_with_identity({"type": testdata.missing("[parameters('identityType')]")}))]
	f.path == ["identity", "type"]
	f.status == "unknown"
}

test_unknown_identity if {
	[f] := [f | some f in _deny(_with_identity(testdata.missing("[variables('identity')]")))]
	f.status == "unknown"
	f.path == ["identity"]
}

test_allowed_identity_types_are_judged_each if {
	count(_deny(_with_identity({"type": testdata.finite("identity", ["SystemAssigned", "UserAssigned"])}))) == 0
	testdata.verdicts(_deny(_with_identity({"type": testdata.finite("identity", ["None"])}))) == {["fail", ["identity", "type"]]}
	[f] := [f | some f in _deny(_with_identity({"type": testdata.finite("identity", ["None", "SystemAssigned"])}))]
	[f.status, f.path] == ["unknown", ["identity", "type"]]
	f.message == {"id": "unmanaged_when", "args": {"parameter": "identity", "values": ["None"]}}
}

# An API version from a parameter without a value may predate the property, which ARM then ignores.
test_unknown_api_version_with_an_identity_is_unknown if {
	[f] := [f | some f in _deny(object.union(_with_identity({"type": "SystemAssigned"}), {"apiVersion": {"$unknown": {"reason": "missing-parameter", "expression": "[parameters('v')]"}}}))]
	f.status == "unknown"
	f.path == ["apiVersion"]
	f.message.id == "api_depends"
}
