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

# is_or_maybe_acs_secret(x) holds for a value that is an ACS secret or may be one.
is_or_maybe_acs_secret(x) if is_acs_secret(x)

is_or_maybe_acs_secret(x) if maybe_acs_secret(x)

# The checks below use string built-ins, not regular expressions: the WebAssembly module compiles a
# pattern again at every evaluation (about 0.1 ms each), which is most of what a small template
# costs, whereas these cost microseconds.

# is_connection_string(x) holds for a literal ACS connection string (endpoint=https://...;accesskey=...):
# a ;-separated part holding endpoint=https:// followed by a host with "communication" in it, and
# the next part, after blanks, "accesskey=" and a value. Case is ignored.
# The length and separator checks are cheap; they spare the splitting on the many strings that cannot match.
is_connection_string(x) if {
	is_string(x)
	count(x) > 30
	contains(x, ";")
	parts := split(lower(x), ";")
	some i, part in parts
	at := indexof(part, "endpoint=https://")
	at >= 0
	contains(substring(part, at + 17, -1), "communication")
	key := trim_left(parts[i + 1], " \t\n\r\f")
	startswith(key, "accesskey=")
	not substring(key, 10, 1) in {"", " ", "\t", "\n", "\r", "\f"}
}

# is_access_key_literal(x) holds for a literal that looks like an access key: 38 or more base64
# characters and at most two "=" of padding.
is_access_key_literal(x) if {
	is_string(x)
	count(x) >= 40

	# Resource ids and URLs, the common long strings, have a "-" or "." and are ruled out at once.
	not contains(x, "-")
	not contains(x, ".")
	body := trim_right(x, "=")
	count(x) - count(body) <= 2
	trim(body, _base64_alphabet) == ""
}

_base64_alphabet := "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

# names_connection_string_or_key(name): the name says connection string or key, of any service,
# and does not merely point at one (…Name, …Id, …Uri, …Url, …Endpoint) or switch one on or off
# (…Enabled, …Auth, …Authentication, flags such as disableAccessKeyAuthentication).
names_connection_string_or_key(name) if {
	n := lower(name)
	some word in _credential_words
	contains(n, word)
	not _points_or_switches(n)
}

# The credential words, each also with "-" or "_" between its two parts.
_credential_words := {concat(sep, [a, b]) |
	some [a, b] in [["connection", "string"], ["access", "key"], ["primary", "key"], ["secondary", "key"]]
	some sep in ["", "-", "_"]
}

# _points_or_switches(n): the lower-cased name ends in a word that points at or switches a secret.
_points_or_switches(n) if {
	some word in _pointer_words
	endswith(n, word)
}

_pointer_words := {w |
	some base in ["name", "id", "uri", "url", "endpoint", "enabled", "auth", "authentication", "type", "version"]
	some w in [base, concat("", [base, "s"])]
}

# names_acs(name): the name is about Azure Communication Services: "communication" in any case,
# "Acs" or "ACS", or "acs" in any case at the start or after a character that is not a letter.
names_acs(name) if contains(lower(name), "communication")

names_acs(name) if contains(name, "Acs")

names_acs(name) if contains(name, "ACS")

names_acs(name) if startswith(lower(name), "acs")

names_acs(name) if {
	parts := split(lower(name), "acs")
	count(parts) > 1
	some i in numbers.range(0, count(parts) - 2)
	before := parts[i]
	before != ""
	not contains(_letters, substring(before, count(before) - 1, 1))
}

_letters := "abcdefghijklmnopqrstuvwxyz"

# names_acs_credential(name): the name says it is an ACS connection string or key, such as
# acsConnectionString, ACS_ACCESS_KEY or communicationServicePrimaryKey; another service's
# (appInsightsConnectionString, redisAccessKey) is not one.
names_acs_credential(name) if {
	names_acs(name)
	names_connection_string_or_key(name)
}

names_acs_credential(name) if {
	names_acs(name)
	n := lower(name)
	some end in ["key", "keys"]
	endswith(n, end)
	not _points_or_switches(n)
}

# names_access_key(name, in_acs_workload): a name an access-key literal may be stored under: an
# ACS credential's, or, inside an ACS workload (resources.acs_workload), a plain access key's.
names_access_key(name, _) if names_acs_credential(name)

names_access_key(name, true) if {
	n := lower(name)
	some word in ["accesskey", "access-key", "access_key"]
	contains(n, word)
	not _points_or_switches(n)
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
