# METADATA
# title: Secrets passed as secure parameters
# description: >-
#   A parameter that carries an ACS connection string or access key must be securestring or
#   secureObject, so that ARM keeps its value out of deployment history, logs and the portal. A
#   parameter counts as carrying one when its name says so (connectionString, accessKey, any
#   case; names ending in Name, Id, Uri or Url only point at a secret) or when its default value
#   is an ACS secret. A parameter that only names the resource whose keys are listed is not one.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/azure-resource-manager/templates/data-types#secure-strings-and-objects
#     description: Secure strings and objects in ARM templates
# custom:
#   id: ACS-IAM-006
#   long_id: secrets_in_secure_parameters
#   severity: medium
#   default_enabled: true
#   resource_types:
#     - Microsoft.Communication/communicationServices
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
package acs.rules.iam.secrets_in_secure_parameters

import data.acs.lib.result
import data.acs.lib.secrets

deny contains finding if {
	some p in input.parameters
	not p.secure
	reason := _reason(p)
	finding := result.fail_on(rego.metadata.chain(), "parameter", p, ["type"], concat("", [
		"parameter '", p.name, "' ", reason, " but is declared ", p.type,
		"; declare it securestring or secureObject (@secure() in Bicep)",
	]))
}

_reason(p) := "holds an ACS secret in its default value" if {
	count(secrets.secret_paths(object.get(p, "defaultValue", null))) > 0
} else := "is named as an ACS connection string or access key" if {
	secrets.names_connection_string_or_key(p.name)
}
