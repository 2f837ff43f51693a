# METADATA
# title: Email engagement tracking off
# description: >-
#   With userEngagementTracking Enabled, ACS rewrites links and adds a tracking pixel to every email
#   a domain sends, recording when each recipient opens a message and what they click: personal
#   data about the recipients, processed without their say. Leave it Disabled unless a lawful
#   basis and a notice to recipients exist.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/communication-services/concepts/email/email-insights
#     description: Email insights and user engagement tracking
#   - ref: https://learn.microsoft.com/azure/communication-services/concepts/privacy
#     description: Data residency and user privacy
# custom:
#   id: ACS-DATA-003
#   long_id: engagement_tracking_off
#   severity: low
#   default_enabled: true
#   resource_types:
#     - Microsoft.Communication/emailServices/domains
#   baseline:
#     - "Compliance and Data Residency: GDPR"
#   remediation: Set properties.userEngagementTracking to Disabled (or leave it unset).
#   parameters:
#     type: object
#     additionalProperties: false
#     properties: {}
#   baseline_quote: >-
#     Compliance and Data Residency: ACS is designed to meet rigorous global compliance standards,
#     including GDPR (General Data Protection Regulation).
#   fix_arm: |-
#     "properties": { "domainManagement": "CustomerManaged", "userEngagementTracking": "Disabled" }
#   fix_bicep: |-
#     properties: {
#       domainManagement: 'CustomerManaged'
#       userEngagementTracking: 'Disabled'
#     }
#   suppress_when: >-
#     Marketing email with recipients' consent to tracking; reference the consent record or the
#     data-protection assessment in the justification.
#   messages:
#     enabled: "userEngagementTracking is Enabled: open and click tracking records recipients' personal data"
#     depends: "userEngagementTracking depends on {value}; it should be Disabled"
#     all_values_enabled: "userEngagementTracking is Enabled for every value of {parameter}: open and click tracking records recipients' personal data"
#     some_values_enabled: "userEngagementTracking is Enabled when {parameter} is {values|or}: open and click tracking records recipients' personal data"
package acs.rules.data.engagement_tracking_off

import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.value

_path := ["properties", "userEngagementTracking"]

deny contains finding if {
	some d in resources.deployed("microsoft.communication/emailservices/domains")
	lower(d.properties.userEngagementTracking) == "enabled"
	finding := result.fail(rego.metadata.chain(), d, _path, result.message("enabled", {}))
}

deny contains finding if {
	some d in resources.deployed("microsoft.communication/emailservices/domains")
	v := value.get(d, _path)
	value.is_unknown(v)
	count(value.cases(v)) == 0
	finding := result.unknown(rego.metadata.chain(), d, _path, result.message("depends", {"value": v}))
}

# A parameter with allowed values: judged for each value it can take.
deny contains finding if {
	some d in resources.deployed("microsoft.communication/emailservices/domains")
	v := value.get(d, _path)
	cases := value.cases(v)
	failing := [c.when | some c in cases; _enabled(c.value)]
	count(failing) > 0
	finding := _judged(d, v, failing, count(failing) == count(cases))
}

_enabled(v) if lower(v) == "enabled"

_judged(d, v, _, true) := result.fail(rego.metadata.chain(), d, _path, result.message("all_values_enabled", {"parameter": v["$unknown"].domain.parameter}))

_judged(d, v, failing, false) := result.unknown(rego.metadata.chain(), d, _path, result.message("some_values_enabled", {"parameter": v["$unknown"].domain.parameter, "values": failing}))
