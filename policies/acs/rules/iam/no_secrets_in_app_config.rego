# METADATA
# title: No ACS secrets in application configuration
# description: >-
#   App settings and connection strings of web apps, function apps and their slots (inline
#   siteConfig, or sites/config resources), and environment variables of container apps, container
#   app jobs and container instances, are readable by anyone who can read the app's configuration
#   and are copied into logs and diagnostics. They must not hold an ACS access key or connection
#   string. Key Vault references (@Microsoft.KeyVault(...)) and Key Vault secrets are the stores
#   to use, and a managed identity with the endpoint alone needs no secret at all. A key read
#   from a resource whose type is not known (a placeholder id to fill in) counts when the
#   setting's name says it is an ACS credential (VV_COMMUNICATION_SERVICES_CONNECTION_STRING).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/communication-services/concepts/authentication
#     description: Authenticate to Azure Communication Services (managed identity, Entra ID)
#   - ref: https://learn.microsoft.com/azure/app-service/app-service-key-vault-references
#     description: Key Vault references in App Service and Azure Functions
# custom:
#   id: ACS-IAM-004
#   long_id: no_secrets_in_app_config
#   severity: high
#   default_enabled: true
#   resource_types:
#     - Microsoft.Web/sites
#     - Microsoft.Web/sites/slots
#     - Microsoft.Web/sites/config
#     - Microsoft.Web/sites/slots/config
#     - Microsoft.App/containerApps
#     - Microsoft.App/jobs
#     - Microsoft.ContainerInstance/containerGroups
#   baseline:
#     - "Security Best Practices 1: Use Managed Identities"
#     - "Application Security: User Access Tokens, HMAC Signing"
#   remediation: >-
#     Give the app a managed identity, grant it a role on the communication service and configure
#     only the endpoint (ACS SDKs accept a TokenCredential). If the app must use a key, store it in
#     Key Vault and reference it: @Microsoft.KeyVault(SecretUri=...).
#   parameters:
#     type: object
#     additionalProperties: false
#     properties: {}
#   baseline_quote: >-
#     Security Best Practices 1: Use Managed Identities: Avoid storing connection strings in code or
#     configuration files.
#   fix_arm: |-
#     "appSettings": [
#       { "name": "ACS_ENDPOINT", "value": "[format('https://{0}', reference(variables('acsId'), '2025-05-01').hostName)]" }
#     ]
#   fix_bicep: |-
#     appSettings: [
#       { name: 'ACS_ENDPOINT', value: 'https://${acs.properties.hostName}' }
#       // or, when a key is unavoidable:
#       { name: 'ACS_CONNECTION_STRING', value: '@Microsoft.KeyVault(SecretUri=${secret.properties.secretUri})' }
#     ]
#   suppress_when: >-
#     Rarely: only for a short-lived test environment that holds no customer data, with an expiry
#     date on the suppression.
#   messages:
#     holds: "{setting} holds an ACS access key or connection string; use a managed identity with the endpoint only, or a Key Vault reference (@Microsoft.KeyVault(...))"
#     may_hold: "{setting} may hold an ACS access key or connection string; use a managed identity with the endpoint only, or a Key Vault reference (@Microsoft.KeyVault(...))"
#     settings_depend: "the settings depend on {value}; whether they hold an ACS access key or connection string is not known before deployment"
#     named_setting: "setting '{name}'"
#     a_setting: "a setting"
package acs.rules.iam.no_secrets_in_app_config

import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.secrets
import data.acs.lib.value

# Where each compute type keeps its configuration, as a path below the resource.
_sites := {"microsoft.web/sites", "microsoft.web/sites/slots"}

_configs := {"microsoft.web/sites/config", "microsoft.web/sites/slots/config"}

_containers := {"microsoft.app/containerapps", "microsoft.app/jobs"}

_judged := resources.deployed_any((((_sites | _configs) | _containers) | {"microsoft.containerinstance/containergroups"}))

