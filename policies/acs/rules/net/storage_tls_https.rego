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
	unknowns := [p |
		some p in [["properties", "minimumTlsVersion"], ["properties", "supportsHttpsTrafficOnly"]]
		value.is_unknown(value.get(r, p))
	]
	count(unknowns) > 0
	finding := result.unknown(rego.metadata.chain(), r, unknowns[0], result.message("depends", {}))
}

_problems(r) := array.concat(_tls(r), _https(r))

_tls(r) := [] if {
	value.is_unknown(value.get(r, ["properties", "minimumTlsVersion"]))
} else := [] if {
	lower(r.properties.minimumTlsVersion) in _modern
} else := [{"path": ["properties", "minimumTlsVersion"], "message": result.message("old_tls", {})}]

_https(r) := [{"path": ["properties", "supportsHttpsTrafficOnly"], "message": result.message("http_allowed", {})}] if {
	r.properties.supportsHttpsTrafficOnly == false
} else := []
