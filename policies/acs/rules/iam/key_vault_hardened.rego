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
#     weak_when: "the vault holds an ACS key but {problem} when {parameter} is {values|or}"
#     may_hold: "a secret holding an ACS key may be stored in this vault (its vault is not known before deployment), and the vault is not known to be hardened"
package acs.rules.iam.key_vault_hardened

import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.secrets
import data.acs.lib.value

_secrets := resources.deployed("microsoft.keyvault/vaults/secrets")

# Id keys of the vaults that hold an ACS secret: each secret's parent, known or, when the names are
# parameters with no value, the vault whose id has the same origin.
_holding contains resources.parent_key(s) if {
	some s in _secrets
	secrets.is_or_maybe_acs_secret(s.properties.value)
}

_vault_keys contains resources.key(v) if some v in resources.deployed("microsoft.keyvault/vaults")

default _secret_in_unknown_vault := false

# A secret holding an ACS key whose vault is none of the vaults known here.
_secret_in_unknown_vault if {
	some s in _secrets
	value.is_unknown(s.name)
	secrets.is_or_maybe_acs_secret(s.properties.value)
	not resources.parent_key(s) in _vault_keys
}

# Each setting must not be `bad`; absent, purge protection and RBAC are off (must be set), soft
# delete is on. A bool parameter is judged for true and false.
_checks := [
	{"path": ["properties", "enablePurgeProtection"], "absent_bad": true, "problem": "purge_protection_off"},
	{"path": ["properties", "enableRbacAuthorization"], "absent_bad": true, "problem": "access_policies"},
	{"path": ["properties", "enableSoftDelete"], "absent_bad": false, "problem": "soft_delete_off"},
]

_bad(c, got) if {
	c.absent_bad
	got != true
}

_bad(c, got) if {
	not c.absent_bad
	got == false
}

_failing(c, got) := [k.when | some k in value.cases(got); _bad(c, k.value)]

_problems(v) := [c |
	some c in _checks
	got := value.get(v, c.path)
	_fails(c, got)
]

_fails(c, got) if {
	value.is_known(got)
	_bad(c, got)
}

_fails(c, got) if value.all_cases_fail(got, _failing(c, got))

# The settings not known before deployment, with the values that make them fail when they are
# judged case by case.
_unknowns(v) := [u |
	some c in _checks
	got := value.get(v, c.path)
	some u in _unknown(c, got)
]

_unknown(c, got) := [{"path": c.path, "message": result.message("depends", {})}] if {
	c.absent_bad
	value.undecided(got)
} else := [{"path": c.path, "message": msg}] if {
	failing := _failing(c, got)
	value.some_cases_fail(got, failing)
	msg := result.message("weak_when", {"problem": result.message(c.problem, {}), "parameter": value.parameter(got), "values": failing})
} else := []

deny contains finding if {
	some v in resources.deployed("microsoft.keyvault/vaults")
	_holds(v)
	problems := _problems(v)
	count(problems) > 0
	finding := result.fail(rego.metadata.chain(), v, problems[0].path, result.message("weak", {"problems": [result.message(c.problem, {}) | some c in problems]}))
}

deny contains finding if {
	some v in resources.deployed("microsoft.keyvault/vaults")
	_holds(v)
	count(_problems(v)) == 0
	unknowns := _unknowns(v)
	count(unknowns) > 0
	finding := result.unknown(rego.metadata.chain(), v, unknowns[0].path, unknowns[0].message)
}

_holds(v) if resources.key(v) in _holding

# A secret holding an ACS key whose vault is not known, or a vault whose name is not known while
# some vault holds an ACS key: the vault may be the one, so a weakness is unknown.
_may_hold(v) if {
	not _holds(v)
	_secret_in_unknown_vault
}

_may_hold(v) if {
	not _holds(v)
	value.is_unknown(v.name)
	some k in _holding
	not k in _vault_keys
}

deny contains finding if {
	some v in resources.deployed("microsoft.keyvault/vaults")
	_may_hold(v)
	weak := array.concat([c.path | some c in _problems(v)], [u.path | some u in _unknowns(v)])
	count(weak) > 0
	finding := result.unknown(rego.metadata.chain(), v, weak[0], result.message("may_hold", {}))
}
