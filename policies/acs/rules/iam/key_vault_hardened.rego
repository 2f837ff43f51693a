# METADATA
# title: Vaults holding ACS keys are hardened
# description: >-
#   A Key Vault that stores an ACS key or connection string must keep it recoverable and access
#   to it auditable: purge protection on, soft delete not turned off, and Azure RBAC rather than
#   access policies. The finding belongs to the vault, which the template declares beside the
#   secret; a vault the template does not deploy is judged where it is deployed.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
#     description: Key Vault soft delete and purge protection
#   - ref: https://learn.microsoft.com/azure/key-vault/general/rbac-guide
#     description: Azure RBAC for Key Vault data plane access
# custom:
#   id: ACS-IAM-009
#   long_id: key_vault_hardened
#   severity: medium
#   default_enabled: true
#   resource_types:
#     - Microsoft.KeyVault/vaults
#     - Microsoft.KeyVault/vaults/secrets
#   baseline:
#     - "Security Best Practices 2: Principle of Least Privilege"
#     - "Data Security: AES-256 encryption, Customer Managed Keys"
#   remediation: >-
#     Set enablePurgeProtection to true, leave enableSoftDelete on, and set
#     enableRbacAuthorization to true on the vault.
#   parameters:
#     type: object
#     additionalProperties: false
#     properties: {}
#   baseline_quote: >-
#     Security Best Practices 2: Principle of Least Privilege: Use Azure RBAC to grant only the
#     necessary permissions to service principals.
#   fix_arm: |-
#     "properties": {
#       "enablePurgeProtection": true,
#       "enableSoftDelete": true,
#       "enableRbacAuthorization": true
#     }
#   fix_bicep: |-
#     properties: {
#       enablePurgeProtection: true
#       enableSoftDelete: true
#       enableRbacAuthorization: true
#     }
#   suppress_when: >-
#     A disposable vault in a test environment with no production keys; give the suppression an
#     expiry.
#   messages:
#     weak: "the vault holds an ACS key but {problems|semicolon}"
#     purge_protection_off: "purge protection is not enabled"
#     access_policies: "it uses access policies instead of Azure RBAC"
#     soft_delete_off: "soft delete is turned off"
#     depends: "the vault holds an ACS key; whether it is hardened depends on values not known before deployment"
#     may_hold: "a secret holding an ACS key may be stored in this vault (its vault is not known before deployment), and the vault is not known to be hardened"
package acs.rules.iam.key_vault_hardened

import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.secrets
import data.acs.lib.value

_secrets := resources.deployed("microsoft.keyvault/vaults/secrets")

# Names of the vaults that hold an ACS secret (a secret is named `vault/secret`).
_holding contains lower(split(s.name, "/")[0]) if {
	some s in _secrets
	is_string(s.name)
	secrets.is_or_maybe_acs_secret(s.properties.value)
}

# A secret holding an ACS key whose name (so its vault) is not known.
default _secret_in_unknown_vault := false

_secret_in_unknown_vault if {
	some s in _secrets
	value.is_unknown(s.name)
	secrets.is_or_maybe_acs_secret(s.properties.value)
}

_checks := [
	{"path": ["properties", "enablePurgeProtection"], "want": true, "problem": "purge_protection_off"},
	{"path": ["properties", "enableRbacAuthorization"], "want": true, "problem": "access_policies"},
]

_problems(v) := [c |
	some c in _checks
	got := value.get(v, c.path)
	value.is_known(got)
	got != c.want
]

_soft_delete_off(v) if v.properties.enableSoftDelete == false

_unknowns(v) := [c.path |
	some c in _checks
	value.is_unknown(value.get(v, c.path))
]

deny contains finding if {
	some v in resources.deployed("microsoft.keyvault/vaults")
	_holds(v)
	problems := array.concat([result.message(c.problem, {}) | some c in _problems(v)], [m | _soft_delete_off(v); m := result.message("soft_delete_off", {})])
	count(problems) > 0
	finding := result.fail(rego.metadata.chain(), v, _first_path(v), result.message("weak", {"problems": problems}))
}

deny contains finding if {
	some v in resources.deployed("microsoft.keyvault/vaults")
	_holds(v)
	count(_problems(v)) == 0
	not _soft_delete_off(v)
	count(_unknowns(v)) > 0
	finding := result.unknown(rego.metadata.chain(), v, _unknowns(v)[0], result.message("depends", {}))
}

_first_path(v) := _problems(v)[0].path if count(_problems(v)) > 0

else := ["properties", "enableSoftDelete"]

_holds(v) if {
	is_string(v.name)
	lower(v.name) in _holding
}

# A secret holding an ACS key whose vault is not known, or a vault whose name is not known while
# some vault holds an ACS key: the vault may be the one, so a weakness is unknown.
_may_hold(v) if {
	not _holds(v)
	_secret_in_unknown_vault
}

_may_hold(v) if {
	value.is_unknown(v.name)
	count(_holding) > 0
}

deny contains finding if {
	some v in resources.deployed("microsoft.keyvault/vaults")
	_may_hold(v)
	weak := array.concat([c.path | some c in _problems(v)], _unknowns(v))
	count(weak) > 0
	finding := result.unknown(rego.metadata.chain(), v, weak[0], result.message("may_hold", {}))
}
