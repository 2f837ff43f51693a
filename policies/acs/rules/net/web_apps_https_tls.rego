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
	unknowns := _site_unknowns(r)
	count(unknowns) > 0
	finding := result.unknown(rego.metadata.chain(), r, unknowns[0], result.message("depends", {}))
}

deny contains finding if {
	resources.acs_workload
	some r in resources.deployed_any(_configs)
	problems := _tls_problems(r, ["properties", "minTlsVersion"])
	count(problems) > 0
	finding := result.fail(rego.metadata.chain(), r, problems[0].path, problems[0].message)
}

deny contains finding if {
	resources.acs_workload
	some r in resources.deployed_any(_configs)
	_config_named(r, "web")
	count(_tls_problems(r, ["properties", "minTlsVersion"])) == 0
	v := value.get(r, ["properties", "minTlsVersion"])
	value.is_unknown(v)
	finding := result.unknown(rego.metadata.chain(), r, ["properties", "minTlsVersion"], result.message("tls_depends", {"value": v}))
}

# A config resource's last name segment says what it configures (web, appsettings, logs); an
# unknown name may be any of them.
_config_named(r, want) if {
	parts := split(r.name, "/")
	lower(parts[count(parts) - 1]) == want
}

_config_named(r, _) if value.is_unknown(r.name)

_site_problems(r) := array.concat(_https_problems(r), _tls_problems(r, ["properties", "siteConfig", "minTlsVersion"]))

_https_problems(r) := [{"path": ["properties", "httpsOnly"], "message": result.message("http_allowed", {})}] if {
	v := value.get(r, ["properties", "httpsOnly"])
	value.is_known(v)
	v != true
} else := []

_tls_problems(r, path) := [{"path": path, "message": result.message("old_tls", {"version": v})}] if {
	v := object.get(r, path, null)
	is_string(v)
	to_number(v) < 1.2
} else := []

_site_unknowns(r) := [p |
	some p in [["properties", "httpsOnly"], ["properties", "siteConfig", "minTlsVersion"]]
	value.is_unknown(value.get(r, p))
]
