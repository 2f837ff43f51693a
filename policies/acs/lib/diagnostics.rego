# METADATA
# title: Diagnostic settings
# description: >-
#   Finds the Microsoft.Insights/diagnosticSettings that target a resource, in whichever form the
#   template wrote them (scope, the providers name form, a child): the expander gives each its
#   target's full id as `scope`.
# custom:
#   library: true
package acs.lib.diagnostics

import data.acs.lib.resources
import data.acs.lib.value

settings := resources.deployed("microsoft.insights/diagnosticsettings")

# targeting(r) are the settings whose scope is r's id.
targeting(r) := [s |
	some s in settings
	resources.same_id(s.scope, r.id)
]

# may_target(r) holds when some setting's target cannot be matched to r before deployment:
# r's id is unknown, or a setting's scope is an unknown that may be a resource of r's type.
may_target(r) if {
	value.is_unknown(r.id)
	count(settings) > 0
}

may_target(r) if {
	some s in settings
	value.is_unknown(s.scope)
	not _other_type(s.scope, r)
}

_other_type(scope, r) if {
	t := scope["$unknown"].target.type
	t != r.typeLower
}

_destinations := ["workspaceId", "storageAccountId", "eventHubAuthorizationRuleId", "marketplacePartnerId"]

# has_destination(s) holds when the setting sends somewhere (a known or deployment-time value).
has_destination(s) if {
	some k in _destinations
	v := s.properties[k]
	v != ""
}

# enabled_logs(s) are the setting's log entries that are switched on.
enabled_logs(s) := [l |
	some l in s.properties.logs
	l.enabled == true
]

# undecided(s) holds when the setting's destination or logs depend on unknown values.
undecided(s) if value.is_unknown(s.properties)

undecided(s) if value.is_unknown(s.properties.logs)

undecided(s) if {
	some l in s.properties.logs
	some v in [object.get(l, "enabled", null), object.get(l, "category", null), object.get(l, "categoryGroup", null)]
	value.is_unknown(v)
}
