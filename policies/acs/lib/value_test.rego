package acs.lib.value_test

import data.acs.lib.value

_unknown := {"$unknown": {"reason": "missing-parameter", "expression": "[parameters('x')]"}}

test_unknown_marker_is_unknown if value.is_unknown(_unknown)

test_plain_object_is_known if {
	value.is_known({"a": 1})
	not value.is_unknown({"a": 1})
}

test_scalars_are_known if {
	value.is_known(false)
	value.is_known(null)
	value.is_known("$unknown")
}

test_get_below_an_unknown_is_that_unknown if {
	u := {"$unknown": {"expression": "[parameters('p')]"}}
	value.get({"properties": u}, ["properties", "a", "b"]) == u
	value.get({"properties": {"a": 1}}, ["properties", "a"]) == 1
	value.get({"properties": {}}, ["properties", "a"]) == null
	value.get({}, ["properties", "a"]) == null
}

test_known_prefix_and_suffix if {
	value.known_prefix("https://x") == "https://x"
	value.known_prefix({"$unknown": {"prefix": "https://"}}) == "https://"
	value.known_prefix({"$unknown": {}}) == ""
	value.known_suffix({"$unknown": {"suffix": "/api"}}) == "/api"
	value.known_suffix(3) == ""
}

test_same_origin_is_the_same_value if {
	value.same({"$unknown": {"origin": "t.json#/parameters/loc"}}, {"$unknown": {"origin": "t.json#/parameters/loc", "expression": "other"}})
	not value.same({"$unknown": {"origin": "a"}}, {"$unknown": {"origin": "b"}})
	not value.same({"$unknown": {}}, {"$unknown": {}})
}
