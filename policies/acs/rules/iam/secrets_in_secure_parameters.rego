# METADATA
# title: Secrets passed as secure parameters
# description: >-
#   A parameter that carries an ACS connection string or access key must be securestring or
#   secureObject, so that ARM keeps its value out of deployment history, logs and the portal. A
#   string or object parameter counts as carrying one when its default or given value is an ACS
#   secret (listKeys on a Microsoft.Communication resource, an ACS connection string), when its
#   value flows into an app setting, environment variable or Key Vault secret named as an ACS
#   credential, or when its own name says it is one (acsConnectionString, ACS_ACCESS_KEY,
#   communicationServiceKey; names ending in Name, Id, Uri, Url, Endpoint or Enabled only point at
#   or switch a secret). A bool, int or array parameter never counts, nor does another service's
#   connection string or key (appInsightsConnectionString, redisAccessKey).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/azure-resource-manager/templates/data-types#secure-strings-and-objects
#     description: Secure strings and objects in ARM templates
# custom:
#   id: ACS-IAM-006
#   long_id: secrets_in_secure_parameters
#   severity: medium
#   default_enabled: true
#   resource_types:
#     - Microsoft.Resources/deployments
#     - Microsoft.Web/sites
#     - Microsoft.Web/sites/slots
#     - Microsoft.Web/sites/config
#     - Microsoft.Web/sites/slots/config
#     - Microsoft.App/containerApps
#     - Microsoft.App/jobs
#     - Microsoft.ContainerInstance/containerGroups
#     - Microsoft.KeyVault/vaults/secrets
#   baseline:
#     - "Security Best Practices 1: Use Managed Identities"
#   remediation: >-
#     Declare the parameter as securestring (or secureObject); in Bicep add @secure(). Better,
#     remove it and use a managed identity.
#   parameters:
#     type: object
#     additionalProperties: false
#     properties: {}
#   baseline_quote: >-
#     Security Best Practices 1: Use Managed Identities: Avoid storing connection strings in code or
#     configuration files.
#   fix_arm: |-
#     "acsConnectionString": { "type": "securestring" }
#   fix_bicep: |-
#     @secure()
#     param acsConnectionString string
#   suppress_when: >-
#     The name only looks like a secret (for example a flag named useAccessKey); say so in the
#     justification, or rename the parameter.
#   messages:
#     insecure: "parameter '{name}'{deployments|module} {reason} but is declared {type}; declare it securestring or secureObject (@secure() in Bicep)"
#     secret_default: "holds an ACS secret in its default value"
#     secret_given: "is given an ACS secret"
#     flows_into_secret_place: "flows into a setting or Key Vault secret named as an ACS credential"
#     named_as_secret: "is named as an ACS connection string or access key"
package acs.rules.iam.secrets_in_secure_parameters

import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.secrets
import data.acs.lib.value

deny contains finding if {
	some p in input.parameters
	not p.secure
	p.type in _can_hold_a_secret
	reason := _reason(p)
	finding := result.fail_on(rego.metadata.chain(), "parameter", p, ["type"], result.message("insecure", {"name": p.name, "deployments": p.deployments, "reason": reason, "type": p.type}))
}

# A bool, int or array cannot be a connection string or key, whatever its name.
_can_hold_a_secret := {"string", "object"}

_reason(p) := result.message("secret_default", {}) if {
	count(secrets.secret_paths(object.get(p, "defaultValue", null))) > 0
} else := result.message("secret_given", {}) if {
	count(secrets.secret_paths(p.value)) > 0
} else := result.message("flows_into_secret_place", {}) if {
	p.value["$unknown"].origin in _secret_place_origins
} else := result.message("named_as_secret", {}) if {
	secrets.names_acs_credential(p.name)
}

# Where each compute type keeps settings that may hold a connection string or key.
_config_types := {
	"microsoft.web/sites", "microsoft.web/sites/slots", "microsoft.web/sites/config", "microsoft.web/sites/slots/config",
	"microsoft.app/containerapps", "microsoft.app/jobs", "microsoft.containerinstance/containergroups",
}

# Origins of the unknown values written into an ACS secret place: an app setting, environment
# variable or connection string named as an ACS credential, or a Key Vault secret named so.
_secret_place_origins contains node["$unknown"].origin if {
	some r in resources.deployed_any(_config_types)
	props := object.get(r, "properties", null)
	walk(props, [path, node])
	value.is_unknown(node)
	_named_acs_credential(props, path)
}

_secret_place_origins contains s.properties.value["$unknown"].origin if {
	some s in resources.deployed("microsoft.keyvault/vaults/secrets")
	is_string(s.name)
	secrets.names_acs_credential(s.name)
}

_named_acs_credential(_, path) if {
	key := path[count(path) - 1]
	is_string(key)
	secrets.names_acs_credential(key)
}

_named_acs_credential(props, path) if {
	path[count(path) - 1] in {"value", "secureValue", "connectionString"}
	entry := object.get({"v": props}, array.concat(["v"], array.slice(path, 0, count(path) - 1)), null)
	secrets.names_acs_credential(entry.name)
}
