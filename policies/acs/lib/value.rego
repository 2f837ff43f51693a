# METADATA
# title: Unknown-aware value helpers
# description: >-
#   The expander marks every value it cannot resolve before deployment as an object with one
#   reserved key, "$unknown". These helpers let rules tell such a value from a known one.
#   Never negate a helper that is false merely because a value is unknown: guard with is_known.
# custom:
#   library: true
package acs.lib.value

# is_unknown(x) holds when x is a value the expander could not resolve.
is_unknown(x) if {
	is_object(x)
	is_object(x["$unknown"])
}

# is_known(x) holds for every value that is not an unknown marker (null and absent included).
is_known(x) if not is_unknown(x)

# get(x, path) is the value at path inside x, like object.get(x, path, null), except that when a
# value on the way is unknown (a whole `properties` object from a parameter, say) it is that
# unknown: what lies below an unknown is unknown, never absent.
get(x, path) := v if {
	# A value present is found by object.get alone: nothing on its way was unknown.
	v := object.get(x, path, null)
	v != null
} else := prefixes[0] if {
	prefixes := _unknown_prefixes(x, path)
	count(prefixes) > 0
} else := null

_unknown_prefixes(x, path) := [u |
	some i in numbers.range(1, count(path) - 1)
	u := object.get(x, array.slice(path, 0, i), null)
	is_unknown(u)
]

# known_prefix(x) is what is known of the beginning of x: all of a string, the known beginning of
# an unknown string built with concat, format or interpolation ("https://" of
# format('https://{0}', reference(...).defaultHostName)), else "".
known_prefix(x) := x if is_string(x)

else := x["$unknown"].prefix if is_string(x["$unknown"].prefix)

else := ""

# known_suffix(x) is what is known of the end of x, likewise.
known_suffix(x) := x if is_string(x)

else := x["$unknown"].suffix if is_string(x["$unknown"].suffix)

else := ""

# same(a, b) holds when two unknown values are provably equal: they come from the same origin
# (the same parameter, or the same expression over the same unknowns).
same(a, b) if {
	is_unknown(a)
	is_string(a["$unknown"].origin)
	a["$unknown"].origin == b["$unknown"].origin
}

# cases(x) are the values an unknown x can take when it depends on one parameter with a finite
# set of values (allowedValues, or a bool): each {"when": <parameter value>, "value": <x then>}.
# Empty when they are not known. A rule judges each: all pass, pass; all fail, fail; else unknown.
cases(x) := x["$unknown"].domain.cases if {
	is_unknown(x)
	is_array(x["$unknown"].domain.cases)
} else := []

# A rule judging an unknown x case by case computes the `when`s of the cases that fail
# (failing := [c.when | some c in value.cases(x); not ok(c.value)]) and asks:
# all_cases_fail: x fails whatever its parameter is (a fail); some_cases_fail: it fails for some
# values only (an unknown naming them); all_cases_pass: it passes for every value (a pass).
all_cases_fail(x, failing) if {
	n := count(cases(x))
	n > 0
	count(failing) == n
}

some_cases_fail(x, failing) if {
	count(failing) > 0
	count(failing) < count(cases(x))
}

all_cases_pass(x, failing) if {
	count(cases(x)) > 0
	count(failing) == 0
}

# undecided(x) holds for an unknown that cannot be judged case by case (no finite set of values).
undecided(x) if {
	is_unknown(x)
	count(cases(x)) == 0
}

# parameter(x) is the parameter whose finite set of values x depends on.
parameter(x) := x["$unknown"].domain.parameter
