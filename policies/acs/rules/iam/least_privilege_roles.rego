# METADATA
# title: Least-privilege role assignments
# description: >-
#   A role assignment scoped to a Microsoft.Communication resource, or inside an ACS workload
#   template to its resource group or subscription (an assignment without scope takes the
#   deployment's), must not grant Owner, Contributor, User Access Administrator or Role Based
#   Access Control Administrator: they can read keys, change every setting and hand access on.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/role-based-access-control/best-practices
#     description: Best practices for Azure RBAC (least privilege)
#   - ref: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
#     description: Azure built-in roles, including Communication and Email Service Owner
# custom:
#   id: ACS-IAM-007
#   long_id: least_privilege_roles
#   severity: high
#   default_enabled: true
#   resource_types:
#     - Microsoft.Authorization/roleAssignments
#   baseline:
#     - "Security Best Practices 2: Principle of Least Privilege"
#     - "Identity Security: Entra ID (Azure AD), Managed Identities"
#   remediation: >-
#     Grant Communication and Email Service Owner (09976791-48a7-449e-bb21-39d1a415f350) on the
#     communication service, or a custom role with only the actions the principal needs.
#   parameters:
#     type: object
#     additionalProperties: false
#     properties:
#       privilegedRoleIds:
#         type: array
#         description: Role definition GUIDs that this rule refuses on ACS scopes.
#         items:
#           type: string
#           pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
#         default:
#           - 8e3af657-a8ff-443c-a75c-2fe8c4bcb635
#           - b24988ac-6180-42a0-ab88-20f7382dd24c
#           - 18d7d88d-d35e-4fb5-a5c3-7773c20a72d9
#           - f58310d9-a9f6-439a-9e8d-f62e7b41a168
#   baseline_quote: >-
#     Security Best Practices 2: Principle of Least Privilege: Use Azure RBAC to grant only the
#     necessary permissions to service principals.
#   fix_arm: |-
#     "properties": {
#       "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '09976791-48a7-449e-bb21-39d1a415f350')]",
#       "principalId": "[parameters('principalId')]"
#     }
#   fix_bicep: |-
#     resource owner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
#       scope: acs
#       name: guid(acs.id, principalId, '09976791-48a7-449e-bb21-39d1a415f350')
#       properties: {
#         roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '09976791-48a7-449e-bb21-39d1a415f350')
#         principalId: principalId
#       }
#     }
#   suppress_when: >-
#     A break-glass or platform team assignment that is reviewed on a schedule; put the review date
#     in the suppression's expiry.
#   messages:
#     privileged: "grants {role} on {scope}; grant Communication and Email Service Owner (09976791-48a7-449e-bb21-39d1a415f350) or a narrower custom role"
#     role_depends: "the role granted on {scope} depends on {value}; it must not be a privileged role"
#     communication_scope: "a Communication resource"
#     privileged_for_all: "grants a privileged role on {scope} for every value of {parameter}; grant Communication and Email Service Owner (09976791-48a7-449e-bb21-39d1a415f350) or a narrower custom role"
#     privileged_when: "grants a privileged role on {scope} when {parameter} is {values|or}; grant Communication and Email Service Owner (09976791-48a7-449e-bb21-39d1a415f350) or a narrower custom role"
#     workload_scope: "the resource group or subscription of an ACS workload"
package acs.rules.iam.least_privilege_roles

import data.acs.lib.params
import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.value

_names := {
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
	"b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
	"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
	"f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
}

_privileged := {lower(id) | some id in params.value(rego.metadata.chain(), "privilegedRoleIds", object.keys(_names))}

deny contains finding if {
	some r in resources.deployed("microsoft.authorization/roleassignments")
	_in_scope(r)
	guid := _role_guid(value.get(r, ["properties", "roleDefinitionId"]))
	guid in _privileged
	finding := result.fail(rego.metadata.chain(), r, ["properties", "roleDefinitionId"], result.message("privileged", {"role": object.get(_names, guid, guid), "scope": _scope_text(r)}))
}

deny contains finding if {
	some r in resources.deployed("microsoft.authorization/roleassignments")
	_in_scope(r)
	role := value.get(r, ["properties", "roleDefinitionId"])
	value.undecided(role)
	not _role_guid(role)
	finding := result.unknown(rego.metadata.chain(), r, ["properties", "roleDefinitionId"], result.message("role_depends", {"scope": _scope_text(r), "value": role}))
}

# A role from a parameter with allowed values is judged for each of them.
deny contains finding if {
	some r in resources.deployed("microsoft.authorization/roleassignments")
	_in_scope(r)
	role := value.get(r, ["properties", "roleDefinitionId"])
	failing := _failing(role)
	value.all_cases_fail(role, failing)
	finding := result.fail(rego.metadata.chain(), r, ["properties", "roleDefinitionId"], result.message("privileged_for_all", {"parameter": value.parameter(role), "scope": _scope_text(r)}))
}

deny contains finding if {
	some r in resources.deployed("microsoft.authorization/roleassignments")
	_in_scope(r)
	role := value.get(r, ["properties", "roleDefinitionId"])
	failing := _failing(role)
	value.some_cases_fail(role, failing)
	finding := result.unknown(rego.metadata.chain(), r, ["properties", "roleDefinitionId"], result.message("privileged_when", {"parameter": value.parameter(role), "values": failing, "scope": _scope_text(r)}))
}

_failing(role) := [c.when | some c in value.cases(role); _role_guid(c.value) in _privileged]

_guid(role_id) := lower(parts[count(parts) - 1]) if parts := split(role_id, "/")

# The role definition's GUID: from the id, or from the known end of an id whose scope is unknown
# (subscriptionResourceId(<unknown subscription>, 'Microsoft.Authorization/roleDefinitions', '<guid>')).
_role_guid(role) := _guid(role) if is_string(role)

else := _guid(end) if {
	end := value.known_suffix(role)
	parts := split(lower(end), "/")
	n := count(parts)
	n >= 5
	array.slice(parts, n - 4, n - 1) == ["providers", "microsoft.authorization", "roledefinitions"]
	parts[n - 1] != ""
}

_in_scope(r) if resources.is_communication_id(r.scope)

_in_scope(r) if {
	resources.acs_workload
	not r.scope
}

_in_scope(r) if {
	resources.acs_workload
	_subscription_or_group(r.scope)
}

# /subscriptions/<id> or /subscriptions/<id>/resourceGroups/<name>, with or without a final "/".
# (String built-ins, not a regular expression: see acs.lib.secrets.)
_subscription_or_group(scope) if {
	is_string(scope)
	parts := split(lower(trim_suffix(scope, "/")), "/")
	array.slice(parts, 0, 2) == ["", "subscriptions"]
	parts[2] != ""
	count(parts) in {3, 5}
	_group_part(parts)
}

_group_part(parts) if count(parts) == 3

_group_part(parts) if {
	parts[3] == "resourcegroups"
	parts[4] != ""
}

# An unknown scope that is not known to target another kind of resource may be the resource group.
_in_scope(r) if {
	resources.acs_workload
	value.is_unknown(r.scope)
	not r.scope["$unknown"].target.type
}

_scope_text(r) := result.message("communication_scope", {}) if resources.is_communication_id(r.scope)

else := result.message("workload_scope", {})
