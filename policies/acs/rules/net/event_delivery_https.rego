# METADATA
# title: ACS events delivered over HTTPS
# description: >-
#   Event Grid delivers ACS events (incoming calls, SMS received, chat messages, recording
#   status) with their content. An event subscription on an ACS resource (on a system topic whose
#   source is a communication service, or scoped to it) with a WebHook destination must use an
#   https:// endpoint, or the events cross the network in clear text.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/communication-services/concepts/events
#     description: Event handling in Azure Communication Services
#   - ref: https://learn.microsoft.com/azure/event-grid/webhook-event-delivery
#     description: Event Grid webhook delivery
# custom:
#   id: ACS-NET-002
#   long_id: event_delivery_https
#   severity: high
#   default_enabled: true
#   resource_types:
#     - Microsoft.EventGrid/systemTopics
#     - Microsoft.EventGrid/systemTopics/eventSubscriptions
#     - Microsoft.EventGrid/eventSubscriptions
#   baseline:
#     - "Network Security: Private Link, TLS 1.2+ encryption"
#     - "Data Protection: Encryption in Transit (TLS 1.2 or 1.3)"
#   remediation: >-
#     Use an https:// endpointUrl for WebHook destinations, or deliver to an Azure Function,
#     Service Bus or Event Hubs destination.
#   parameters:
#     type: object
#     additionalProperties: false
#     properties: {}
#   baseline_quote: >-
#     Encryption in Transit: All communication between clients and ACS, and between ACS and other
#     Azure services, is encrypted using Transport Layer Security (TLS) 1.2 or 1.3.
#   fix_arm: |-
#     "destination": {
#       "endpointType": "WebHook",
#       "properties": { "endpointUrl": "https://events.example.com/api/acs" }
#     }
#   fix_bicep: |-
#     destination: {
#       endpointType: 'WebHook'
#       properties: { endpointUrl: 'https://events.example.com/api/acs' }
#     }
#   suppress_when: >-
#     Never in production. A local development tunnel that only receives synthetic events may be
#     suppressed with an expiry.
#   messages:
#     plain_http_prefix: "ACS events are delivered to {prefix}... without TLS; use an https:// endpoint"
#     plain_http: "ACS events are delivered to {url} without TLS; use an https:// endpoint"
#     url_depends: "the endpoint of ACS events depends on {value}; it must be https://"
#     plain_http_for_all: "ACS events are delivered without TLS for every value of {parameter}; use an https:// endpoint"
#     plain_http_when: "ACS events are delivered without TLS when {parameter} is {values|or}; use an https:// endpoint"
#     type_depends: "the endpoint type depends on {value}; if it is WebHook, ACS events go to {url}, which is not known to be https://"
#     webhook_when: "the endpoint type is WebHook when {parameter} is {values|or}; ACS events then go to {url}, which is not known to be https://"
package acs.rules.net.event_delivery_https

import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.value

# Id keys of the system topics of ACS events; a subscription below one is joined by its parent's
# key, known or the same origin when the names are parameters with no value.
_acs_topic_keys contains resources.key(t) if {
	some t in resources.deployed("microsoft.eventgrid/systemtopics")
	resources.is_communication_id(t.properties.source)
}

_subscriptions contains s if {
	some s in resources.deployed("microsoft.eventgrid/systemtopics/eventsubscriptions")
	resources.parent_key(s) in _acs_topic_keys
}

_subscriptions contains s if {
	some s in resources.deployed("microsoft.eventgrid/eventsubscriptions")
	resources.is_communication_id(s.scope)
}

_url_path := ["properties", "destination", "properties", "endpointUrl"]

_type_path := ["properties", "destination", "endpointType"]

_webhook(s) if _is_webhook(value.get(s, _type_path))

# An endpoint type from a parameter with allowed values that is WebHook for every one of them.
_webhook(s) if {
	kind := value.get(s, _type_path)
	value.all_cases_fail(kind, _webhook_cases(kind))
}

_is_webhook(kind) if lower(kind) == "webhook"

_webhook_cases(kind) := [c.when | some c in value.cases(kind); _is_webhook(c.value)]

# https(url): the URL is https, known whole or by its known beginning (format('https://{0}', ...)).
_https(url) if startswith(lower(value.known_prefix(url)), "https://")

# plain_http(url): an unknown URL known to begin with http:// (concat('http://', host, ...)).
_plain_http(url) if startswith(lower(value.known_prefix(url)), "http://")

deny contains finding if {
	some s in _subscriptions
	_webhook(s)
	url := value.get(s, _url_path)
	value.is_unknown(url)
	_plain_http(url)
	finding := result.fail(rego.metadata.chain(), s, _url_path, result.message("plain_http_prefix", {"prefix": value.known_prefix(url)}))
}

deny contains finding if {
	some s in _subscriptions
	_webhook(s)
	url := value.get(s, _url_path)
	is_string(url)
	not _https(url)
	finding := result.fail(rego.metadata.chain(), s, _url_path, result.message("plain_http", {"url": url}))
}

deny contains finding if {
	some s in _subscriptions
	_webhook(s)
	url := value.get(s, _url_path)
	value.undecided(url)
	not _https(url)
	not _plain_http(url)
	finding := result.unknown(rego.metadata.chain(), s, _url_path, result.message("url_depends", {"value": url}))
}

# A URL from a parameter with allowed values is judged for each of them.
deny contains finding if {
	some s in _subscriptions
	_webhook(s)
	url := value.get(s, _url_path)
	value.all_cases_fail(url, _failing(url))
	finding := result.fail(rego.metadata.chain(), s, _url_path, result.message("plain_http_for_all", {"parameter": value.parameter(url)}))
}

deny contains finding if {
	some s in _subscriptions
	_webhook(s)
	url := value.get(s, _url_path)
	failing := _failing(url)
	value.some_cases_fail(url, failing)
	finding := result.unknown(rego.metadata.chain(), s, _url_path, result.message("plain_http_when", {"parameter": value.parameter(url), "values": failing}))
}

_failing(url) := [c.when | some c in value.cases(url); not _https(c.value)]

# The endpoint type is not known: a webhook to a URL not known to be https may be plain HTTP.
deny contains finding if {
	some s in _subscriptions
	kind := value.get(s, _type_path)
	value.undecided(kind)
	url := value.get(s, _url_path)
	url != null
	not _https(url)
	finding := result.unknown(rego.metadata.chain(), s, _type_path, result.message("type_depends", {"value": kind, "url": url}))
}

# An endpoint type from a parameter with allowed values that is WebHook for some of them only.
deny contains finding if {
	some s in _subscriptions
	kind := value.get(s, _type_path)
	webhooks := _webhook_cases(kind)
	value.some_cases_fail(kind, webhooks)
	url := value.get(s, _url_path)
	url != null
	not _https(url)
	finding := result.unknown(rego.metadata.chain(), s, _type_path, result.message("webhook_when", {"parameter": value.parameter(kind), "values": webhooks, "url": url}))
}
