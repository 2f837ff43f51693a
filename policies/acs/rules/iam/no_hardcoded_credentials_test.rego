package acs.rules.iam.no_hardcoded_credentials_test

import data.acs.lib.testdata
import data.acs.rules.iam.no_hardcoded_credentials as rule

_key := "q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c2v3b4n5m6Q7W8E9R0T1Y2U3I4O5P6A7S8D9F0G1H2J3=="

_deny(inp) := d if {
	d := rule.deny with input as object.union({"resources": [], "parameters": [], "variables": [], "outputs": []}, inp)
}

_param(name, dflt, v) := {"index": 0, "name": name, "type": "string", "secure": false, "defaultValue": dflt, "value": v, "deployments": []}

test_fail_parameter_default if {
	[f] := [f | some f in _deny({"parameters": [_param("conn", testdata.connection_string, testdata.connection_string)]})]
	f.status == "fail"
	f.subject == {"kind": "parameter", "index": 0}
	f.path == ["defaultValue"]
}

test_fail_parameter_file_value if {
	[f] := [f | some f in _deny({"parameters": [object.remove(_param("conn", null, testdata.connection_string), ["defaultValue"])]})]
	f.status == "fail"
	f.path == ["value"]
}

test_fail_access_key_named_parameter if {
	[f] := [f | some f in _deny({"parameters": [_param("acsAccessKey", _key, _key)]})]
	f.status == "fail"
	f.path == ["defaultValue"]
}

test_pass_unnamed_long_base64 if count(_deny({"parameters": [_param("storageBlob", _key, _key)]})) == 0

test_fail_variable_setting_entry if {
	v := {"index": 0, "name": "settings", "value": [{"name": "ACS_ACCESS_KEY", "value": _key}], "deployments": []}
	[f] := [f | some f in _deny({"variables": [v]})]
	f.status == "fail"
	f.path == ["value", 0, "value"]
}

test_fail_resource_property if {
	r := testdata.resource(0, "Microsoft.Web/sites", "app", {"siteConfig": {"appSettings": [{"name": "ACS", "value": testdata.connection_string}]}})
	[f] := [f | some f in _deny({"resources": [r]})]
	f.status == "fail"
	f.path == ["properties", "siteConfig", "appSettings", 0, "value"]
}

test_declared_literal_is_reported_once_at_its_declaration if {
	v := {"index": 0, "name": "conn", "value": testdata.connection_string, "deployments": []}
	r := testdata.resource(0, "Microsoft.Web/sites", "app", {"x": testdata.connection_string})
	[f] := [f | some f in _deny({"variables": [v], "resources": [r]})]
	f.status == "fail"
	f.path == ["value"]
	f.subject.kind == "variable"
}

test_fail_output_literal if testdata.verdicts(_deny({"outputs": [{"index": 0, "name": "o", "value": testdata.connection_string, "deployments": []}]})) == {["fail", ["value"]]}

test_pass_list_keys_is_not_hard_coded if {
	count(_deny({"outputs": [{"index": 0, "name": "o", "value": testdata.acs_keys, "deployments": []}]})) == 0
}
