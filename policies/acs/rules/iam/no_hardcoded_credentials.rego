# METADATA
# title: No hard-coded ACS credentials
# description: >-
#   A template or parameter file lives in source control, build logs and deployment history. A
#   literal ACS connection string anywhere in it (parameter defaults and values, variables,
#   resource properties, outputs) is a leaked credential, and so is a literal base64 value of 40 or
#   more characters given to a parameter, variable or setting whose name says it is an ACS access
#   key. The finding belongs to the place the literal is written: the parameter or variable that
#   declares it, else the resource or output that holds it.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/communication-services/concepts/authentication
#     description: Authenticate to Azure Communication Services
#   - ref: https://learn.microsoft.com/azure/communication-services/quickstarts/create-communication-resource#access-your-connection-strings-and-service-endpoints
#     description: Access keys and connection strings of a communication resource
# custom:
#   id: ACS-IAM-005
#   long_id: no_hardcoded_credentials
#   severity: critical
#   default_enabled: true
#   resource_types:
#     - Microsoft.Resources/deployments
#   baseline:
#     - "Security Best Practices 1: Use Managed Identities"
#   remediation: >-
#     Remove the literal, regenerate the exposed key (it is compromised), and take the value from
#     listKeys() at deployment, a Key Vault reference, or better a managed identity.
#   parameters:
#     type: object
#     additionalProperties: false
#     properties: {}
#   baseline_quote: >-
#     Security Best Practices 1: Use Managed Identities: Avoid storing connection strings in code or
#     configuration files.
#   fix_arm: |-
#     "parameters": {
#       "acsConnectionString": {
#         "reference": {
#           "keyVault": { "id": "/subscriptions/.../providers/Microsoft.KeyVault/vaults/kv" },
#           "secretName": "acs-connection-string"
#         }
#       }
#     }
#   fix_bicep: |-
#     @secure()
#     param acsConnectionString string   // supplied from Key Vault with getSecret() in the .bicepparam
#   suppress_when: >-
#     Never for a real key. A documented fake (an example in a test fixture) may be suppressed with
#     a justification saying so.
#   messages:
#     parameter: "parameter '{name}'{deployments|module} has a hard-coded ACS credential; regenerate the key and supply it from Key Vault or listKeys(), or use a managed identity"
#     variable: "variable '{name}'{deployments|module} has a hard-coded ACS credential; regenerate the key and supply it from Key Vault or listKeys(), or use a managed identity"
#     resource: "a hard-coded ACS credential is in the resource; regenerate the key and supply it from Key Vault or listKeys(), or use a managed identity"
#     output: "output '{name}' has a hard-coded ACS credential; regenerate the key and supply it from Key Vault or listKeys(), or use a managed identity"
package acs.rules.iam.no_hardcoded_credentials

import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.secrets

# Paths of literal credentials inside v, in one walk: connection strings anywhere, and access-key
# literals under a name that says so (a map key, or the `name` of a {name, value} setting entry).
_paths(v) := [path |
	walk(v, [path, node])
	is_string(node)
	_credential(v, path, node)
]

_credential(_, _, node) if secrets.is_connection_string(node)

_credential(v, path, node) if {
	secrets.is_access_key_literal(node)
	_named_as_key(v, path)
}

_named_as_key(_, path) if {
	count(path) > 0
	is_string(path[count(path) - 1])
	secrets.names_access_key(path[count(path) - 1], resources.acs_workload)
}

_named_as_key(v, path) if {
	count(path) > 0
	path[count(path) - 1] in {"value", "secureValue"}
	entry := _at(v, array.slice(path, 0, count(path) - 1))
	secrets.names_access_key(entry.name, resources.acs_workload)
}

# _at(v, path) is the value at path inside v, whatever v is (object.get needs an object at the top).
_at(v, path) := object.get({"v": v}, array.concat(["v"], path), null)

# Literals the template declares in a parameter or variable: a resource or output that merely
# carries one of them is not reported again.
_declared contains node if {
	some p in input.parameters
	some v in [object.get(p, "defaultValue", null), p.value]
	some path in _paths(v)
	node := _at(v, path)
}

_declared contains node if {
	some x in input.variables
	some path in _paths(x.value)
	node := _at(x.value, path)
}

# A parameter: its default, or the value the parameter file gives it, or its name says key.
deny contains finding if {
	some p in input.parameters
	path := _parameter_path(p)
	finding := result.fail_on(rego.metadata.chain(), "parameter", p, path, result.message("parameter", {"name": p.name, "deployments": p.deployments}))
}

deny contains finding if {
	some x in input.variables
	paths := _paths(x.value)
	count(paths) > 0
	finding := result.fail_on(rego.metadata.chain(), "variable", x, array.concat(["value"], sort(paths)[0]), result.message("variable", {"name": x.name, "deployments": x.deployments}))
}

# In a resource a literal can only have been written in its properties or tags.
_resource_paths(r) := [array.concat([key], p) |
	some key in ["properties", "tags"]
	some p in _paths(object.get(r, key, null))
]

deny contains finding if {
	some r in input.resources
	not r.existing
	not resources.never_deployed(r)
	paths := [p | some p in _resource_paths(r); not _at(r, p) in _declared]
	count(paths) > 0
	finding := result.fail(rego.metadata.chain(), r, sort(paths)[0], result.message("resource", {}))
}

deny contains finding if {
	some o in input.outputs
	paths := [p | some p in _paths(o.value); not _at(o.value, p) in _declared]
	count(paths) > 0
	finding := result.fail_on(rego.metadata.chain(), "output", o, array.concat(["value"], sort(paths)[0]), result.message("output", {"name": o.name}))
}

_parameter_path(p) := array.concat(["defaultValue"], sort(paths)[0]) if {
	paths := _paths(object.get(p, "defaultValue", null))
	count(paths) > 0
} else := array.concat(["value"], sort(paths)[0]) if {
	paths := _paths(p.value)
	count(paths) > 0
} else := ["defaultValue"] if {
	secrets.names_access_key(p.name, resources.acs_workload)
	secrets.is_access_key_literal(p.defaultValue)
} else := ["value"] if {
	secrets.names_access_key(p.name, resources.acs_workload)
	secrets.is_access_key_literal(p.value)
}
