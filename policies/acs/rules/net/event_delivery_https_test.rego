package acs.rules.net.event_delivery_https_test

import data.acs.lib.testdata
import data.acs.rules.net.event_delivery_https as rule

_topic(source) := testdata.resource(0, "Microsoft.EventGrid/systemTopics", "acs-events", {"source": source, "topicType": "Microsoft.Communication.CommunicationServices"})

_sub(url) := testdata.resource(1, "Microsoft.EventGrid/systemTopics/eventSubscriptions", "acs-events/to-app", {"destination": {"endpointType": "WebHook", "properties": {"endpointUrl": url}}})

_deny(resources) := d if {
	d := rule.deny with input as {"resources": resources}
}

test_fail_http_webhook if {
	[f] := [f | some f in _deny([_topic(testdata.acs_id), _sub("http://app.example.com/events")])]
	f.status == "fail"
	f.subject.index == 1
	f.path == ["properties", "destination", "properties", "endpointUrl"]
}

test_pass_https_webhook if count(_deny([_topic(testdata.acs_id), _sub("https://app.example.com/events")])) == 0

test_pass_topic_of_other_source if {
	count(_deny([_topic("/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/st"), _sub("http://x")])) == 0
}

test_fail_subscription_scoped_to_acs if {
	s := object.union(testdata.resource(0, "Microsoft.EventGrid/eventSubscriptions", "direct", {"destination": {"endpointType": "webhook", "properties": {"endpointUrl": "http://x"}}}), {"scope": testdata.acs_id})
	testdata.verdicts(_deny([s])) == {["fail", ["properties", "destination", "properties", "endpointUrl"]]}
}

test_unknown_url if {
	[f] := [f | some f in _deny([_topic(testdata.acs_id), _sub(testdata.missing("[parameters('url')]"))])]
	f.path == ["properties", "destination", "properties", "endpointUrl"]
	f.status == "unknown"
}

_sub_typed(kind, url) := testdata.resource(1, "Microsoft.EventGrid/systemTopics/eventSubscriptions", "acs-events/to-app", {"destination": {"endpointType": kind, "properties": {"endpointUrl": url}}})

test_unknown_endpoint_type_with_http_url if {
	[f] := [f | some f in _deny([_topic(testdata.acs_id), _sub_typed(testdata.missing("[parameters('kind')]"), "http://app.example.com/events")])]
	f.status == "unknown"
	f.path == ["properties", "destination", "endpointType"]
	f.message.id == "type_depends"
	f.message.args.url == "http://app.example.com/events"
}

test_pass_unknown_endpoint_type_with_https_url if {
	count(_deny([_topic(testdata.acs_id), _sub_typed(testdata.missing("[parameters('kind')]"), "https://app.example.com/events")])) == 0
}

test_unknown_destination_is_unknown if {
	s := testdata.resource(1, "Microsoft.EventGrid/systemTopics/eventSubscriptions", "acs-events/to-app", {"destination": testdata.missing("[parameters('destination')]")})
	[f] := [f | some f in _deny([_topic(testdata.acs_id), s])]
	f.path == ["properties", "destination", "endpointType"]
	f.status == "unknown"
}

test_pass_url_with_a_known_https_beginning if {
	url := {"$unknown": {"reason": "runtime-function", "expression": "[format('https://{0}/api/events', reference('app').defaultHostName)]", "prefix": "https://", "suffix": "/api/events"}}
	count(_deny([_topic(testdata.acs_id), _sub(url)])) == 0
}

test_unknown_url_without_a_known_beginning if {
	[f] := [f | some f in _deny([_topic(testdata.acs_id), _sub(testdata.missing("[parameters('url')]"))])]
	f.path == ["properties", "destination", "properties", "endpointUrl"]
	f.status == "unknown"
}

test_fail_url_with_a_known_http_beginning if {
	url := {"$unknown": {"reason": "missing-parameter", "expression": "[parameters('host')]", "prefix": "http://"}}
	[f] := [f | some f in _deny([_topic(testdata.acs_id), _sub(url)])]
	f.path == ["properties", "destination", "properties", "endpointUrl"]
	f.status == "fail"
}

test_allowed_urls_are_judged_each if {
	https := "https://a.example.com/events"
	http := "http://b.example.com/events"
	count(_deny([_topic(testdata.acs_id), _sub(testdata.finite("url", [https]))])) == 0
	testdata.verdicts(_deny([_topic(testdata.acs_id), _sub(testdata.finite("url", [http]))])) == {["fail", ["properties", "destination", "properties", "endpointUrl"]]}
	[f] := [f | some f in _deny([_topic(testdata.acs_id), _sub(testdata.finite("url", [https, http]))])]
	[f.status, f.path] == ["unknown", ["properties", "destination", "properties", "endpointUrl"]]
	f.message == {"id": "plain_http_when", "args": {"parameter": "url", "values": [http]}}
}

_sub_of_kind(kind) := testdata.resource(1, "Microsoft.EventGrid/systemTopics/eventSubscriptions", "acs-events/to-app", {"destination": {"endpointType": kind, "properties": {"endpointUrl": "http://x"}}})

test_allowed_endpoint_types_are_judged_each if {
	count(_deny([_topic(testdata.acs_id), _sub_of_kind(testdata.finite("kind", ["EventHub", "ServiceBusQueue"]))])) == 0
	testdata.verdicts(_deny([_topic(testdata.acs_id), _sub_of_kind(testdata.finite("kind", ["WebHook"]))])) == {["fail", ["properties", "destination", "properties", "endpointUrl"]]}
	[f] := [f | some f in _deny([_topic(testdata.acs_id), _sub_of_kind(testdata.finite("kind", ["WebHook", "EventHub"]))])]
	[f.status, f.path] == ["unknown", ["properties", "destination", "endpointType"]]
	f.message.args.values == ["WebHook"]
}

# Names from a parameter with no value: the subscription's parent id (given by the expander) has the
# topic's id origin, so an http:// webhook below an ACS topic fails, it is not silently skipped.
test_a_subscription_joins_its_topic_by_origin_when_names_are_unknown if {
	topic_id := {"$unknown": {"reason": "missing-parameter", "expression": "[parameters('topic')]", "origin": "resourceid(\"Microsoft.EventGrid/systemTopics\",<t.json#/parameters/topic>)"}}
	topic := object.union(_topic(testdata.acs_id), {"name": testdata.missing("[parameters('topic')]"), "id": topic_id})
	sub := object.union(_sub("http://app.example.com/events"), {"name": testdata.missing("[parameters('topic')]"), "id": testdata.missing("[parameters('topic')]"), "parentId": topic_id})
	testdata.verdicts(_deny([topic, sub])) == {["fail", ["properties", "destination", "properties", "endpointUrl"]]}
	other := object.union(sub, {"parentId": {"$unknown": {"reason": "missing-parameter", "expression": "[parameters('other')]", "origin": "other"}}})
	count(_deny([topic, other])) == 0
}
