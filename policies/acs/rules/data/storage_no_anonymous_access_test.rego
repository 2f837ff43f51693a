package acs.rules.data.storage_no_anonymous_access_test

import data.acs.lib.testdata
import data.acs.rules.data.storage_no_anonymous_access as rule

_storage(props) := testdata.resource(1, "Microsoft.Storage/storageAccounts", "st", props)

_container(props) := testdata.resource(2, "Microsoft.Storage/storageAccounts/blobServices/containers", "st/default/rec", props)

_deny(resources) := d if {
	d := rule.deny with input as {"resources": resources}
}

test_fail_absent if testdata.verdicts(_deny([testdata.acs({}), _storage({})])) == {["fail", ["properties", "allowBlobPublicAccess"]]}

test_fail_true if testdata.verdicts(_deny([testdata.acs({}), _storage({"allowBlobPublicAccess": true})])) == {["fail", ["properties", "allowBlobPublicAccess"]]}

test_pass_false if count(_deny([testdata.acs({}), _storage({"allowBlobPublicAccess": false})])) == 0

test_fail_public_container if {
	[f] := [f | some f in _deny([testdata.acs({}), _storage({"allowBlobPublicAccess": false}), _container({"publicAccess": "Container"})])]
	f.status == "fail"
	f.path == ["properties", "publicAccess"]
	f.subject.index == 2
}

test_pass_private_container if count(_deny([testdata.acs({}), _storage({"allowBlobPublicAccess": false}), _container({"publicAccess": "None"})])) == 0

test_pass_outside_acs_workload if count(_deny([_storage({})])) == 0

test_unknown if {
	[f] := [f | some f in _deny([testdata.acs({}), _storage({"allowBlobPublicAccess": testdata.missing("[parameters('p')]")})])]
	f.path == ["properties", "allowBlobPublicAccess"]
	f.status == "unknown"
}

test_bool_parameter_is_judged_for_both_values if {
	account := testdata.resource(1, "Microsoft.Storage/storageAccounts", "st", {"allowBlobPublicAccess": testdata.finite("public", [true, false])})
	[f] := [f | some f in rule.deny with input as {"resources": [testdata.acs({}), account]}]
	[f.status, f.path] == ["unknown", ["properties", "allowBlobPublicAccess"]]
	f.message == {"id": "public_when", "args": {"parameter": "public", "values": [true]}}
	closed := testdata.resource(1, "Microsoft.Storage/storageAccounts", "st", {"allowBlobPublicAccess": testdata.finite("public", [false])})
	testdata.verdicts(rule.deny) == set() with input as {"resources": [testdata.acs({}), closed]}
}

test_allowed_container_access_values_are_judged_each if {
	c := testdata.resource(1, "Microsoft.Storage/storageAccounts/blobServices/containers", "st/default/c", {"publicAccess": testdata.finite("access", ["Blob", "Container"])})
	testdata.verdicts(rule.deny) == {["fail", ["properties", "publicAccess"]]} with input as {"resources": [testdata.acs({}), c]}
	none := testdata.resource(1, "Microsoft.Storage/storageAccounts/blobServices/containers", "st/default/c", {"publicAccess": testdata.finite("access", ["None"])})
	testdata.verdicts(rule.deny) == set() with input as {"resources": [testdata.acs({}), none]}
}
