# METADATA
# title: ACS secrets
# description: >-
#   What counts as an ACS secret: a value derived from listKeys or another list* function on a
#   Microsoft.Communication resource (the expander's unknowns carry the function and the target's
#   type, even when the target's name is unknown), or a literal that looks like an ACS connection
#   string. A list* result whose target's type is not known may be one: rules report it unknown.
# custom:
#   library: true
package acs.lib.secrets

import data.acs.lib.resources
import data.acs.lib.value

# is_acs_secret(x) holds for a single value that is an ACS secret.
is_acs_secret(x) if {
	_listed(x)
	startswith(x["$unknown"].target.type, "microsoft.communication/")
}

is_acs_secret(x) if is_connection_string(x)

# maybe_acs_secret(x) holds for a list* result whose target's type is not known.
maybe_acs_secret(x) if {
	_listed(x)
	not x["$unknown"].target.type
}

# is_connection_string(x) holds for a literal ACS connection string (endpoint=https://...;accesskey=...).
# The length and separator checks are cheap; they spare the regex on the many strings that cannot match.
is_connection_string(x) if {
	is_string(x)
	count(x) > 30
	contains(x, ";")
	regex.match(`(?i)endpoint=https://[^;]*communication[^;]*;\s*accesskey=[^;\s]+`, x)
}

# is_access_key_literal(x) holds for a literal that looks like an access key: 40 or more base64 characters.
is_access_key_literal(x) if {
	is_string(x)
	count(x) >= 40
	not contains(x, " ")
	regex.match(`^[A-Za-z0-9+/]{38,}={0,2}$`, x)
}

# names_connection_string_or_key(name): the name says connection string or key, of any service,
# and does not merely point at one (…Name, …Id, …Uri, …Url, …Endpoint) or switch one on or off
# (…Enabled, …Auth, …Authentication, flags such as disableAccessKeyAuthentication).
names_connection_string_or_key(name) if {
	regex.match(`(?i)(connection[-_]?string|access[-_]?keys?|primary[-_]?key|secondary[-_]?key)`, name)
	not _points_or_switches(name)
}

_points_or_switches(name) if regex.match(`(?i)(name|id|uri|url|endpoint|enabled|auth|authentication|type|version)s?$`, name)

# names_acs(name): the name is about Azure Communication Services (acs as a word, or communication).
names_acs(name) if regex.match(`(^|[^a-zA-Z])(?i:acs)|Acs|ACS|(?i:communication)`, name)

# names_acs_credential(name): the name says it is an ACS connection string or key, such as
# acsConnectionString, ACS_ACCESS_KEY or communicationServicePrimaryKey; another service's
# (appInsightsConnectionString, redisAccessKey) is not one.
names_acs_credential(name) if {
	names_acs(name)
	names_connection_string_or_key(name)
}

names_acs_credential(name) if {
	names_acs(name)
	regex.match(`(?i)keys?$`, name)
	not _points_or_switches(name)
}

# names_access_key(name): a name an access-key literal may be stored under: an ACS credential's,
# or, inside an ACS workload, a plain access key's.
names_access_key(name) if names_acs_credential(name)

names_access_key(name) if {
	regex.match(`(?i)access[-_]?key`, name)
	not _points_or_switches(name)
	resources.acs_workload
}

# secret_paths(v) are the paths (below v) of every ACS secret inside v.
secret_paths(v) := [path |
	walk(v, [path, node])
	is_acs_secret(node)
]

# maybe_secret_paths(v) are the paths of every possible ACS secret inside v.
maybe_secret_paths(v) := [path |
	walk(v, [path, node])
	maybe_acs_secret(node)
]

_listed(x) if {
	value.is_unknown(x)
	x["$unknown"].secret == true
	some f in x["$unknown"].functions
	startswith(f, "list")
}
