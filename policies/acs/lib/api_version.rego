# METADATA
# title: API version comparison
# description: >-
#   ARM API versions are dates (YYYY-MM-DD) with an optional suffix such as -preview. A preview
#   of a date counts as that date: 2025-05-01-preview can express what 2025-05-01 can.
# custom:
#   library: true
package acs.lib.api_version

import data.acs.lib.value

# before(v, first) holds when the known API version v predates first; false for unknown versions.
before(v, first) if {
	value.is_known(v)
	is_string(v)
	substring(v, 0, 10) < first
}

# able(v, first) holds when the API version v is known and does not predate first. A rule's property
# is judged compliant only under such a version: one that depends on a parameter without a value
# may predate the property, and then ARM ignores it.
able(v, first) if {
	value.is_known(v)
	not before(v, first)
}

# is_preview(v) holds for versions with a suffix after the date (-preview, -beta, -privatepreview).
is_preview(v) if {
	is_string(v)
	count(v) > 10
}
