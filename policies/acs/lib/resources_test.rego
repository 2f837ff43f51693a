package acs.lib.resources_test

import data.acs.lib.resources

_acs(i, existing) := {
	"index": i, "typeLower": "microsoft.communication/communicationservices",
	"existing": existing,
}

test_selects_deployed_services_only if {
	inp := {"resources": [_acs(0, false), _acs(1, true), {"index": 2, "typeLower": "microsoft.web/sites", "existing": false}]}
	[r.index | some r in resources.communication_services] == [0] with input as inp
}

test_no_resources if {
	count(resources.communication_services) == 0 with input as {"resources": []}
}
