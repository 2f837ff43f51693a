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

# by_key[k] are the settings whose scope has the id key k (see resources.id_key), in input order,
# built once. Rules judge each distinct target once, from this object, and each resource looks its
# key up in the result: many resources may share one id (a template may declare the same service
# again and again), and judging the settings of every resource would cost resources × settings.
# (An object, not a multi-value rule: a lookup into one would run its body again for every key.)
by_key := {k: [settings[i] | some i in positions] | some k, positions in _scope_groups}

_scope_groups[resources.id_key(s.scope)] contains i if some i, s in settings

# targeted(r) holds when some setting's scope is r's id.
targeted(r) if by_key[resources.key(r)]

# may_target(r) holds when some setting's target cannot be matched to r before deployment:
# r's id is unknown, or a setting's scope is an unknown that may be a resource of r's type.
may_target(r) if {
	value.is_unknown(r.id)
	count(settings) > 0
}

may_target(_) if _untyped_unknown_scope

may_target(r) if r.typeLower in _unknown_scope_types

# Settings whose scope is unknown, by what the expander knows of the target: no type (it may be any
# resource), or a type (it may be a resource of that type). Computed once, looked up per resource.
# (Defaults make the rules defined, so that WebAssembly keeps their results instead of recomputing
# them at every reference.)
default _untyped_unknown_scope := false

_untyped_unknown_scope if {
	some s in settings
	value.is_unknown(s.scope)
	not _has_target_type(s.scope)
}

_has_target_type(scope) if _ = scope["$unknown"].target.type

_unknown_scope_types contains t if {
	some s in settings
	value.is_unknown(s.scope)
	t := s.scope["$unknown"].target.type
}

_destinations := ["workspaceId", "storageAccountId", "eventHubAuthorizationRuleId", "marketplacePartnerId"]

# has_destination(s) holds when the setting sends somewhere (a known or deployment-time value).
has_destination(s) if {
	some k in _destinations
	v := s.properties[k]
	v != ""
}

# enabled_logs(s) are the setting's log entries that are switched on: true, or a bool parameter
# (or one with allowed values) that is true for every value it can take.
enabled_logs(s) := [l |
	some l in s.properties.logs
	_on(l.enabled)
]

_on(v) if v == true

_on(v) if value.all_cases_pass(v, _off_cases(v))

_off_cases(v) := [c.when | some c in value.cases(v); c.value != true]

# undecided(s) holds when the setting's destination or logs depend on unknown values.
undecided(s) if beyond_cases(s)

# A log switched on or off by a parameter decides nothing when some of its values switch it on and
# others off; judged case by case, it is on (or off) when all of them agree.
undecided(s) if {
	some l in s.properties.logs
	v := object.get(l, "enabled", null)
	value.some_cases_fail(v, _off_cases(v))
}

# beyond_cases(s) holds when the setting depends on unknown values that cannot be judged for each
# value of a parameter with a finite set of values.
beyond_cases(s) if value.is_unknown(s.properties)

beyond_cases(s) if value.is_unknown(s.properties.logs)

beyond_cases(s) if {
	some l in s.properties.logs
	some v in [object.get(l, "category", null), object.get(l, "categoryGroup", null)]
	value.is_unknown(v)
}

beyond_cases(s) if {
	some l in s.properties.logs
	v := object.get(l, "enabled", null)
	value.undecided(v)
}

# switch(targeting) is [parameter, values] when the only unknowns of these settings are logs
# switched on or off by that one parameter with a finite set of values: a rule can then judge the
# settings for each value (enabled_logs_when) and name the values for which they fail.
switch(targeting) := [p, {c.when | some c in _switch_cases(targeting)}] if {
	not _some_beyond_cases(targeting)
	parameters := {value.parameter(v) | some v in _switches(targeting)}
	count(parameters) == 1
	some p in parameters
}

_some_beyond_cases(targeting) if {
	some s in targeting
	beyond_cases(s)
}

_switches(targeting) := [v |
	some s in targeting
	some l in s.properties.logs
	v := object.get(l, "enabled", null)
	count(value.cases(v)) > 0
]

_switch_cases(targeting) := [c | some v in _switches(targeting); some c in value.cases(v)]

# enabled_logs_when(s, w) are the setting's log entries that are switched on when the parameter
# of switch(...) has the value w.
enabled_logs_when(s, w) := [l |
	some l in s.properties.logs
	_on_when(l.enabled, w)
]

_on_when(v, _) if v == true

_on_when(v, w) if {
	some c in value.cases(v)
	c.when == w
	c.value == true
}
