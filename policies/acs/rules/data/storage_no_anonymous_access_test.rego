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
