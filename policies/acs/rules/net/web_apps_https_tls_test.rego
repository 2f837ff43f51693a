package acs.rules.net.web_apps_https_tls_test

import data.acs.lib.testdata
import data.acs.rules.net.web_apps_https_tls as rule

_site(props) := testdata.resource(1, "Microsoft.Web/sites", "app", props)

_deny(resources) := d if {
	d := rule.deny with input as {"resources": resources}
}

test_fail_https_not_enforced if {
	[f] := [f | some f in _deny([testdata.acs({}), _site({})])]
	f.status == "fail"
	f.path == ["properties", "httpsOnly"]
}

test_fail_old_tls_names_both_problems if {
	[f] := [f | some f in _deny([testdata.acs({}), _site({"httpsOnly": false, "siteConfig": {"minTlsVersion": "1.0"}})])]
	f.status == "fail"
	f.path == ["properties", "httpsOnly"]
	[p.id | some p in f.message.args.problems] == ["http_allowed", "old_tls"]
	f.message.args.problems[1].args.version == "1.0"
}

test_pass_https_and_default_tls if count(_deny([testdata.acs({}), _site({"httpsOnly": true})])) == 0

test_pass_outside_acs_workload if count(_deny([_site({})])) == 0

test_fail_config_resource_tls if {
	c := testdata.resource(2, "Microsoft.Web/sites/config", "app/web", {"minTlsVersion": "1.1"})
	[f] := [f | some f in _deny([testdata.acs({}), _site({"httpsOnly": true}), c])]
	f.status == "fail"
	f.path == ["properties", "minTlsVersion"]
	f.subject.index == 2
}

test_fail_slot if testdata.verdicts(_deny([testdata.acs({}), testdata.resource(3, "Microsoft.Web/sites/slots", "app/staging", {})])) == {["fail", ["properties", "httpsOnly"]]}

test_unknown_https if {
	[f] := [f | some f in _deny([testdata.acs({}), _site({"httpsOnly": testdata.missing("[parameters('https')]")})])]
	f.path == ["properties", "httpsOnly"]
	f.status == "unknown"
}

_web_config(name, props) := testdata.resource(1, "Microsoft.Web/sites/config", name, props)

test_unknown_tls_of_a_web_config if {
	[f] := [f | some f in rule.deny with input as {"resources": [testdata.acs({}), _web_config("app/web", {"minTlsVersion": testdata.missing("[parameters('tls')]")})]}]
	f.status == "unknown"
	f.path == ["properties", "minTlsVersion"]
}

test_pass_unknown_properties_of_an_appsettings_config if {
	count(rule.deny) == 0 with input as {"resources": [testdata.acs({}), _web_config("app/appsettings", testdata.missing("[parameters('settings')]"))]}
}

_config(props) := testdata.resource(2, "Microsoft.Web/sites/config", "app/web", props)

_tls12 := {"minTlsVersion": "1.2"}

test_bool_https_parameter_is_judged_for_both_values if {
	[f] := [f | some f in _deny([testdata.acs({}), _site({"httpsOnly": testdata.finite("https", [true, false]), "siteConfig": _tls12})])]
	[f.status, f.path] == ["unknown", ["properties", "httpsOnly"]]
	f.message == {"id": "http_allowed_when", "args": {"parameter": "https", "values": [false]}}
	testdata.verdicts(_deny([testdata.acs({}), _site({"httpsOnly": testdata.finite("https", [true]), "siteConfig": _tls12})])) == set()
	testdata.verdicts(_deny([testdata.acs({}), _site({"httpsOnly": testdata.finite("https", [false]), "siteConfig": _tls12})])) == {["fail", ["properties", "httpsOnly"]]}
}

test_allowed_tls_versions_are_judged_each if {
	testdata.verdicts(_deny([testdata.acs({}), _config({"minTlsVersion": testdata.finite("tls", ["1.2", "1.3"])})])) == set()
	testdata.verdicts(_deny([testdata.acs({}), _config({"minTlsVersion": testdata.finite("tls", ["1.0", "1.1"])})])) == {["fail", ["properties", "minTlsVersion"]]}
	[f] := [f | some f in _deny([testdata.acs({}), _config({"minTlsVersion": testdata.finite("tls", ["1.0", "1.2"])})])]
	[f.status, f.path] == ["unknown", ["properties", "minTlsVersion"]]
	f.message.args == {"parameter": "tls", "values": ["1.0"]}
	[g] := [g | some g in _deny([testdata.acs({}), _site({"httpsOnly": true, "siteConfig": {"minTlsVersion": testdata.finite("tls", ["1.0", "1.2"])}})])]
	[g.status, g.path, g.message.id] == ["unknown", ["properties", "siteConfig", "minTlsVersion"], "old_tls_when"]
}
