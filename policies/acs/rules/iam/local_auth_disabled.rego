# METADATA
# title: Local (access key) authentication disabled
# description: >-
#   A communication service accepts requests signed with its access keys unless
#   properties.disableLocalAuth is true. Keys are long-lived shared secrets that end up in
#   connection strings, app settings and pipelines; with local authentication disabled every
#   caller must authenticate with Microsoft Entra ID, so access is tied to an identity, can be
#   scoped with Azure RBAC, and is revoked with that identity. API versions before 2025-05-01
#   cannot express the setting.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/communication-services/concepts/authentication
#     description: Authenticate to Azure Communication Services
#   - ref: https://portal.azure.com/#view/Microsoft_Azure_Policy/PolicyDetailBlade/definitionId/%2Fproviders%2FMicrosoft.Authorization%2FpolicyDefinitions%2Ffc264132-db9c-4302-bb7d-3994c36461fe
#     description: "Azure Policy fc264132-db9c-4302-bb7d-3994c36461fe: Communication services resource should have local authentication methods disabled"
# custom:
#   id: ACS-IAM-001
#   long_id: local_auth_disabled
#   severity: high
#   default_enabled: true
#   resource_types:
#     - Microsoft.Communication/communicationServices
#   baseline:
#     - "Identity Security: Entra ID (Azure AD), Managed Identities"
#     - "Security Best Practices 1: Use Managed Identities"
#   azure_policy:
#     - fc264132-db9c-4302-bb7d-3994c36461fe
#   remediation: >-
#     Use apiVersion 2025-05-01 or later and set properties.disableLocalAuth to true; give the
#     applications that call ACS a managed identity and an Azure RBAC role instead of a key.
#   parameters:
#     type: object
#     additionalProperties: false
#     properties: {}
#   baseline_quote: >-
#     Identity Security: Controls resource access with Entra ID (Azure AD) and Managed Identities.
#     Security Best Practices 1: Use Managed Identities: avoid storing connection strings in code or
#     configuration files.
#   fix_arm: |-
#     "apiVersion": "2025-05-01",
#     "properties": {
#       "dataLocation": "Europe",
#       "disableLocalAuth": true
#     }
#   fix_bicep: |-
#     resource acs 'Microsoft.Communication/communicationServices@2025-05-01' = {
#       name: name
#       location: 'global'
#       properties: {
#         dataLocation: 'Europe'
#         disableLocalAuth: true
#       }
#     }
#   suppress_when: >-
#     A client that cannot use Microsoft Entra ID (an old SDK, a third-party integration that only
#     takes a connection string) still needs the service, and the key is kept in Key Vault and
#     rotated. Record the client and the date it will move to Entra ID in the justification.
#   messages:
#     api_too_old: "apiVersion {apiVersion} cannot set properties.disableLocalAuth, so local (access key) authentication stays enabled; move to {first} or later and set it to true"
#     api_depends: "apiVersion depends on {apiVersion}; versions before {first} cannot set properties.disableLocalAuth (ARM then ignores it), so it must be {first} or later"
#     all_values_enabled: "properties.disableLocalAuth is not true for any value of {parameter}: local (access key) authentication stays enabled"
#     some_values_enabled: "properties.disableLocalAuth is not true when {parameter} is {values|or}: local (access key) authentication is then enabled"
#     depends: "properties.disableLocalAuth depends on {value}; it must be true"
#     enabled: "properties.disableLocalAuth is false: local (access key) authentication is enabled"
#     not_set: "properties.disableLocalAuth is not set, so local (access key) authentication is enabled; set it to true"
#     not_true: "properties.disableLocalAuth is {value|json}, not true: only the boolean true disables local (access key) authentication"
package acs.rules.iam.local_auth_disabled

import data.acs.lib.api_version
import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.value

_first_able := "2025-05-01"

deny contains finding if {
	some r in resources.communication_services
	v := value.get(r, ["properties", "disableLocalAuth"])
	not _compliant(r, v)
	finding := _finding(r, v)
}

_compliant(r, v) if {
	api_version.able(r.apiVersion, _first_able)
	v == true
}

# A bool parameter (or one with allowed values) passes when every value it can take is true.
_compliant(r, v) if {
	api_version.able(r.apiVersion, _first_able)
	cases := value.cases(v)
	count(cases) > 0
	count(_failing(cases)) == 0
}

_failing(cases) := [c.when |
	some c in cases
	c.value != true
]

_finding(r, v) := result.fail(rego.metadata.chain(), r, ["apiVersion"], msg) if {
	api_version.before(r.apiVersion, _first_able)
	msg := result.message("api_too_old", {"apiVersion": r.apiVersion, "first": _first_able})
} else := result.unknown(rego.metadata.chain(), r, ["apiVersion"], msg) if {
	# compliant but for an API version not known before deployment, which may predate the property
	value.is_unknown(r.apiVersion)
	_compliant(object.union(r, {"apiVersion": _first_able}), v)
	msg := result.message("api_depends", {"apiVersion": r.apiVersion, "first": _first_able})
} else := result.fail(rego.metadata.chain(), r, ["properties", "disableLocalAuth"], msg) if {
	cases := value.cases(v)
	count(cases) > 0
	count(_failing(cases)) == count(cases)
	msg := result.message("all_values_enabled", {"parameter": v["$unknown"].domain.parameter})
} else := result.unknown(rego.metadata.chain(), r, ["properties", "disableLocalAuth"], msg) if {
	failing := _failing(value.cases(v))
	count(failing) > 0
	msg := result.message("some_values_enabled", {"parameter": v["$unknown"].domain.parameter, "values": failing})
} else := result.unknown(rego.metadata.chain(), r, ["properties", "disableLocalAuth"], msg) if {
	value.is_unknown(v)
	msg := result.message("depends", {"value": v})
} else := result.fail(rego.metadata.chain(), r, ["properties", "disableLocalAuth"], msg) if {
	r.properties.disableLocalAuth == false
	msg := result.message("enabled", {})
} else := result.fail(rego.metadata.chain(), r, ["properties", "disableLocalAuth"], msg) if {
	v == null
	msg := result.message("not_set", {})
} else := result.fail(rego.metadata.chain(), r, ["properties", "disableLocalAuth"], msg) if {
	# set, but not a bool (a string "true" or an object is not what the property takes)
	msg := result.message("not_true", {"value": v})
}
