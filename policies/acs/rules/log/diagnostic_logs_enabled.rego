# METADATA
# title: Diagnostic logs enabled
# description: >-
#   ACS resource logs (calls, chat, SMS, email, authentication) are off until a diagnostic setting
#   sends them somewhere. Every communication service needs, in the expanded template, a
#   Microsoft.Insights/diagnosticSettings targeting it (through scope, the .../providers/
#   diagnosticSettings name form, or as a child) with a destination and enabled logs covering the
#   allLogs category group, or every category in the rule parameter requiredLogCategories
#   (default empty: only allLogs satisfies the rule until a team lists its categories).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/communication-services/concepts/analytics/enable-logging
#     description: Enable logs via diagnostic settings in Azure Monitor
#   - ref: https://portal.azure.com/#view/Microsoft_Azure_Policy/PolicyDetailBlade/definitionId/%2Fproviders%2FMicrosoft.Authorization%2FpolicyDefinitions%2Facbb9698-46bd-4800-89da-e3473c4ab10d
#     description: "Azure Policy acbb9698-46bd-4800-89da-e3473c4ab10d: Enable logging by category group for Communication Services to Log Analytics"
# custom:
#   id: ACS-LOG-001
#   long_id: diagnostic_logs_enabled
#   severity: medium
#   default_enabled: true
#   resource_types:
#     - Microsoft.Communication/communicationServices
#     - Microsoft.Insights/diagnosticSettings
#   baseline:
#     - "Data Persistence: Diagnostic Logs / Audit"
#     - "Security Best Practices 4: Log Monitoring"
#   azure_policy:
#     - acbb9698-46bd-4800-89da-e3473c4ab10d
#     - 9756f174-ca74-4d7a-a56e-7104d8a954b0
#     - b9c8d1de-593f-472f-b32a-7e2fe0c2374a
#   remediation: >-
#     Add a diagnostic setting scoped to the communication service with logs
#     [{ categoryGroup: allLogs, enabled: true }] and a workspace, storage account or event hub.
#   parameters:
#     type: object
#     additionalProperties: false
#     properties:
#       requiredLogCategories:
#         type: array
#         description: >-
#           Log categories that, all enabled together, satisfy the rule instead of the allLogs
#           category group (for example ChatOperational, SMSOperational, AuthOperational).
#         items:
#           type: string
#         default: []
#   baseline_quote: >-
#     Security Best Practices 4: Log Monitoring: Enable Diagnostic Settings to send ACS logs to Log
#     Analytics for auditing and anomaly detection.
#   fix_arm: |-
#     {
#       "type": "Microsoft.Insights/diagnosticSettings",
#       "apiVersion": "2021-05-01-preview",
#       "name": "acs-logs",
#       "scope": "[resourceId('Microsoft.Communication/communicationServices', parameters('name'))]",
#       "properties": {
#         "workspaceId": "[parameters('workspaceId')]",
#         "logs": [{ "categoryGroup": "allLogs", "enabled": true }]
#       }
#     }
#   fix_bicep: |-
#     resource logs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
#       scope: acs
#       name: 'acs-logs'
#       properties: {
#         workspaceId: workspaceId
#         logs: [{ categoryGroup: 'allLogs', enabled: true }]
#       }
#     }
#   suppress_when: >-
#     Diagnostic settings are deployed by Azure Policy (DeployIfNotExists) or a platform template
#     outside this one; name the policy assignment in the justification.
#   messages:
#     no_setting: "no diagnostic setting targets this service: its logs ({logs}) are not kept"
#     no_enabled_logs: "no diagnostic setting of this service sends enabled logs covering {logs} to a destination"
#     depends: "whether a diagnostic setting sends this service's logs ({logs}) depends on values not known before deployment"
#     fails_when: "no diagnostic setting of this service sends enabled logs covering {logs} to a destination when {parameter} is {values|or}"
#     all_logs: "allLogs"
#     all_logs_or: "allLogs or {categories|comma}"
package acs.rules.log.diagnostic_logs_enabled

import data.acs.lib.diagnostics
import data.acs.lib.params
import data.acs.lib.resources
import data.acs.lib.result

_required := params.value(rego.metadata.chain(), "requiredLogCategories", [])

_covers(s) if _covered(diagnostics.enabled_logs(s))

_covered(logs) if {
	some l in logs
	lower(l.categoryGroup) == "alllogs"
}

_covered(logs) if {
	count(_required) > 0
	every c in _required {
		some l in logs
		lower(l.category) == lower(c)
	}
}

# The targets (id keys) some of whose settings comply, or depend on unknown values: each setting is
# judged once, and each service looks its own id up.
_compliant_keys contains k if {
	some k, targeting in diagnostics.by_key
	some s in targeting
	diagnostics.has_destination(s)
	_covers(s)
}

_undecided_keys contains k if {
	some k, targeting in diagnostics.by_key
	some s in targeting
	diagnostics.undecided(s)
}

_compliant(r) if resources.key(r) in _compliant_keys

_undecided(r) if diagnostics.may_target(r)

_undecided(r) if resources.key(r) in _undecided_keys

_what := result.message("all_logs", {}) if count(_required) == 0

else := result.message("all_logs_or", {"categories": _required})

deny contains finding if {
	some r in resources.communication_services
	not _compliant(r)
	not _undecided(r)
	finding := result.fail(rego.metadata.chain(), r, [], _message(r))
}

deny contains finding if {
	some r in resources.communication_services
	not _compliant(r)
	_undecided(r)
	finding := result.unknown(rego.metadata.chain(), r, [], _depends(r))
}

# When one parameter with a finite set of values switches the logs of the service's settings, the
# values for which no setting complies are named; else the message says what it depends on.
_depends(r) := result.message("fails_when", {"logs": _what, "parameter": p, "values": failing}) if {
	not diagnostics.may_target(r)
	[p, failing] := _failing_by_key[resources.key(r)]
	count(failing) > 0
} else := result.message("depends", {"logs": _what})

# By target (id key): [parameter, the values for which none of its settings complies], each
# target judged once.
_failing_by_key := {k: [p, failing] |
	some k in _undecided_keys
	targeting := diagnostics.by_key[k]
	[p, values] := diagnostics.switch(targeting)
	failing := [w |
		some w in values
		not _complies_when(targeting, w)
	]
}

_complies_when(targeting, w) if {
	some s in targeting
	diagnostics.has_destination(s)
	_covered(diagnostics.enabled_logs_when(s, w))
}

_message(r) := result.message("no_setting", {"logs": _what}) if {
	not diagnostics.targeted(r)
} else := result.message("no_enabled_logs", {"logs": _what})
