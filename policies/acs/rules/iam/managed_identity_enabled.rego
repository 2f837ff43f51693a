# METADATA
# title: Managed identity enabled
# description: >-
#   A communication service needs a managed identity to reach other Azure resources (Event Grid,
#   storage for call recordings, Key Vault) without credentials of its own. identity.type must be
#   SystemAssigned, UserAssigned or both; absent or None fails. API versions before 2023-04-01
#   cannot express identity.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/communication-services/how-tos/managed-identity
#     description: Managed identity for Azure Communication Services
#   - ref: https://portal.azure.com/#view/Microsoft_Azure_Policy/PolicyDetailBlade/definitionId/%2Fproviders%2FMicrosoft.Authorization%2FpolicyDefinitions%2Fbcff6755-335b-484d-b435-d1161db39cdc
#     description: "Azure Policy bcff6755-335b-484d-b435-d1161db39cdc: Communication service resource should use a managed identity"
# custom:
#   id: ACS-IAM-002
#   long_id: managed_identity_enabled
#   severity: medium
#   default_enabled: true
#   resource_types:
#     - Microsoft.Communication/communicationServices
#   baseline:
#     - "Identity Security: Entra ID (Azure AD), Managed Identities"
#     - "Security Best Practices 1: Use Managed Identities"
#   azure_policy:
#     - bcff6755-335b-484d-b435-d1161db39cdc
#   remediation: >-
#     Use apiVersion 2023-04-01 or later and set identity.type to SystemAssigned (or UserAssigned
#     with userAssignedIdentities).
#   parameters:
#     type: object
#     additionalProperties: false
#     properties: {}
#   baseline_quote: >-
#     Security Best Practices 1: Use Managed Identities: Avoid storing connection strings in code or
#     configuration files.
#   fix_arm: |-
#     "apiVersion": "2025-05-01",
#     "identity": { "type": "SystemAssigned" }
#   fix_bicep: |-
#     resource acs 'Microsoft.Communication/communicationServices@2025-05-01' = {
#       name: name
#       location: 'global'
#       identity: { type: 'SystemAssigned' }
#       properties: { dataLocation: 'Europe' }
#     }
#   suppress_when: >-
#     The service never calls another Azure resource (no Event Grid delivery to a secured endpoint,
#     no call recording to your storage, no Key Vault) and the team accepts adding an identity
#     when that changes.
#   messages:
#     api_too_old: "apiVersion {apiVersion} cannot set identity; move to {first} or later and give the service a managed identity"
#     api_depends: "apiVersion depends on {apiVersion}; versions before {first} cannot set identity (ARM then ignores it), so it must be {first} or later"
#     identity_depends: "identity depends on {value}; it must give the service a managed identity"
#     type_depends: "identity.type depends on {value}; it must be SystemAssigned or UserAssigned"
#     unmanaged: "identity.type is {type|json}: the service has no managed identity"
#     not_set: "identity is not set: the service has no managed identity"
#     unmanaged_for_all: "identity.type is not SystemAssigned or UserAssigned for any value of {parameter}: the service has no managed identity"
#     unmanaged_when: "identity.type is not SystemAssigned or UserAssigned when {parameter} is {values|or}: the service then has no managed identity"
package acs.rules.iam.managed_identity_enabled

import data.acs.lib.api_version
import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.value

_first_able := "2023-04-01"

_managed_types := {"systemassigned", "userassigned", "systemassigned,userassigned"}

deny contains finding if {
	some r in resources.communication_services
	not _compliant(r)
	finding := _finding(r)
}

_compliant(r) if {
	api_version.able(r.apiVersion, _first_able)
	_managed(r.identity.type)
}

_managed(t) if replace(lower(t), " ", "") in _managed_types

# An identity type from a parameter with allowed values passes when every value it can take is managed.
_compliant(r) if {
	api_version.able(r.apiVersion, _first_able)
	v := r.identity.type
	value.all_cases_pass(v, _failing(v))
}

_failing(v) := [c.when | some c in value.cases(v); not _managed(c.value)]

_finding(r) := result.fail(rego.metadata.chain(), r, ["apiVersion"], msg) if {
	api_version.before(r.apiVersion, _first_able)
	msg := result.message("api_too_old", {"apiVersion": r.apiVersion, "first": _first_able})
} else := result.unknown(rego.metadata.chain(), r, ["apiVersion"], msg) if {
	# compliant but for an API version not known before deployment, which may predate the property
	value.is_unknown(r.apiVersion)
	_compliant(object.union(r, {"apiVersion": _first_able}))
	msg := result.message("api_depends", {"apiVersion": r.apiVersion, "first": _first_able})
} else := result.unknown(rego.metadata.chain(), r, ["identity"], msg) if {
	value.is_unknown(r.identity)
	msg := result.message("identity_depends", {"value": r.identity})
} else := result.fail(rego.metadata.chain(), r, ["identity", "type"], msg) if {
	v := r.identity.type
	value.all_cases_fail(v, _failing(v))
	msg := result.message("unmanaged_for_all", {"parameter": value.parameter(v)})
} else := result.unknown(rego.metadata.chain(), r, ["identity", "type"], msg) if {
	v := r.identity.type
	failing := _failing(v)
	value.some_cases_fail(v, failing)
	msg := result.message("unmanaged_when", {"parameter": value.parameter(v), "values": failing})
} else := result.unknown(rego.metadata.chain(), r, ["identity", "type"], msg) if {
	value.is_unknown(r.identity.type)
	msg := result.message("type_depends", {"value": r.identity.type})
} else := result.fail(rego.metadata.chain(), r, ["identity", "type"], msg) if {
	r.identity.type
	msg := result.message("unmanaged", {"type": r.identity.type})
} else := result.fail(rego.metadata.chain(), r, ["identity"], result.message("not_set", {}))