_config_roots(r) := [["properties", "siteConfig"]] if {
	r.typeLower in _sites
} else := [["properties"]] if {
	r.typeLower in _configs
} else := [["properties", "template"], ["properties", "configuration", "secrets"]] if {
	r.typeLower in _containers
} else := [["properties", "containers"]]

deny contains finding if {
	some r in _judged
	paths := _acs_secret_paths(r)
	count(paths) > 0
	path := _first_whole(r, paths)
	finding := result.fail(rego.metadata.chain(), r, path, _message(r, path, "holds"))
}

# The setting a finding names: first one that holds a key or connection string whole (a list*
# result, a literal), before one holding only part of it (substring(...) of a connection string).
_first_whole(r, paths) := sort(whole)[0] if {
	whole := [p | some p in paths; _whole(object.get(r, p, null))]
	count(whole) > 0
} else := sort(paths)[0]

_whole(v) if is_string(v)

_whole(v) if startswith(lower(trim_left(v["$unknown"].expression, "[ ")), "list")

deny contains finding if {
	some r in _judged
	count(_acs_secret_paths(r)) == 0
	paths := _maybe_paths(r)
	count(paths) > 0
	path := _first_whole(r, paths)
	finding := result.unknown(rego.metadata.chain(), r, path, _message(r, path, "may_hold"))
}

# Settings that are unknown as a whole (the config's properties, siteConfig, an appSettings or
# env list from a parameter or a runtime function) may hold anything: in an ACS workload, unknown.
deny contains finding if {
	resources.acs_workload
	some r in _judged
	_holds_settings(r)
	paths := _opaque_paths(r)
	count(paths) > 0
	count(_secret_paths(r)) == 0
	count(_maybe_paths(r)) == 0
	path := sort(paths)[0]
	finding := result.unknown(rego.metadata.chain(), r, path, result.message("settings_depend", {"value": value.get(r, path)}))
}

_setting_lists := {"appSettings", "connectionStrings", "env", "secrets", "environmentVariables"}

# Of config resources, those named appsettings, connectionstrings or web (siteConfig) hold settings.
_holds_settings(r) if not r.typeLower in _configs

_holds_settings(r) if {
	parts := split(r.name, "/")
	lower(parts[count(parts) - 1]) in {"appsettings", "connectionstrings", "web"}
}

_holds_settings(r) if value.is_unknown(r.name)

_opaque_paths(r) := roots if {
	roots := [root |
		some root in _config_roots(r)
		value.is_unknown(value.get(r, root))
	]
	count(roots) > 0
} else := [array.concat(root, p) |
	some root in _config_roots(r)
	walk(object.get(r, root, null), [p, node])
	count(p) > 0
	p[count(p) - 1] in _setting_lists
	value.is_unknown(node)
]

# The ACS secrets: keys of an ACS resource, literal connection strings, and keys of a resource
# whose type is not known (a placeholder id the user fills in) kept under a setting whose name says
# it is an ACS credential (VV_COMMUNICATION_SERVICES_CONNECTION_STRING): the name states what it holds.
_acs_secret_paths(r) := array.concat(_secret_paths(r), [p |
	some p in _maybe_paths(r)
	secrets.names_acs_credential(_raw_name(r, p))
])

_secret_paths(r) := [array.concat(root, p) |
	some root in _config_roots(r)
	some p in secrets.secret_paths(object.get(r, root, null))
]

_maybe_paths(r) := [array.concat(root, p) |
	some root in _config_roots(r)
	some p in secrets.maybe_secret_paths(object.get(r, root, null))
]

_message(r, path, id) := result.message(id, {"setting": _setting_name(r, path)})

# The name of the setting at path: an entry's `name` in a settings array, else the map key.
_setting_name(r, path) := result.message("named_setting", {"name": _raw_name(r, path)}) if {
	_raw_name(r, path)
} else := result.message("a_setting", {})

_raw_name(r, path) := name if {
	entry := object.get({"r": r}, array.concat(["r"], array.slice(path, 0, count(path) - 1)), null)
	name := entry.name
	is_string(name)
} else := path[count(path) - 1] if {
	is_string(path[count(path) - 1])
}
