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
	f.subject.index == 1
	f.path == ["properties", "destination", "properties", "endpointUrl"]
}

test_pass_https_webhook if count(_deny([_topic(testdata.acs_id), _sub("https://app.example.com/events")])) == 0

test_pass_topic_of_other_source if {
	count(_deny([_topic("/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/st"), _sub("http://x")])) == 0
}

test_fail_subscription_scoped_to_acs if {
	s := object.union(testdata.resource(0, "Microsoft.EventGrid/eventSubscriptions", "direct", {"destination": {"endpointType": "webhook", "properties": {"endpointUrl": "http://x"}}}), {"scope": testdata.acs_id})
	count(_deny([s])) == 1
}

test_unknown_url if {
	[f] := [f | some f in _deny([_topic(testdata.acs_id), _sub(testdata.missing("[parameters('url')]"))])]
	f.status == "unknown"
}
