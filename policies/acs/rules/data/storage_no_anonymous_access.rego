# METADATA
# title: No anonymous access to stored communication data
# description: >-
#   In an ACS workload template, storage accounts hold recordings, transcripts and exports of
#   conversations. They must set allowBlobPublicAccess to false (so no container can be opened to
#   the internet by mistake), and no blob container may allow public access.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent
#     description: Prevent anonymous read access to containers and blobs
# custom:
#   id: ACS-DATA-005
#   long_id: storage_no_anonymous_access
#   severity: high
#   default_enabled: true
#   resource_types:
#     - Microsoft.Storage/storageAccounts
#     - Microsoft.Storage/storageAccounts/blobServices/containers
#   baseline:
#     - "Data Security: AES-256 encryption, Customer Managed Keys"
#     - "Identity Security: Entra ID (Azure AD), Managed Identities"
#   remediation: >-
#     Set allowBlobPublicAccess to false on the account and publicAccess to None on containers;
#     grant readers a role or a user delegation SAS instead.
#   parameters:
#     type: object
#     additionalProperties: false
#     properties: {}
#   baseline_quote: >-
#     Data Protection: Data stored by ACS, such as chat messages, call recordings, and email
#     metadata, is automatically encrypted.
#   fix_arm: |-
#     "properties": { "allowBlobPublicAccess": false }
#   fix_bicep: |-
#     properties: {
#       allowBlobPublicAccess: false
#     }
#   suppress_when: >-
#     Never for an account in an ACS workload; public assets belong in a separate account and
#     template.
#   messages:
#     account_public: "allowBlobPublicAccess is not false, so containers can be opened to anonymous readers"
#     container_public: "the container allows anonymous {access} access"
#     depends: "public access depends on {value}"
#     public_for_all: "anonymous access is allowed for every value of {parameter}"
#     public_when: "anonymous access is allowed when {parameter} is {values|or}"
package acs.rules.data.storage_no_anonymous_access

import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.value

_account_path := ["properties", "allowBlobPublicAccess"]

_container_path := ["properties", "publicAccess"]

_access_path := {
	"microsoft.storage/storageaccounts": _account_path,
	"microsoft.storage/storageaccounts/blobservices/containers": _container_path,
}

deny contains finding if {
	resources.acs_workload
	some r in resources.deployed("microsoft.storage/storageaccounts")
	v := value.get(r, _account_path)
	value.is_known(v)
	v != false
	finding := result.fail(rego.metadata.chain(), r, _account_path, result.message("account_public", {}))
}

deny contains finding if {
	resources.acs_workload
	some r in resources.deployed("microsoft.storage/storageaccounts/blobservices/containers")
	_public_container(r.properties.publicAccess)
	finding := result.fail(rego.metadata.chain(), r, _container_path, result.message("container_public", {"access": r.properties.publicAccess}))
}

deny contains finding if {
	resources.acs_workload
	some r in _judged
	p := _access_path[r.typeLower]
	v := value.get(r, p)
	value.undecided(v)
	finding := result.unknown(rego.metadata.chain(), r, p, result.message("depends", {"value": v}))
}

# A bool parameter (or one with allowed values) is judged for each value it can take.
deny contains finding if {
	resources.acs_workload
	some r in _judged
	p := _access_path[r.typeLower]
	v := value.get(r, p)
	failing := _failing(r.typeLower, v)
	value.all_cases_fail(v, failing)
	finding := result.fail(rego.metadata.chain(), r, p, result.message("public_for_all", {"parameter": value.parameter(v)}))
}

deny contains finding if {
	resources.acs_workload
	some r in _judged
	p := _access_path[r.typeLower]
	v := value.get(r, p)
	failing := _failing(r.typeLower, v)
	value.some_cases_fail(v, failing)
	finding := result.unknown(rego.metadata.chain(), r, p, result.message("public_when", {"parameter": value.parameter(v), "values": failing}))
}

_judged := resources.deployed_any({"microsoft.storage/storageaccounts", "microsoft.storage/storageaccounts/blobservices/containers"})

_public_container(access) if lower(access) in {"blob", "container"}

_failing("microsoft.storage/storageaccounts", v) := [c.when | some c in value.cases(v); c.value != false]

_failing("microsoft.storage/storageaccounts/blobservices/containers", v) := [c.when | some c in value.cases(v); _public_container(c.value)]
