# METADATA
# title: Stored ACS keys expire
# description: >-
#   When an ACS key or connection string is stored as a Key Vault secret, the secret must carry an
#   expiry (properties.attributes.exp), so that rotation is forced and a leaked copy stops being
#   trusted. Keys that never expire are how old credentials outlive the people who knew them.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/key-vault/secrets/tutorial-rotation
#     description: Automate the rotation of a secret in Key Vault
#   - ref: https://learn.microsoft.com/azure/communication-services/concepts/authentication
#     description: Authenticate to Azure Communication Services (key rotation)
# custom:
#   id: ACS-IAM-008
#   long_id: stored_keys_expire
#   severity: medium
#   default_enabled: true
#   resource_types:
#     - Microsoft.KeyVault/vaults/secrets
#   baseline:
#     - "Security Best Practices 3: Token Rotation"
#     - "Data Security: AES-256 encryption, Customer Managed Keys"
#   remediation: >-
#     Set properties.attributes.exp (seconds since 1970) on the secret, and rotate the ACS key
#     (regenerateKey) before it expires.
#   parameters:
#     type: object
#     additionalProperties: false
#     properties: {}
#   baseline_quote: >-
#     Security Best Practices 3: Token Rotation: Implement a robust mechanism for refreshing user
#     access tokens and revoking them when a user's session is terminated.
#   fix_arm: |-
#     "properties": {
#       "value": "[listKeys(variables('acsId'), '2025-05-01').primaryConnectionString]",
#       "attributes": { "exp": "[dateTimeToEpoch(dateTimeAdd(utcNow(), 'P90D'))]" }
#     }
#   fix_bicep: |-
#     resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
#       parent: vault
#       name: 'acs-connection-string'
#       properties: {
#         value: acs.listKeys().primaryConnectionString
#         attributes: { exp: dateTimeToEpoch(dateTimeAdd(now, 'P90D')) }
#       }
#     }
#   suppress_when: >-
#     Rotation is enforced outside the template (an Event Grid rotation function, or a vault
#     policy), and the justification names it.
#   messages:
#     no_expiry: "the secret stores an ACS key or connection string without an expiry (properties.attributes.exp); set one so rotation is forced"
#     may_hold_no_expiry: "the secret may hold a key from listKeys on a resource of unknown type, and stores an ACS key or connection string without an expiry (properties.attributes.exp); set one so rotation is forced"
#     expiry_depends: "the secret holds an ACS key or connection string; whether it expires depends on {value}"
package acs.rules.iam.stored_keys_expire

import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.secrets
import data.acs.lib.value

deny contains finding if {
	some s in resources.deployed("microsoft.keyvault/vaults/secrets")
	secrets.is_acs_secret(s.properties.value)
	not _expires(s)
	not _expiry_unknown(s)
	finding := result.fail(rego.metadata.chain(), s, _exp_path, result.message("no_expiry", {}))
}

deny contains finding if {
	some s in resources.deployed("microsoft.keyvault/vaults/secrets")
	secrets.maybe_acs_secret(s.properties.value)
	not _expires(s)
	not _expiry_unknown(s)
	finding := result.unknown(rego.metadata.chain(), s, _exp_path, result.message("may_hold_no_expiry", {}))
}

# An expiry that is set counts, even when its value is only known at deployment.
_expires(s) if s.properties.attributes.exp

# Attributes (or properties) unknown as a whole may or may not set an expiry.
_expiry_unknown(s) if value.is_unknown(value.get(s, _exp_path))

_exp_path := ["properties", "attributes", "exp"]

deny contains finding if {
	some s in resources.deployed("microsoft.keyvault/vaults/secrets")
	secrets.is_or_maybe_acs_secret(s.properties.value)
	not _expires(s)
	_expiry_unknown(s)
	finding := result.unknown(rego.metadata.chain(), s, _exp_path, result.message("expiry_depends", {"value": value.get(s, _exp_path)}))
}
