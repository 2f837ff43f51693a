# METADATA
# title: No ACS secrets in deployment outputs
# description: >-
#   Deployment outputs are stored in the deployment history of the resource group and shown to
#   anyone who can read deployments, at every nesting depth: a Bicep module's outputs are kept too.
#   An output of a non-secure type whose value contains an ACS access key or connection string
#   (from listKeys on a Microsoft.Communication resource, or a literal) leaks the key.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/azure-resource-manager/templates/outputs
#     description: Outputs in ARM templates (secure outputs are not logged)
# custom:
#   id: ACS-IAM-003
#   long_id: no_secrets_in_outputs
#   severity: high
#   default_enabled: true
#   resource_types:
#     - Microsoft.Resources/deployments
#   baseline:
#     - "Security Best Practices 1: Use Managed Identities"
#     - "Identity Security: Entra ID (Azure AD), Managed Identities"
#   remediation: >-
#     Do not output keys or connection strings. Output the endpoint and let callers authenticate
#     with a managed identity; if a key must leave the deployment, write it to Key Vault, or make
#     the output securestring / secureObject.
#   parameters:
#     type: object
#     additionalProperties: false
#     properties: {}
#   baseline_quote: >-
#     Security Best Practices 1: Use Managed Identities: Avoid storing connection strings in code or
#     configuration files.
#   fix_arm: |-
#     "outputs": {
#       "endpoint": {
#         "type": "string",
#         "value": "[format('https://{0}', reference(resourceId('Microsoft.Communication/communicationServices', parameters('name'))).hostName)]"
#       }
#     }
#   fix_bicep: |-
#     output endpoint string = 'https://${acs.properties.hostName}'
#     // if a key really must be returned:
#     @secure()
#     output connectionString string = acs.listKeys().primaryConnectionString
#   suppress_when: >-
#     Never for a plain output. Make the output secure instead; a secure output passes this rule.
#   messages:
#     returns: "output '{name}'{deployments|module} returns an ACS access key or connection string in clear text; deployment history keeps it. Return the endpoint and use a managed identity, or make the output secure"
#     may_return: "output '{name}'{deployments|module} may return an ACS access key or connection string in clear text; deployment history keeps it. Return the endpoint and use a managed identity, or make the output secure"
package acs.rules.iam.no_secrets_in_outputs

import data.acs.lib.result
import data.acs.lib.secrets

deny contains finding if {
	some o in input.outputs
	not o.secure
	paths := secrets.secret_paths(o.value)
	count(paths) > 0
	finding := result.fail_on(rego.metadata.chain(), "output", o, array.concat(["value"], sort(paths)[0]), _message(o, "returns"))
}

deny contains finding if {
	some o in input.outputs
	not o.secure
	count(secrets.secret_paths(o.value)) == 0
	paths := secrets.maybe_secret_paths(o.value)
	count(paths) > 0
	finding := result.unknown_on(rego.metadata.chain(), "output", o, array.concat(["value"], sort(paths)[0]), _message(o, "may_return"))
}

_message(o, id) := result.message(id, {"name": o.name, "deployments": o.deployments})
