# METADATA
# title: Data stays in allowed geographies
# description: >-
#   properties.dataLocation decides the geography where a communication service or email service
#   stores its data at rest, and cannot be changed after creation. It must be one of the allowed
#   geographies (the rule parameter allowedDataLocations; by default the 16 documented ones, so a
#   typo or an unknown value fails). UAE and UK match their long names; case is ignored. Email
#   domains are not judged: their data location is read-only, inherited from the email service.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/communication-services/concepts/privacy
#     description: Region availability and data residency
#   - ref: https://portal.azure.com/#view/Microsoft_Azure_Policy/PolicyDetailBlade/definitionId/%2Fproviders%2FMicrosoft.Authorization%2FpolicyDefinitions%2F93c45b74-42a1-4967-b25d-82c4dc630921
#     description: "Azure Policy 93c45b74-42a1-4967-b25d-82c4dc630921: Communication service resource should use allow listed data location"
# custom:
#   id: ACS-DATA-001
#   long_id: data_location_allowed
#   severity: high
#   default_enabled: true
#   resource_types:
#     - Microsoft.Communication/communicationServices
#     - Microsoft.Communication/emailServices
#   baseline:
#     - "Compliance and Data Residency"
#     - "Data Residency"
#   azure_policy:
#     - 93c45b74-42a1-4967-b25d-82c4dc630921
#   remediation: >-
#     Set properties.dataLocation to an allowed geography; list your organisation's geographies in
#     the rule parameter allowedDataLocations.
#   parameters:
#     type: object
#     additionalProperties: false
#     properties:
#       allowedDataLocations:
#         type: array
#         description: Geographies data may be stored in (UAE and UK also match their long names).
#         minItems: 1
#         items:
#           type: string
#         default:
#           - Africa
#           - Asia Pacific
#           - Australia
#           - Brazil
#           - Canada
#           - Europe
#           - France
#           - Germany
#           - India
#           - Japan
#           - Korea
#           - Norway
#           - Switzerland
#           - United Arab Emirates
#           - United Kingdom
#           - United States
#   baseline_quote: >-
#     Data Residency: ACS allows you to select the geography where your data is stored at rest
#     (e.g., United States, Europe, UK, Asia Pacific).
#   fix_arm: |-
#     "properties": { "dataLocation": "Europe" }
#   fix_bicep: |-
#     properties: { dataLocation: 'Europe' }
#   suppress_when: >-
#     Do not suppress: change allowedDataLocations in the configuration when the organisation's
#     allowed geographies change.
#   messages:
#     all_values_disallowed: "properties.dataLocation is not an allowed geography ({allowed|comma}) for any value of {parameter}"
#     some_values_disallowed: "properties.dataLocation fails when {parameter} is {values|or}: not an allowed geography ({allowed|comma})"
#     depends: "properties.dataLocation depends on {value}; it must be an allowed geography"
#     disallowed: "properties.dataLocation '{location}' is not an allowed geography ({allowed|comma})"
#     not_set: "properties.dataLocation is not set; choose the geography where the data is stored"
package acs.rules.data.data_location_allowed

import data.acs.lib.params
import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.value

_default := [
	"Africa", "Asia Pacific", "Australia", "Brazil", "Canada", "Europe", "France", "Germany",
	"India", "Japan", "Korea", "Norway", "Switzerland", "United Arab Emirates", "United Kingdom",
	"United States",
]

_aliases := {"uae": "united arab emirates", "uk": "united kingdom"}

# normalize(location) is a data location lower-cased, with the short names spelled out.
normalize(location) := object.get(_aliases, lower(trim_space(location)), lower(trim_space(location)))

_configured := params.value(rego.metadata.chain(), "allowedDataLocations", _default)

_allowed := {normalize(l) | some l in _configured}

_path := ["properties", "dataLocation"]

deny contains finding if {
	some r in resources.deployed_any({"microsoft.communication/communicationservices", "microsoft.communication/emailservices"})
	not _compliant(r)
	finding := _finding(r)
}

_compliant(r) if normalize(r.properties.dataLocation) in _allowed

# A parameter with allowed values (or a bool) passes when every value it can take is allowed.
_compliant(r) if {
	cases := value.cases(value.get(r, _path))
	count(cases) > 0
	count(_failing(cases)) == 0
}

_failing(cases) := [c.when |
	some c in cases
	not _allowed_value(c.value)
]

_allowed_value(v) if {
	is_string(v)
	normalize(v) in _allowed
}

_finding(r) := result.fail(rego.metadata.chain(), r, _path, msg) if {
	v := value.get(r, _path)
	cases := value.cases(v)
	count(cases) > 0
	count(_failing(cases)) == count(cases)
	msg := result.message("all_values_disallowed", {"allowed": _configured, "parameter": v["$unknown"].domain.parameter})
} else := result.unknown(rego.metadata.chain(), r, _path, msg) if {
	v := value.get(r, _path)
	failing := _failing(value.cases(v))
	count(failing) > 0
	msg := result.message("some_values_disallowed", {"allowed": _configured, "parameter": v["$unknown"].domain.parameter, "values": failing})
} else := result.unknown(rego.metadata.chain(), r, _path, msg) if {
	v := value.get(r, _path)
	value.is_unknown(v)
	msg := result.message("depends", {"value": v})
} else := result.fail(rego.metadata.chain(), r, _path, msg) if {
	is_string(r.properties.dataLocation)
	msg := result.message("disallowed", {"location": r.properties.dataLocation, "allowed": _configured})
} else := result.fail(rego.metadata.chain(), r, _path, result.message("not_set", {}))
