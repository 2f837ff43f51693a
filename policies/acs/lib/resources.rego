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

# by_type[t] is every resource this template deploys with the lower-case type t, in input order:
# the resources are grouped once, so a rule's selection is a key lookup, not a pass over them all.
by_type := {t: [input.resources[i] | some i in sort(positions)] | some t, positions in _positions}

_positions[r.typeLower] contains i if {
	some i, r in input.resources
	not r.existing
	not never_deployed(r)
}

# never_deployed(r) holds for a resource whose condition depends on a parameter with a finite set
# of values (allowedValues, or a bool) and is false for every one of them.
never_deployed(r) if value.all_cases_fail(r.condition, [c.when | some c in value.cases(r.condition); c.value != true])

# deployed(type_lower) is every resource this template deploys with that (lower-case) type.
deployed(type_lower) := object.get(by_type, type_lower, [])

# deployed_any(types) is every deployed resource whose lower-case type is in the set types.
deployed_any(types) := [r |
	some t in types
	some r in deployed(t)
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
	not never_deployed(r)
}

# key(r) is the id key of resource r, from the lower-cased id the input carries when it is known.
key(r) := r.idLower if is_string(r.idLower)

else := id_key(r.id)

# id_key(id) is the key of a resource id: two ids name the same resource when their keys are
# equal. Joins index one side by this key and look the other side up, never comparing every pair.
id_key(id) := lower(id) if is_string(id)

# Two unknown ids of the same origin (the same resource, whatever its name turns out to be) too;
# their key is an array, so it never equals a known id's.
id_key(id) := ["$unknown", id["$unknown"].origin] if {
	value.is_unknown(id)
	is_string(id["$unknown"].origin)
}

# parent_key(r) is the id key of the parent of child resource r (a domain's email service): its
# known id without the last type and name, else the parent id the expander gives a child whose
# name is unknown (the id resourceId(parentType, ...) would give, with the same origin).
parent_key(r) := id_key(concat("/", array.slice(parts, 0, count(parts) - 2))) if {
	is_string(r.id)
	parts := split(r.id, "/")
} else := id_key(r.parentId)

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
