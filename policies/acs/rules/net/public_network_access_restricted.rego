# METADATA
# title: Public network access restricted
# description: >-
#   Azure Communication Services offers no Private Link and cannot be placed in a virtual network.
#   The one network control it has is properties.publicNetworkAccess: Disabled, or
#   SecuredByPerimeter to admit traffic through a Network Security Perimeter. Absent or Enabled
#   leaves the data plane reachable from the whole internet. API versions before 2025-05-01
#   cannot express it.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/private-link/network-security-perimeter-concepts
#     description: Network Security Perimeter
#   - ref: https://learn.microsoft.com/security/benchmark/azure/baselines/azure-communication-services-security-baseline
#     description: Azure security baseline for Communication Services (NS-2)
# custom:
#   id: ACS-NET-001
#   long_id: public_network_access_restricted
#   severity: low
#   default_enabled: true
#   resource_types:
#     - Microsoft.Communication/communicationServices
#   baseline:
#     - "Network Security: Private Link, TLS 1.2+ encryption"
#   remediation: >-
#     Use apiVersion 2025-05-01 or later and set properties.publicNetworkAccess to Disabled, or to
#     SecuredByPerimeter with the service associated to a Network Security Perimeter.
#   parameters:
#     type: object
#     additionalProperties: false
#     properties: {}
#   baseline_quote: >-
#     Network Security: Prevents unauthorized access (Private Link, TLS 1.2+ encryption).
#   fix_arm: |-
#     "apiVersion": "2025-05-01",
#     "properties": { "dataLocation": "Europe", "publicNetworkAccess": "SecuredByPerimeter" }
#   fix_bicep: |-
#     properties: {
#       dataLocation: 'Europe'
#       publicNetworkAccess: 'SecuredByPerimeter'
#     }
#   suppress_when: >-
#     Clients on the public internet (browsers and phones calling or chatting) must reach the
#     service directly, which is the common case for ACS: suppress with that justification, and
#     rely on Entra ID authentication (ACS-IAM-001) instead.
#   messages:
#     api_too_old: "apiVersion {apiVersion} cannot restrict public network access; move to {first} or later"
#     api_depends: "apiVersion depends on {apiVersion}; versions before {first} cannot restrict public network access (ARM then ignores properties.publicNetworkAccess), so it must be {first} or later"
#     all_values_public: "properties.publicNetworkAccess is neither Disabled nor SecuredByPerimeter for any value of {parameter}"
#     some_values_public: "the service is reachable from any network when {parameter} is {values|or}; publicNetworkAccess must be Disabled or SecuredByPerimeter"
#     depends: "properties.publicNetworkAccess depends on {value}; it must be Disabled or SecuredByPerimeter"
#     public: "properties.publicNetworkAccess is {value|json}: the service is reachable from any network"
#     not_set: "properties.publicNetworkAccess is not set, so the service is reachable from any network"
package acs.rules.net.public_network_access_restricted

import data.acs.lib.api_version
import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.value

_first_able := "2025-05-01"

_restricted := {"disabled", "securedbyperimeter"}

deny contains finding if {
	some r in resources.communication_services
	v := value.get(r, ["properties", "publicNetworkAccess"])
	not _compliant(r, v)
	finding := _finding(r, v)
}

_compliant(r, v) if {
	api_version.able(r.apiVersion, _first_able)
	lower(v) in _restricted
}

# A parameter with allowed values passes when every value it can take restricts access.
_compliant(r, v) if {
	api_version.able(r.apiVersion, _first_able)
	cases := value.cases(v)
	count(cases) > 0
	count(_failing(cases)) == 0
}

_failing(cases) := [c.when |
	some c in cases
	not _restricting(c.value)
]

_restricting(v) if lower(v) in _restricted

_finding(r, v) := result.fail(rego.metadata.chain(), r, ["apiVersion"], msg) if {
	api_version.before(r.apiVersion, _first_able)
	msg := result.message("api_too_old", {"apiVersion": r.apiVersion, "first": _first_able})
} else := result.unknown(rego.metadata.chain(), r, ["apiVersion"], msg) if {
	# compliant but for an API version not known before deployment, which may predate the property
	value.is_unknown(r.apiVersion)
	_compliant(object.union(r, {"apiVersion": _first_able}), v)
	msg := result.message("api_depends", {"apiVersion": r.apiVersion, "first": _first_able})
} else := result.fail(rego.metadata.chain(), r, ["properties", "publicNetworkAccess"], msg) if {
	cases := value.cases(v)
	count(cases) > 0
	count(_failing(cases)) == count(cases)
	msg := result.message("all_values_public", {"parameter": v["$unknown"].domain.parameter})
} else := result.unknown(rego.metadata.chain(), r, ["properties", "publicNetworkAccess"], msg) if {
	failing := _failing(value.cases(v))
	count(failing) > 0
	msg := result.message("some_values_public", {"parameter": v["$unknown"].domain.parameter, "values": failing})
} else := result.unknown(rego.metadata.chain(), r, ["properties", "publicNetworkAccess"], msg) if {
	value.is_unknown(v)
	msg := result.message("depends", {"value": v})
} else := result.fail(rego.metadata.chain(), r, ["properties", "publicNetworkAccess"], msg) if {
	r.properties.publicNetworkAccess
	msg := result.message("public", {"value": r.properties.publicNetworkAccess})
} else := result.fail(rego.metadata.chain(), r, ["properties", "publicNetworkAccess"], result.message("not_set", {}))
