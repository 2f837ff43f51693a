# METADATA
# title: Logs reach Log Analytics
# description: >-
#   The baseline asks for ACS logs in Log Analytics, where they can be queried, alerted on and
#   correlated with sign-ins for anomaly detection; a storage account or event hub alone keeps
#   them but does not watch them. Every communication service needs a diagnostic setting with
#   enabled logs whose destination is a Log Analytics workspace (workspaceId). No such setting,
#   including none at all, fails.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/communication-services/concepts/analytics/enable-logging
#     description: Enable logs via diagnostic settings in Azure Monitor
#   - ref: https://portal.azure.com/#view/Microsoft_Azure_Policy/PolicyDetailBlade/definitionId/%2Fproviders%2FMicrosoft.Authorization%2FpolicyDefinitions%2Facbb9698-46bd-4800-89da-e3473c4ab10d
#     description: "Azure Policy acbb9698-46bd-4800-89da-e3473c4ab10d: Enable logging by category group for Communication Services to Log Analytics"
# custom:
#   id: ACS-LOG-002
#   long_id: logs_to_log_analytics
#   severity: low
#   default_enabled: true
#   resource_types:
#     - Microsoft.Communication/communicationServices
#     - Microsoft.Insights/diagnosticSettings
#   baseline:
#     - "Security Best Practices 4: Log Monitoring"
#   azure_policy:
#     - acbb9698-46bd-4800-89da-e3473c4ab10d
#   remediation: Set workspaceId on a diagnostic setting of the service that has enabled logs.
#   parameters:
#     type: object
#     additionalProperties: false
#     properties: {}
#   baseline_quote: >-
#     Security Best Practices 4: Log Monitoring: Enable Diagnostic Settings to send ACS logs to Log
#     Analytics for auditing and anomaly detection.
#   fix_arm: |-
#     "properties": {
#       "workspaceId": "[resourceId('Microsoft.OperationalInsights/workspaces', parameters('workspaceName'))]",
#       "logs": [{ "categoryGroup": "allLogs", "enabled": true }]
#     }
#   fix_bicep: |-
#     properties: {
#       workspaceId: workspace.id
#       logs: [{ categoryGroup: 'allLogs', enabled: true }]
#     }
#   suppress_when: >-
#     Logs go to another SIEM through an event hub, and that SIEM does the monitoring; name it in
#     the justification.
#   messages:
#     no_workspace: "no diagnostic setting sends this service's logs to a Log Analytics workspace"
#     depends: "whether this service's logs reach Log Analytics depends on values not known before deployment"
#     fails_when: "no diagnostic setting sends this service's logs to a Log Analytics workspace when {parameter} is {values|or}"
package acs.rules.log.logs_to_log_analytics

import data.acs.lib.diagnostics
import data.acs.lib.resources
import data.acs.lib.result
import data.acs.lib.value

_to_workspace(s) if {
	_has_workspace(s)
	count(diagnostics.enabled_logs(s)) > 0
}

_has_workspace(s) if {
	w := s.properties.workspaceId
	is_string(w)
	w != ""
}

# An id not known before deployment that is provably a workspace's: resourceId() of a workspace
# whose name is a parameter (Bicep's workspace.id), or a string whose known part is not empty.
_has_workspace(s) if {
	w := s.properties.workspaceId
	value.is_unknown(w)
	_not_empty(w)
}

_not_empty(w) if w["$unknown"].target.type == "microsoft.operationalinsights/workspaces"

_not_empty(w) if value.known_prefix(w) != ""

_not_empty(w) if value.known_suffix(w) != ""

# The targets (id keys) with a setting that sends enabled logs to a workspace, or with one that
# depends on unknown values: each setting is judged once, and each service looks its own id up.
_workspace_keys contains k if {
	some k, targeting in diagnostics.by_key
	some s in targeting
	_to_workspace(s)
}

_undecided_keys contains k if {
	some k, targeting in diagnostics.by_key
	some s in targeting
	_undecided_setting(s)
}

_undecided_setting(s) if {
	value.is_unknown(object.get(s, ["properties", "workspaceId"], null))
	not _has_workspace(s)
}

_undecided_setting(s) if diagnostics.undecided(s)

_undecided(r) if diagnostics.may_target(r)

_undecided(r) if resources.key(r) in _undecided_keys

deny contains finding if {
	some r in resources.communication_services
	not _has_workspace_setting(r)
	not _undecided(r)
	finding := result.fail(rego.metadata.chain(), r, [], result.message("no_workspace", {}))
}

deny contains finding if {
	some r in resources.communication_services
	not _has_workspace_setting(r)
	_undecided(r)
	finding := result.unknown(rego.metadata.chain(), r, [], _depends(r))
}

# When one parameter with a finite set of values switches the logs of the service's settings (and
# their workspaces are known), the values for which no setting complies are named.
_depends(r) := result.message("fails_when", {"parameter": p, "values": failing}) if {
	not diagnostics.may_target(r)
	[p, failing] := _failing_by_key[resources.key(r)]
	count(failing) > 0
} else := result.message("depends", {})

# By target (id key): [parameter, the values for which none of its settings complies], each
# target judged once.
_failing_by_key := {k: [p, failing] |
	some k in _undecided_keys
	targeting := diagnostics.by_key[k]
	not _some_unknown_workspace(targeting)
	[p, values] := diagnostics.switch(targeting)
	failing := [w |
		some w in values
		not _to_workspace_when(targeting, w)
	]
}

_some_unknown_workspace(targeting) if {
	some s in targeting
	value.is_unknown(object.get(s, ["properties", "workspaceId"], null))
	not _has_workspace(s)
}

_to_workspace_when(targeting, w) if {
	some s in targeting
	_has_workspace(s)
	count(diagnostics.enabled_logs_when(s, w)) > 0
}

_has_workspace_setting(r) if resources.key(r) in _workspace_keys
