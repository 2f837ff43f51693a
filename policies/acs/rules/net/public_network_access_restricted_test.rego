package acs.rules.net.public_network_access_restricted_test

import data.acs.lib.testdata
import data.acs.rules.net.public_network_access_restricted as rule

_deny(r) := d if {
	d := rule.deny with input as {"resources": [r]}
}

test_pass_disabled if count(_deny(testdata.acs({"publicNetworkAccess": "Disabled"}))) == 0

test_pass_perimeter_any_case if count(_deny(testdata.acs({"publicNetworkAccess": "securedByPerimeter"}))) == 0

test_fail_enabled if {
	[f] := [f | some f in _deny(testdata.acs({"publicNetworkAccess": "Enabled"}))]
	f.status == "fail"
	f.path == ["properties", "publicNetworkAccess"]
	f.message == {"id": "public", "args": {"value": "Enabled"}}
}

test_fail_absent if {
	[f] := [f | some f in _deny(testdata.acs({}))]
	f.status == "fail"
	f.path == ["properties", "publicNetworkAccess"]
}

test_fail_old_api if {
	[f] := [f | some f in _deny(testdata.with_api(testdata.acs({"publicNetworkAccess": "Disabled"}), "2023-04-01"))]
	f.status == "fail"
	f.path == ["apiVersion"]
}

test_unknown if {
	[f] := [f | some f in _deny(testdata.acs({"publicNetworkAccess": testdata.missing("[parameters('pna')]")}))]
	f.path == ["properties", "publicNetworkAccess"]
	f.status == "unknown"
}

test_allowed_values_are_judged_each if {
	count(_deny(testdata.acs({"publicNetworkAccess": testdata.finite("access", ["Disabled", "SecuredByPerimeter"])}))) == 0
	[f] := [f | some f in _deny(testdata.acs({"publicNetworkAccess": testdata.finite("access", ["Disabled", "Enabled"])}))]
	f.path == ["properties", "publicNetworkAccess"]
	f.status == "unknown"
	f.message == {"id": "some_values_public", "args": {"parameter": "access", "values": ["Enabled"]}}
	[g] := [g | some g in _deny(testdata.acs({"publicNetworkAccess": testdata.finite("access", ["Enabled"])}))]
	g.status == "fail"
}

# An API version from a parameter without a value may predate the property, which ARM then ignores.
test_unknown_api_version_with_access_disabled_is_unknown if {
	[f] := [f | some f in _deny(object.union(testdata.acs({"publicNetworkAccess": "Disabled"}), {"apiVersion": {"$unknown": {"reason": "missing-parameter", "expression": "[parameters('v')]"}}}))]
	f.status == "unknown"
	f.path == ["apiVersion"]
	f.message.id == "api_depends"
}
