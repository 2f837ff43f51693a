# METADATA
# title: Client web apps enforce HTTPS and TLS 1.2+
# description: >-
#   In an ACS workload, the web apps and function apps that hand out ACS user access tokens and
#   relay calls and chats are the clients' way in. They must refuse plain HTTP (httpsOnly: true)
#   and, when they set a minimum TLS version, it must be 1.2 or higher. Slots are judged like
#   apps; a minTlsVersion set through a sites/config (web) resource is judged on that resource.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-https
#     description: Enforce HTTPS in App Service
#   - ref: https://learn.microsoft.com/azure/app-service/overview-tls
#     description: TLS in App Service
# custom:
#   id: ACS-NET-003
#   long_id: web_apps_https_tls
#   severity: high
#   default_enabled: true
#   resource_types:
#     - Microsoft.Web/sites
#     - Microsoft.Web/sites/slots
#     - Microsoft.Web/sites/config
#     - Microsoft.Web/sites/slots/config
#   baseline:
#     - "Network Security: Private Link, TLS 1.2+ encryption"
#     - "Data Protection: Encryption in Transit (TLS 1.2 or 1.3)"
#   remediation: >-
#     Set httpsOnly to true and siteConfig.minTlsVersion to 1.2 (or leave it at its default).
#   parameters:
#     type: object
#     additionalProperties: false
#     properties: {}
#   baseline_quote: >-
#     Encryption in Transit: All communication between clients and ACS, and between ACS and other
#     Azure services, is encrypted using Transport Layer Security (TLS) 1.2 or 1.3.
#   fix_arm: |-
#     "properties": {
#       "httpsOnly": true,
#       "siteConfig": { "minTlsVersion": "1.2" }
#     }
#   fix_bicep: |-
#     properties: {
#       httpsOnly: true
#       siteConfig: { minTlsVersion: '1.2' }
#     }
#   suppress_when: >-
#     An app that only serves an internal health probe on HTTP behind a TLS-terminating gateway;
#     name the gateway in the justification.
#   messages:
#     weak: "{problems|semicolon}"
#     http_allowed: "httpsOnly is not true, so the app also serves plain HTTP"
#     old_tls: "minTlsVersion is {version}; it must be 1.2 or higher"
#     depends: "HTTPS or TLS settings depend on values not known before deployment"
#     tls_depends: "minTlsVersion depends on {value}; it must be 1.2 or higher"
#     http_allowed_for_all: "httpsOnly is not true for any value of {parameter}, so the app also serves plain HTTP"
#     http_allowed_when: "httpsOnly is not true when {parameter} is {values|or}, so the app also serves plain HTTP"
#     old_tls_for_all: "minTlsVersion is below 1.2 for every value of {parameter}; it must be 1.2 or higher"
#     old_tls_when: "minTlsVersion is below 1.2 when {parameter} is {values|or}; it must be 1.2 or higher"
package acs.rules.net.web_apps_https_tls

import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.value

_sites := {"microsoft.web/sites", "microsoft.web/sites/slots"}

_configs := {"microsoft.web/sites/config", "microsoft.web/sites/slots/config"}

deny contains finding if {
	resources.acs_workload
	some r in resources.deployed_any(_sites)
	problems := _site_problems(r)
	count(problems) > 0
	finding := result.fail(rego.metadata.chain(), r, problems[0].path, result.message("weak", {"problems": [p.message | some p in problems]}))
}

deny contains finding if {
	resources.acs_workload
	some r in resources.deployed_any(_sites)
	count(_site_problems(r)) == 0
	unknowns := array.concat(_https_unknowns(r), _tls_unknowns(r, _site_tls_path, "depends"))
	count(unknowns) > 0
	finding := result.unknown(rego.metadata.chain(), r, unknowns[0].path, unknowns[0].message)
}

deny contains finding if {
	resources.acs_workload
	some r in resources.deployed_any(_configs)
	problems := _tls_problems(r, _config_tls_path)
	count(problems) > 0
	finding := result.fail(rego.metadata.chain(), r, problems[0].path, problems[0].message)
}

deny contains finding if {
	resources.acs_workload
	some r in resources.deployed_any(_configs)
	_config_named(r, "web")
	count(_tls_problems(r, _config_tls_path)) == 0
	[u] := _tls_unknowns(r, _config_tls_path, "tls_depends")
	finding := result.unknown(rego.metadata.chain(), r, u.path, u.message)
}

# A config resource's last name segment says what it configures (web, appsettings, logs); an
# unknown name may be any of them.
_config_named(r, want) if {
	parts := split(r.name, "/")
	lower(parts[count(parts) - 1]) == want
}

_config_named(r, _) if value.is_unknown(r.name)

_https_path := ["properties", "httpsOnly"]

_site_tls_path := ["properties", "siteConfig", "minTlsVersion"]

_config_tls_path := ["properties", "minTlsVersion"]

_site_problems(r) := array.concat(_https_problems(r), _tls_problems(r, _site_tls_path))

# httpsOnly must be true; a bool parameter is judged for true and false.
_https_failing(v) := [c.when | some c in value.cases(v); c.value != true]

_https_problems(r) := [{"path": _https_path, "message": result.message("http_allowed", {})}] if {
	v := value.get(r, _https_path)
	value.is_known(v)
	v != true
} else := [{"path": _https_path, "message": result.message("http_allowed_for_all", {"parameter": value.parameter(v)})}] if {
	v := value.get(r, _https_path)
	value.all_cases_fail(v, _https_failing(v))
} else := []

_https_unknowns(r) := [{"path": _https_path, "message": result.message("depends", {})}] if {
	value.undecided(value.get(r, _https_path))
} else := [{"path": _https_path, "message": result.message("http_allowed_when", {"parameter": value.parameter(v), "values": failing})}] if {
	v := value.get(r, _https_path)
	failing := _https_failing(v)
	value.some_cases_fail(v, failing)
} else := []

# minTlsVersion below 1.2 fails; a parameter with allowed values is judged for each of them.
_old_tls(v) if {
	is_string(v)
	to_number(v) < 1.2
}

_tls_failing(v) := [c.when | some c in value.cases(v); _old_tls(c.value)]

_tls_problems(r, path) := [{"path": path, "message": result.message("old_tls", {"version": v})}] if {
	v := object.get(r, path, null)
	_old_tls(v)
} else := [{"path": path, "message": result.message("old_tls_for_all", {"parameter": value.parameter(v)})}] if {
	v := value.get(r, path)
	value.all_cases_fail(v, _tls_failing(v))
} else := []

# The unknown minTlsVersion at path, with the message for one that cannot be judged case by case.
_tls_unknowns(r, path, undecided_message) := [{"path": path, "message": msg}] if {
	v := value.get(r, path)
	value.undecided(v)
	msg := result.message(undecided_message, {"value": v})
} else := [{"path": path, "message": result.message("old_tls_when", {"parameter": value.parameter(v), "values": failing})}] if {
	v := value.get(r, path)
	failing := _tls_failing(v)
	value.some_cases_fail(v, failing)
} else := []
