# METADATA
# title: Current, stable API versions
# description: >-
#   The security properties of Microsoft.Communication resources arrived with their API versions:
#   identity in 2023-04-01, disableLocalAuth and publicNetworkAccess in 2025-05-01. Resources
#   declared with older versions cannot express those controls, and preview versions carry no
#   support promise. Every Microsoft.Communication resource must declare a non-preview apiVersion
#   at or after the rule parameter minimumApiVersion (default 2025-05-01). Only the resource's own
#   apiVersion is judged, not versions passed to reference() or list*().
# related_resources:
#   - ref: https://learn.microsoft.com/azure/templates/microsoft.communication/communicationservices
#     description: Microsoft.Communication resource types and API versions
# custom:
#   id: ACS-GOV-001
#   long_id: stable_api_versions
#   severity: low
#   default_enabled: true
#   resource_types:
#     - Microsoft.Communication/*
#   baseline:
#     - "Identity Security: Entra ID (Azure AD), Managed Identities"
#     - "Network Security: Private Link, TLS 1.2+ encryption"
#   remediation: Declare apiVersion 2025-05-01 or a later stable version.
#   parameters:
#     type: object
#     additionalProperties: false
#     properties:
#       minimumApiVersion:
#         type: string
#         description: The oldest apiVersion accepted (YYYY-MM-DD).
#         pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
#         default: "2025-05-01"
#   baseline_quote: >-
#     Identity Security: Controls resource access (Entra ID, Managed Identities). Network Security:
#     Prevents unauthorized access.
#   fix_arm: |-
#     "apiVersion": "2025-05-01"
#   fix_bicep: |-
#     resource acs 'Microsoft.Communication/communicationServices@2025-05-01' = { ... }
#   suppress_when: >-
#     A preview feature the workload depends on exists only in a preview version; name the feature
#     and give the suppression an expiry.
#   messages:
#     not_current: "apiVersion {apiVersion} {problems|and}; use {minimum} or a later stable version"
#     preview: "is a preview version"
#     older: "is older than {minimum}"
#     depends: "apiVersion depends on {value}"
package acs.rules.gov.stable_api_versions

import data.acs.lib.api_version
import data.acs.lib.params
import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.value

_minimum := params.value(rego.metadata.chain(), "minimumApiVersion", "2025-05-01")

_acs_resources := [r |
	some r in input.resources
	startswith(r.typeLower, "microsoft.communication/")
	not r.existing
	not resources.never_deployed(r)
]

deny contains finding if {
	some r in _acs_resources
	problems := _problems(r)
	count(problems) > 0
	finding := result.fail(rego.metadata.chain(), r, ["apiVersion"], result.message("not_current", {"apiVersion": r.apiVersion, "problems": problems, "minimum": _minimum}))
}

deny contains finding if {
	some r in _acs_resources
	value.is_unknown(r.apiVersion)
	finding := result.unknown(rego.metadata.chain(), r, ["apiVersion"], result.message("depends", {"value": r.apiVersion}))
}

_problems(r) := array.concat(_preview(r), _old(r))

_preview(r) := [result.message("preview", {})] if api_version.is_preview(r.apiVersion)

else := []

_old(r) := [result.message("older", {"minimum": _minimum})] if api_version.before(r.apiVersion, _minimum)

else := []
