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
# (false, not undefined, so that the result is kept: WebAssembly recomputes an undefined rule at
# every reference).
default acs_workload := false

acs_workload if {
	some r in input.resources
	startswith(r.typeLower, "microsoft.communication/")
	not r.existing
}

# id_key(id) is the key of a resource id: two ids name the same resource when their keys are
# equal. Joins index one side by this key and look the other side up, never comparing every pair.
id_key(id) := lower(id) if is_string(id)

# Two unknown ids of the same origin (the same resource, whatever its name turns out to be) too;
# their key is an array, so it never equals a known id's.
id_key(id) := ["$unknown", id["$unknown"].origin] if {
	value.is_unknown(id)
	is_string(id["$unknown"].origin)
}

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
