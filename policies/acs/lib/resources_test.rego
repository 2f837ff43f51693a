package acs.lib.resources_test

import data.acs.lib.resources
import data.acs.lib.testdata

_acs(i, existing) := {
	"index": i, "typeLower": "microsoft.communication/communicationservices",
	"existing": existing,
}

test_selects_deployed_services_only if {
	inp := {"resources": [_acs(0, false), _acs(1, true), {"index": 2, "typeLower": "microsoft.web/sites", "existing": false}]}
	[r.index | some r in resources.communication_services] == [0] with input as inp
}

test_no_resources if {
	count(resources.communication_services) == 0 with input as {"resources": []}
}

test_acs_workload_needs_a_deployed_communication_resource if {
	resources.acs_workload with input as {"resources": [{"typeLower": "microsoft.communication/emailservices", "existing": false}]}
	not resources.acs_workload with input as {"resources": [_acs(0, true)]}
	not resources.acs_workload with input as {"resources": [{"typeLower": "microsoft.web/sites", "existing": false}]}
}

test_ids_compare_case_insensitively if {
	resources.id_key("/subscriptions/S/x") == resources.id_key("/subscriptions/s/X")
	not resources.id_key({"$unknown": {}})
}

test_communication_ids if {
	resources.is_communication_id("/subscriptions/s/resourceGroups/r/providers/Microsoft.Communication/communicationServices/a")
	resources.is_communication_id({"$unknown": {"target": {"type": "microsoft.communication/communicationservices"}}})
	not resources.is_communication_id("/subscriptions/s/resourceGroups/r")
}

test_key_is_the_lower_cased_id_the_input_carries if {
	resources.key({"id": "/S/X", "idLower": "/s/x"}) == "/s/x"
	resources.key({"id": "/S/X"}) == "/s/x"
	resources.key({"id": {"$unknown": {"origin": "o"}}}) == ["$unknown", "o"]
}

test_deployed_keeps_input_order_and_skips_existing if {
	inp := {"resources": [
		{"index": 0, "typeLower": "a", "existing": false}, {"index": 1, "typeLower": "b", "existing": false},
		{"index": 2, "typeLower": "a", "existing": true}, {"index": 3, "typeLower": "a", "existing": false},
	]}
	[r.index | some r in resources.deployed("a")] == [0, 3] with input as inp
	resources.deployed("c") == [] with input as inp
}

test_deployed_any if {
	inp := {"resources": [{"index": 0, "typeLower": "a", "existing": false}, {"index": 1, "typeLower": "b", "existing": false}]}
	count(resources.deployed_any({"a", "b"})) == 2 with input as inp
}

test_unknown_ids_of_the_same_origin_are_the_same if {
	resources.id_key({"$unknown": {"origin": "resourceid(x,<p>)"}}) == resources.id_key({"$unknown": {"origin": "resourceid(x,<p>)", "expression": "y"}})
	resources.id_key({"$unknown": {"origin": "resourceid(x,<p>)"}}) != resources.id_key({"$unknown": {"origin": "resourceid(x,<q>)"}})
	resources.id_key({"$unknown": {"origin": "resourceid(x,<p>)"}}) != resources.id_key("resourceid(x,<p>)")
}

test_a_resource_whose_condition_is_false_for_every_value_is_never_deployed if {
	never := {"$unknown": {"domain": {"parameter": "deploy", "cases": [{"when": false, "value": false}]}}}
	either := {"$unknown": {"domain": {"parameter": "deploy", "cases": [{"when": true, "value": true}, {"when": false, "value": false}]}}}
	inp := {"resources": [
		{"index": 0, "typeLower": "microsoft.communication/communicationservices", "existing": false, "condition": never},
		{"index": 1, "typeLower": "a", "existing": false, "condition": either},
		{"index": 2, "typeLower": "a", "existing": false, "condition": never},
	]}
	[r.index | some r in resources.deployed("a")] == [1] with input as inp
	count(resources.communication_services) == 0 with input as inp
	not resources.acs_workload with input as inp
}

test_parent_key_of_a_known_id_drops_the_last_type_and_name if {
	id := "/subscriptions/s/resourceGroups/r/providers/Microsoft.Communication/emailServices/Mail/domains/x"
	domain := object.union(testdata.resource(1, "Microsoft.Communication/emailServices/domains", "Mail/x", {}), {"id": id})
	resources.parent_key(domain) == "/subscriptions/s/resourcegroups/r/providers/microsoft.communication/emailservices/mail"
}

test_parent_key_of_an_unknown_id_is_the_parent_id_the_expander_gives if {
	parent := {"$unknown": {"reason": "missing-parameter", "expression": "[parameters('mail')]", "origin": "resourceid(\"T\",<p>)"}}
	domain := object.union(testdata.resource(1, "Microsoft.Communication/emailServices/domains", "x", {}), {"id": testdata.missing("[parameters('mail')]"), "parentId": parent})
	resources.parent_key(domain) == ["$unknown", "resourceid(\"T\",<p>)"]
	not resources.parent_key(object.remove(domain, ["parentId"]))
}
