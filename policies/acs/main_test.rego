package acs.main_test

import data.acs.main

test_report_for_empty_template if {
	main.report == {"schema_version": 1, "findings": []} with input as {"resources": []}
}

test_no_report_for_non_object_input if {
	not main.report with input as "not a template"
}

test_findings_gathered_from_rules if {
	inp := {"resources": [{
		"index": 0, "type": "Microsoft.Communication/communicationServices",
		"typeLower": "microsoft.communication/communicationservices", "apiVersion": "2025-05-01",
		"existing": false, "condition": true, "properties": {},
	}]}
	some f in main.report.findings with input as inp
	f.rule_id == "ACS-IAM-001"
	f.status == "fail"
	f.path == ["properties", "disableLocalAuth"]
}
