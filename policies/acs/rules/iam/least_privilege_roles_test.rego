package acs.rules.iam.least_privilege_roles_test

import data.acs.lib.testdata
import data.acs.rules.iam.least_privilege_roles as rule

_role(guid) := concat("", ["/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/", guid])

_assignment(scope, role) := object.union(
	testdata.resource(1, "Microsoft.Authorization/roleAssignments", "ra", {"roleDefinitionId": role, "principalId": "p"}),
	{"scope": scope},
)

_unscoped(role) := object.remove(_assignment(null, role), ["scope"])

_deny(resources) := d if {
	d := rule.deny with input as {"resources": resources}
}

test_fail_owner_on_acs if {
	[f] := [f | some f in _deny([_assignment(testdata.acs_id, _role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"))])]
	f.status == "fail"
	f.path == ["properties", "roleDefinitionId"]
	f.message == {"id": "privileged", "args": {"role": "Owner", "scope": {"id": "communication_scope", "args": {}}}}
}

test_fail_contributor_on_resource_group_in_acs_workload if {
	testdata.verdicts(_deny([testdata.acs({}), _assignment("/subscriptions/s/resourceGroups/r", _role("B24988AC-6180-42A0-AB88-20F7382DD24C"))])) == {["fail", ["properties", "roleDefinitionId"]]}
}

test_fail_unscoped_in_acs_workload if testdata.verdicts(_deny([testdata.acs({}), _unscoped(_role("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"))])) == {["fail", ["properties", "roleDefinitionId"]]}

test_pass_resource_group_outside_acs_workload if {
	count(_deny([_assignment("/subscriptions/s/resourceGroups/r", _role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"))])) == 0
}

test_pass_acs_owner_role if count(_deny([_assignment(testdata.acs_id, _role("09976791-48a7-449e-bb21-39d1a415f350"))])) == 0

test_pass_storage_scope_in_acs_workload if {
	storage := "/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/st"
	count(_deny([testdata.acs({}), _assignment(storage, _role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"))])) == 0
}

test_unknown_role if {
	[f] := [f | some f in _deny([_assignment(testdata.acs_id, testdata.missing("[parameters('role')]"))])]
	f.path == ["properties", "roleDefinitionId"]
	f.status == "unknown"
}

test_privileged_list_is_a_parameter if {
	resources := [_assignment(testdata.acs_id, _role("09976791-48a7-449e-bb21-39d1a415f350"))]
	d := rule.deny with input as {"resources": resources}
		with data.parameters as {"ACS-IAM-007": {"privilegedRoleIds": ["09976791-48a7-449e-bb21-39d1a415f350"]}}
	testdata.verdicts(d) == {["fail", ["properties", "roleDefinitionId"]]}
}

test_fail_owner_whose_scope_is_unknown_but_guid_known if {
	role := {"$unknown": {"reason": "missing-parameter", "expression": "[subscriptionResourceId(parameters('sub'), 'Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')]", "suffix": "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"}}
	a := object.union(testdata.resource(1, "Microsoft.Authorization/roleAssignments", "ra", {"roleDefinitionId": role}), {"scope": testdata.acs_id})
	[f] := [f | some f in rule.deny with input as {"resources": [testdata.acs({}), a]}]
	f.path == ["properties", "roleDefinitionId"]
	f.status == "fail"
	f.message.args.role == "Owner"
}

test_allowed_roles_are_judged_each if {
	owner := _role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635")
	reader := _role("acdd72a7-3385-48ef-bd42-f606fba81ae7")
	count(_deny([_assignment(testdata.acs_id, testdata.finite("role", [reader]))])) == 0
	testdata.verdicts(_deny([_assignment(testdata.acs_id, testdata.finite("role", [owner]))])) == {["fail", ["properties", "roleDefinitionId"]]}
	[f] := [f | some f in _deny([_assignment(testdata.acs_id, testdata.finite("role", [reader, owner]))])]
	[f.status, f.path, f.message.id] == ["unknown", ["properties", "roleDefinitionId"], "privileged_when"]
	f.message.args.values == [owner]
}
