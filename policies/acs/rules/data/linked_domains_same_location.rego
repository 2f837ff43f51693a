# METADATA
# title: Linked email domains share the service's data location
# description: >-
#   A communication service sends email through the domains in properties.linkedDomains. When a
#   domain's email service stores data in another geography than the communication service,
#   message data crosses the residency boundary the service was placed in. For each linked domain
#   that the same expanded template declares, its email service must have the same dataLocation.
#   The finding belongs to the communication service.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/communication-services/quickstarts/email/connect-email-communication-resource
#     description: Connect a verified email domain to a communication service
#   - ref: https://learn.microsoft.com/azure/communication-services/concepts/privacy
#     description: Region availability and data residency
# custom:
#   id: ACS-DATA-002
#   long_id: linked_domains_same_location
#   severity: medium
#   default_enabled: true
#   resource_types:
#     - Microsoft.Communication/communicationServices
#     - Microsoft.Communication/emailServices
#     - Microsoft.Communication/emailServices/domains
#   baseline:
#     - "Compliance and Data Residency"
#     - "Data Residency"
#   remediation: >-
#     Link domains of an email service created with the same dataLocation as the communication
#     service.
#   parameters:
#     type: object
#     additionalProperties: false
#     properties: {}
#   baseline_quote: >-
#     Data Residency: ACS allows you to select the geography where your data is stored at rest
#     (e.g., United States, Europe, UK, Asia Pacific).
#   fix_arm: |-
#     "emailServices": { "properties": { "dataLocation": "Europe" } },
#     "communicationServices": { "properties": { "dataLocation": "Europe", "linkedDomains": ["[resourceId('Microsoft.Communication/emailServices/domains', 'mail', 'AzureManagedDomain')]"] } }
#   fix_bicep: |-
#     resource mail 'Microsoft.Communication/emailServices@2025-05-01' = {
#       name: 'mail'
#       location: 'global'
#       properties: { dataLocation: acsDataLocation }
#     }
#   suppress_when: >-
#     The organisation's data-residency assessment allows the two geographies (for example both
#     inside the EU); quote the assessment in the justification.
#   messages:
#     domains_depend: "the linked domains depend on {value}; whether they store data in this service's geography is not known before deployment"
#     elsewhere: "a linked domain belongs to email service '{email_service}' whose data is stored in {location}, not in {service_location} like this service's"
#     depends: "whether the linked domain stores data in the same geography depends on values not known before deployment"
package acs.rules.data.linked_domains_same_location

import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.value
import data.acs.rules.data.data_location_allowed as locations

_domains := resources.deployed("microsoft.communication/emailservices/domains")

_email_services := resources.deployed("microsoft.communication/emailservices")

# Domains (by position in _domains) and email services by resources.id_key, built once: a lookup into a multi-value rule
# would run the rule's body again for every key.
_domains_by_id := {k: v | some k, v in _domain_groups}

_domain_groups[resources.key(d)] contains i if some i, d in _domains

_email_services_by_id := {k: v | some k, v in _email_service_groups}

_email_service_groups[resources.key(e)] contains e if some e in _email_services

# The domains that a linked-domain entry names, in the order of _domains (a group is one domain
# unless ids repeat, so the sort is cheap).
_linked(entry) := [_domains[i] | some i in sort(_domains_by_id[resources.id_key(entry)])]

# The email service of a domain: the resource whose id is the domain's id without /domains/<name>.
_email_service_of(d) := e if {
	parts := split(d.id, "/")
	parent := concat("/", array.slice(parts, 0, count(parts) - 2))
	some e in _email_services_by_id[resources.id_key(parent)]
}

_mismatches(s) := [{"index": i, "mail": e} |
	some i, entry in s.properties.linkedDomains
	some d in _linked(entry)
	e := _email_service_of(d)
	is_string(e.properties.dataLocation)
	is_string(s.properties.dataLocation)
	locations.normalize(e.properties.dataLocation) != locations.normalize(s.properties.dataLocation)
]

_undecided(s) := [i |
	some i, entry in s.properties.linkedDomains
	_undecided_entry(s, entry)
]

_undecided_entry(_, entry) if {
	value.is_unknown(entry)
	count(_domains) > 0
}

_undecided_entry(s, entry) if {
	some d in _linked(entry)
	e := _email_service_of(d)
	some v in [e.properties.dataLocation, s.properties.dataLocation]
	value.is_unknown(v)
	not value.same(e.properties.dataLocation, s.properties.dataLocation)
}

# The linked domains as a whole are not known, while the template deploys domains they may name.
deny contains finding if {
	some s in resources.communication_services
	v := value.get(s, ["properties", "linkedDomains"])
	value.is_unknown(v)
	count(_domains) > 0
	finding := result.unknown(rego.metadata.chain(), s, ["properties", "linkedDomains"], result.message("domains_depend", {"value": v}))
}

deny contains finding if {
	some s in resources.communication_services
	m := _mismatches(s)
	count(m) > 0
	finding := result.fail(rego.metadata.chain(), s, ["properties", "linkedDomains", m[0].index], result.message("elsewhere", {"email_service": m[0].mail.name, "location": m[0].mail.properties.dataLocation, "service_location": s.properties.dataLocation}))
}

deny contains finding if {
	some s in resources.communication_services
	count(_mismatches(s)) == 0
	u := _undecided(s)
	count(u) > 0
	finding := result.unknown(rego.metadata.chain(), s, ["properties", "linkedDomains", u[0]], result.message("depends", {}))
}
