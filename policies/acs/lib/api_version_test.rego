package acs.lib.api_version_test

import data.acs.lib.api_version

test_same_date_is_not_before if not api_version.before("2025-05-01", "2025-05-01")

test_preview_of_same_date_is_not_before if not api_version.before("2025-05-01-preview", "2025-05-01")

test_later_is_not_before if not api_version.before("2026-03-18", "2025-05-01")

test_older_is_before if {
	api_version.before("2023-04-01", "2025-05-01")
}

test_unknown_is_neither if {
	v := {"$unknown": {"reason": "x"}}
	not api_version.before(v, "2025-05-01")
}

test_preview_detection if {
	api_version.is_preview("2025-05-01-preview")
	not api_version.is_preview("2025-05-01")
}

test_unknown_version_is_not_able if not api_version.able({"$unknown": {"reason": "missing-parameter", "expression": "[parameters('v')]"}}, "2025-05-01")

test_known_versions_able if {
	api_version.able("2025-05-01", "2025-05-01")
	not api_version.able("2023-04-01", "2025-05-01")
}
