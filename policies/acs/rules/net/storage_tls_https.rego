# METADATA
# title: Storage enforces TLS 1.2+ and HTTPS
# description: >-
#   In an ACS workload, storage accounts hold what ACS exports: call recordings, chat exports,
#   email attachments, diagnostic logs. They must require TLS 1.2 or higher, set explicitly
#   (minimumTlsVersion TLS1_2 or TLS1_3; older API versions default lower), and must not turn
#   supportsHttpsTrafficOnly off.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version
#     description: Enforce a minimum TLS version for requests to a storage account
#   - ref: https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer
#     description: Require secure transfer to a storage account
# custom:
#   id: ACS-NET-004
#   long_id: storage_tls_https
#   severity: high
#   default_enabled: true
#   resource_types:
#     - Microsoft.Storage/storageAccounts
#   baseline:
#     - "Data Protection: Encryption in Transit (TLS 1.2 or 1.3)"
#     - "Network Security: Private Link, TLS 1.2+ encryption"
#   remediation: >-
#     Set minimumTlsVersion to TLS1_2 and supportsHttpsTrafficOnly to true (or leave it unset).
#   parameters:
#     type: object
#     additionalProperties: false
#     properties: {}
#   baseline_quote: >-
#     Encryption in Transit: All communication between clients and ACS, and between ACS and other
#     Azure services, is encrypted using Transport Layer Security (TLS) 1.2 or 1.3.
#   fix_arm: |-
#     "properties": { "minimumTlsVersion": "TLS1_2", "supportsHttpsTrafficOnly": true }
#   fix_bicep: |-
#     properties: {
#       minimumTlsVersion: 'TLS1_2'
#       supportsHttpsTrafficOnly: true
#     }
#   suppress_when: >-
#     Never for accounts that receive ACS data; a storage account that holds only public static
#     content unrelated to ACS belongs in another template.
#   messages:
#     weak: "{problems|semicolon}"
#     old_tls: "minimumTlsVersion is not TLS1_2 or higher (it must be set explicitly)"
#     http_allowed: "supportsHttpsTrafficOnly is false, so plain HTTP is accepted"
#     depends: "TLS or HTTPS settings depend on values not known before deployment"
#     old_tls_for_all: "minimumTlsVersion is not TLS1_2 or higher for any value of {parameter}"
#     old_tls_when: "minimumTlsVersion is not TLS1_2 or higher when {parameter} is {values|or}"
#     http_allowed_for_all: "supportsHttpsTrafficOnly is false for every value of {parameter}, so plain HTTP is accepted"
#     http_allowed_when: "supportsHttpsTrafficOnly is false when {parameter} is {values|or}, so plain HTTP is accepted"
package acs.rules.net.storage_tls_https

import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.value

_modern := {"tls1_2", "tls1_3"}

deny contains finding if {
	resources.acs_workload
	some r in resources.deployed("microsoft.storage/storageaccounts")
	problems := _problems(r)
	count(problems) > 0
	finding := result.fail(rego.metadata.chain(), r, problems[0].path, result.message("weak", {"problems": [p.message | some p in problems]}))
}

deny contains finding if {
	resources.acs_workload
	some r in resources.deployed("microsoft.storage/storageaccounts")
	count(_problems(r)) == 0
	unknowns := array.concat(_tls_unknown(r), _https_unknown(r))
	count(unknowns) > 0
	finding := result.unknown(rego.metadata.chain(), r, unknowns[0].path, unknowns[0].message)
}

_tls_path := ["properties", "minimumTlsVersion"]

_https_path := ["properties", "supportsHttpsTrafficOnly"]

_problems(r) := array.concat(_tls(r), _https(r))

# A minimum TLS version from a parameter with allowed values is judged for each of them.
_tls_ok(v) if lower(v) in _modern

_tls_failing(v) := [c.when | some c in value.cases(v); not _tls_ok(c.value)]

_tls(r) := [{"path": _tls_path, "message": result.message("old_tls_for_all", {"parameter": value.parameter(v)})}] if {
	v := value.get(r, _tls_path)
	value.all_cases_fail(v, _tls_failing(v))
} else := [] if {
	value.is_unknown(value.get(r, _tls_path))
} else := [] if {
	_tls_ok(r.properties.minimumTlsVersion)
} else := [{"path": _tls_path, "message": result.message("old_tls", {})}]

_tls_unknown(r) := [{"path": _tls_path, "message": result.message("depends", {})}] if {
	value.undecided(value.get(r, _tls_path))
} else := [{"path": _tls_path, "message": result.message("old_tls_when", {"parameter": value.parameter(v), "values": failing})}] if {
	v := value.get(r, _tls_path)
	failing := _tls_failing(v)
	value.some_cases_fail(v, failing)
} else := []

# HTTPS only: false fails; a bool parameter is judged for true and false.
_https_failing(v) := [c.when | some c in value.cases(v); c.value == false]

_https(r) := [{"path": _https_path, "message": result.message("http_allowed", {})}] if {
	r.properties.supportsHttpsTrafficOnly == false
} else := [{"path": _https_path, "message": result.message("http_allowed_for_all", {"parameter": value.parameter(v)})}] if {
	v := value.get(r, _https_path)
	value.all_cases_fail(v, _https_failing(v))
} else := []

_https_unknown(r) := [{"path": _https_path, "message": result.message("depends", {})}] if {
	value.undecided(value.get(r, _https_path))
} else := [{"path": _https_path, "message": result.message("http_allowed_when", {"parameter": value.parameter(v), "values": failing})}] if {
	v := value.get(r, _https_path)
	failing := _https_failing(v)
	value.some_cases_fail(v, failing)
} else := []
