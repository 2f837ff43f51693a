package acs.rules.data.linked_domains_same_location_test

import data.acs.lib.testdata
import data.acs.rules.data.linked_domains_same_location as rule

_mail(location) := testdata.resource(1, "Microsoft.Communication/emailServices", "mail", {"dataLocation": location})

_domain_id := "/subscriptions/s/resourceGroups/r/providers/Microsoft.Communication/emailServices/mail/domains/example.com"

_domain := object.union(testdata.resource(2, "Microsoft.Communication/emailServices/domains", "mail/example.com", {}), {"id": _domain_id})

_deny(resources) := d if {
	d := rule.deny with input as {"resources": resources}
}

test_fail_other_geography if {
	[f] := [f | some f in _deny([testdata.acs({"dataLocation": "Europe", "linkedDomains": [_domain_id]}), _mail("United States"), _domain])]
	f.status == "fail"
	f.subject.index == 0
	f.path == ["properties", "linkedDomains", 0]
	f.message.id == "elsewhere"
	f.message.args.location == "United States"
}

test_pass_same_geography_short_name if {
	count(_deny([testdata.acs({"dataLocation": "United Kingdom", "linkedDomains": [_domain_id]}), _mail("UK"), _domain])) == 0
}

test_pass_domain_not_in_template if count(_deny([testdata.acs({"dataLocation": "Europe", "linkedDomains": ["/subscriptions/s/x"]})])) == 0

test_unknown_location if {
	[f] := [f | some f in _deny([testdata.acs({"dataLocation": testdata.missing("[parameters('loc')]"), "linkedDomains": [_domain_id]}), _mail("Europe"), _domain])]
	f.path == ["properties", "linkedDomains", 0]
	f.status == "unknown"
}

_loc := {"$unknown": {"reason": "missing-parameter", "expression": "[parameters('loc')]", "origin": "t.json#/parameters/loc"}}

test_pass_both_locations_from_the_same_parameter if {
	count(_deny([testdata.acs({"dataLocation": _loc, "linkedDomains": [_domain_id]}), _mail(_loc), _domain])) == 0
}

test_unknown_linked_domains_with_domains_in_the_template if {
	[f] := [f | some f in _deny([testdata.acs({"dataLocation": "Europe", "linkedDomains": testdata.missing("[parameters('domains')]")}), _mail("Europe"), _domain])]
	f.status == "unknown"
	f.path == ["properties", "linkedDomains"]
}

test_email_locations_from_allowed_values_are_judged_each if {
	service := testdata.acs({"dataLocation": "Europe", "linkedDomains": [_domain_id]})
	count(_deny([service, _mail(testdata.finite("mailLocation", ["Europe"])), _domain])) == 0
	testdata.verdicts(_deny([service, _mail(testdata.finite("mailLocation", ["United States"])), _domain])) == {["fail", ["properties", "linkedDomains", 0]]}
	[f] := [f | some f in _deny([service, _mail(testdata.finite("mailLocation", ["Europe", "United States"])), _domain])]
	[f.status, f.path] == ["unknown", ["properties", "linkedDomains", 0]]
	f.message == {"id": "elsewhere_when", "args": {"email_service": "mail", "parameter": "mailLocation", "values": ["United States"]}}
}

test_a_service_location_from_allowed_values_is_judged_each if {
	service := testdata.acs({"dataLocation": testdata.finite("location", ["Europe", "UK"]), "linkedDomains": [_domain_id]})
	testdata.verdicts(_deny([service, _mail("Europe"), _domain])) == {["unknown", ["properties", "linkedDomains", 0]]}
}

# ARM refuses a template that declares one resource twice; the rule still judges one that does,
# against each email service of the domain's id, without a conflict between them.
test_email_services_sharing_an_id_are_each_judged if {
	service := testdata.acs({"dataLocation": "Europe", "linkedDomains": [_domain_id]})
	again := object.union(_mail("United States"), {"index": 3})
	[f] := [f | some f in _deny([service, _mail("Europe"), again, _domain, object.union(_domain, {"index": 4})])]
	[f.status, f.message.args.location] == ["fail", "United States"]
	count(_deny([service, _mail("Europe"), object.union(_mail("Europe"), {"index": 3}), _domain])) == 0
}

# Names from a parameter with no value: the linked entry resourceId(domains, mail, 'x') is the domain
# declared as format('{0}/{1}', mail, 'x') and its parent the email service named mail (same origins).
_unknown_id(type, origin) := {"$unknown": {"reason": "missing-parameter", "expression": "[parameters('mail')]", "target": {"type": type}, "origin": origin}}

_mail_origin := "resourceid(\"Microsoft.Communication/emailServices\",<t.json#/parameters/mail>)"

_domain_origin := "resourceid(\"Microsoft.Communication/emailServices/domains\",<t.json#/parameters/mail>,\"x\")"

_unnamed_mail(location) := object.union(_mail(location), {"name": testdata.missing("[parameters('mail')]"), "id": _unknown_id("microsoft.communication/emailservices", _mail_origin)})

_unnamed_domain := object.union(_domain, {
	"name": testdata.missing("[parameters('mail')]"),
	"id": _unknown_id("microsoft.communication/emailservices/domains", _domain_origin),
	"parentId": _unknown_id("microsoft.communication/emailservices", _mail_origin),
})

test_unknown_names_are_joined_by_origin if {
	entry := _unknown_id("microsoft.communication/emailservices/domains", _domain_origin)
	service := testdata.acs({"dataLocation": "United States", "linkedDomains": [entry]})
	testdata.verdicts(_deny([service, _unnamed_mail("Europe"), _unnamed_domain])) == {["fail", ["properties", "linkedDomains", 0]]}
	count(_deny([testdata.acs({"dataLocation": "Europe", "linkedDomains": [entry]}), _unnamed_mail("Europe"), _unnamed_domain])) == 0
}

test_an_unknown_entry_naming_no_domain_here_stays_unknown if {
	entry := _unknown_id("microsoft.communication/emailservices/domains", "resourceid(\"Microsoft.Communication/emailServices/domains\",<t.json#/parameters/other>,\"x\")")
	service := testdata.acs({"dataLocation": "Europe", "linkedDomains": [entry]})
	testdata.verdicts(_deny([service, _unnamed_mail("Europe"), _unnamed_domain])) == {["unknown", ["properties", "linkedDomains", 0]]}
}
