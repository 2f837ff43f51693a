# METADATA
# title: Resource selection
# description: >-
#   Selects resources of the normalized input by type. Types are compared lower-cased, as ARM
#   compares them; `existing` resources are references, not deployments, and are never selected
#   by the deployed-resource helpers.
# custom:
#   library: true
package acs.lib.resources

# deployed(type_lower) is every resource this template deploys with that (lower-case) type.
deployed(type_lower) := [r |
	some r in input.resources
	r.typeLower == type_lower
	not r.existing
]

# communication_services are the Microsoft.Communication/communicationServices the template deploys.
communication_services := deployed("microsoft.communication/communicationservices")
