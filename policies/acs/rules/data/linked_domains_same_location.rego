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
#     elsewhere_for_all: "a linked domain belongs to email service '{email_service}', whose data is stored in another geography than this service's for every value of {parameter}"
#     elsewhere_when: "a linked domain belongs to email service '{email_service}', whose data is stored in another geography than this service's when {parameter} is {values|or}"
package acs.rules.data.linked_domains_same_location

import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.value
import data.acs.rules.data.data_location_allowed as locations

_domains := resources.deployed("microsoft.communication/emailservices/domains")

_email_services := resources.deployed("microsoft.communication/emailservices")

# The email services a linked-domain entry may name the domain of, by the id key of the entry: each
# as its name and data location, without repeats. Built once from the domains and email services
# grouped by id key, so each entry is a key lookup, however many resources share an id (ARM refuses
# a template that declares one resource twice, a hostile one may still do it 800 times).
_mail_by_domain_key := {k: {m |
	some p in parents
	some m in _mail_by_key[p]
} |
	some k, parents in _domain_parent_groups
}

# The id keys of the email services of the domains, by the domains' id key: a domain's email
# service is the resource whose id is the domain's id without /domains/<name>.
_domain_parent_groups[resources.key(d)] contains resources.parent_key(d) if {
	some d in _domains
}

_mail_by_key := {k: v | some k, v in _mail_groups}

_mail_groups[resources.key(e)] contains {"name": e.name, "location": e.properties.dataLocation} if {
	some e in _email_services
}

# The email services (name and data location) of the domains that a linked-domain entry names.
_mails(entry) := _mail_by_domain_key[resources.id_key(entry)]

# An entry, even an unknown id, that names a domain of this template whose email service is here too.
_matched(entry) if count(_mails(entry)) > 0

_mismatches(s) := [{"index": i, "message": msg} |
	some i, entry in s.properties.linkedDomains
	some m in _mails(entry)
	msg := _mismatch(m.name, m.location, s.properties.dataLocation)
]

_mismatch(name, mail, service) := result.message("elsewhere", {"email_service": name, "location": mail, "service_location": service}) if {
	is_string(mail)
	is_string(service)
	not _same_place(mail, service)
} else := result.message("elsewhere_for_all", {"email_service": name, "parameter": value.parameter(_finite_side(mail, service))}) if {
	value.all_cases_fail(_finite_side(mail, service), _failing(mail, service))
}

_same_place(x, y) if locations.normalize(x) == locations.normalize(y)

# When one location is known and the other depends on a parameter with a finite set of values,
# each value is compared with the known one.
_finite_side(a, b) := b if {
	is_string(a)
	count(value.cases(b)) > 0
}

_finite_side(a, b) := a if {
	is_string(b)
	count(value.cases(a)) > 0
}

_known_side(a, _) := a if is_string(a)

_known_side(a, b) := b if not is_string(a)

_failing(a, b) := [c.when |
	some c in value.cases(_finite_side(a, b))
	not _same_place_value(c.value, _known_side(a, b))
]

_same_place_value(x, y) if {
	is_string(x)
	_same_place(x, y)
}

_undecided(s) := [u |
	some i, entry in s.properties.linkedDomains
	some u in _undecided_entry(s, i, entry)
]

_undecided_entry(s, i, entry) := [{"index": i, "message": result.message("depends", {})}] if {
	value.is_unknown(entry)
	count(_domains) > 0
	not _matched(entry)
} else := [{"index": i, "message": result.message("depends", {})}] if {
	some m in _mails(entry)
	_undecided_pair(m.location, s.properties.dataLocation)
} else := [{"index": i, "message": msg} |
	some m in _mails(entry)
	failing := _failing(m.location, s.properties.dataLocation)
	value.some_cases_fail(_finite_side(m.location, s.properties.dataLocation), failing)
	msg := result.message("elsewhere_when", {"email_service": m.name, "parameter": value.parameter(_finite_side(m.location, s.properties.dataLocation)), "values": failing})
]

# Two locations of which one is not known, not provably the same and not judged case by case.
_undecided_pair(a, b) if {
	some v in [a, b]
	value.is_unknown(v)
	not value.same(a, b)
	not _finite_side(a, b)
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
	finding := result.fail(rego.metadata.chain(), s, ["properties", "linkedDomains", m[0].index], m[0].message)
}

deny contains finding if {
	some s in resources.communication_services
	count(_mismatches(s)) == 0
	u := _undecided(s)
	count(u) > 0
	finding := result.unknown(rego.metadata.chain(), s, ["properties", "linkedDomains", u[0].index], u[0].message)
}
