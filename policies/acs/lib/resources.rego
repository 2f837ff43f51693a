# METADATA
# title: Resource selection
# description: >-
#   Selects resources of the normalized input by type. Types are compared lower-cased, as ARM
#   compares them; `existing` resources are references, not deployments, and are never selected
#   by the deployed-resource helpers. Resource ids are compared case-insensitively.
# custom:
#   library: true
package acs.lib.resources

import data.acs.lib.value

# deployed(type_lower) is every resource this template deploys with that (lower-case) type.
deployed(type_lower) := [r |
	some r in input.resources
	r.typeLower == type_lower
	not r.existing
]

# deployed_any(types) is every deployed resource whose lower-case type is in the set types.
deployed_any(types) := [r |
	some r in input.resources
	r.typeLower in types
	not r.existing
]

# communication_services are the Microsoft.Communication/communicationServices the template deploys.
communication_services := deployed("microsoft.communication/communicationservices")

# acs_workload holds when the template deploys at least one Microsoft.Communication resource of its own.
acs_workload if {
	some r in input.resources
	startswith(r.typeLower, "microsoft.communication/")
	not r.existing
}

# same_id(a, b) holds when two known resource ids name the same resource.
same_id(a, b) if {
	is_string(a)
	is_string(b)
	lower(a) == lower(b)
}

# Two unknown ids of the same origin (the same resource, whatever its name turns out to be) too.
same_id(a, b) if value.same(a, b)

# is_communication_id(id) holds for a known id of a Microsoft.Communication resource, or for an
# unknown whose target type is one.
is_communication_id(id) if {
	is_string(id)
	contains(lower(id), "/providers/microsoft.communication/")
}

is_communication_id(id) if {
	value.is_unknown(id)
	startswith(id["$unknown"].target.type, "microsoft.communication/")
}

# lower_or_empty(x) is a known string lower-cased, or "" for anything else.
lower_or_empty(x) := lower(x) if is_string(x)

else := ""
