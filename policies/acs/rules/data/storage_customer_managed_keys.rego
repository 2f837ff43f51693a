# METADATA
# title: Customer-managed keys for stored communication data
# description: >-
#   ACS itself encrypts data at rest with Microsoft-managed keys and offers no customer-managed key.
#   What a workload can control is the storage it exports to (call recordings, chat exports,
#   logs): in an ACS workload template, storage accounts should encrypt with a key from Key Vault,
#   so that revoking the key revokes access to the data. Off by default: platform keys meet most
#   requirements.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/storage/common/customer-managed-keys-overview
#     description: Customer-managed keys for Azure Storage encryption
# custom:
#   id: ACS-DATA-004
#   long_id: storage_customer_managed_keys
#   severity: low
#   default_enabled: false
#   resource_types:
#     - Microsoft.Storage/storageAccounts
#   baseline:
#     - "Data Security: AES-256 encryption, Customer Managed Keys"
#     - "Data Protection: Encryption at Rest"
#   remediation: >-
#     Set properties.encryption.keySource to Microsoft.Keyvault with keyvaultproperties naming the
#     key, and give the account an identity that can use it.
#   parameters:
#     type: object
#     additionalProperties: false
#     properties: {}
#   baseline_quote: >-
#     Encryption at Rest: Data stored by ACS is automatically encrypted using AES-256 with
#     Microsoft-managed keys. For some scenarios, Customer-Managed Keys (CMK) are supported to
#     provide additional control.
#   fix_arm: |-
#     "encryption": {
#       "keySource": "Microsoft.Keyvault",
#       "keyvaultproperties": { "keyname": "acs-data", "keyvaulturi": "https://kv.vault.azure.net" }
#     }
#   fix_bicep: |-
#     encryption: {
#       keySource: 'Microsoft.Keyvault'
#       keyvaultproperties: { keyname: 'acs-data', keyvaulturi: vault.properties.vaultUri }
#     }
#   suppress_when: >-
#     Platform-managed keys satisfy the data's classification; that is why the rule is off by
#     default. Enable it where policy requires customer-managed keys.
#   messages:
#     microsoft_managed: "the storage account encrypts with Microsoft-managed keys; use a customer-managed key from Key Vault"
#     depends: "the key source depends on {value}; it must be Microsoft.Keyvault"
#     microsoft_managed_for_all: "the storage account encrypts with Microsoft-managed keys for every value of {parameter}; use a customer-managed key from Key Vault"
#     microsoft_managed_when: "the storage account encrypts with Microsoft-managed keys when {parameter} is {values|or}; use a customer-managed key from Key Vault"
package acs.rules.data.storage_customer_managed_keys

import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.value

_path := ["properties", "encryption", "keySource"]

deny contains finding if {
	resources.acs_workload
	some r in resources.deployed("microsoft.storage/storageaccounts")
	value.is_known(value.get(r, _path))
	not _customer_managed(r)
	finding := result.fail(rego.metadata.chain(), r, _path, result.message("microsoft_managed", {}))
}

_customer_managed(r) if _key_vault(r.properties.encryption.keySource)

_key_vault(source) if lower(source) == "microsoft.keyvault"

# A key source from a parameter with allowed values is judged for each of them.
_failing(v) := [c.when | some c in value.cases(v); not _key_vault(c.value)]

deny contains finding if {
	resources.acs_workload
	some r in resources.deployed("microsoft.storage/storageaccounts")
	v := value.get(r, _path)
	value.all_cases_fail(v, _failing(v))
	finding := result.fail(rego.metadata.chain(), r, _path, result.message("microsoft_managed_for_all", {"parameter": value.parameter(v)}))
}

deny contains finding if {
	resources.acs_workload
	some r in resources.deployed("microsoft.storage/storageaccounts")
	v := value.get(r, _path)
	failing := _failing(v)
	value.some_cases_fail(v, failing)
	finding := result.unknown(rego.metadata.chain(), r, _path, result.message("microsoft_managed_when", {"parameter": value.parameter(v), "values": failing}))
}

deny contains finding if {
	resources.acs_workload
	some r in resources.deployed("microsoft.storage/storageaccounts")
	v := value.get(r, _path)
	value.undecided(v)
	finding := result.unknown(rego.metadata.chain(), r, _path, result.message("depends", {"value": v}))
}
