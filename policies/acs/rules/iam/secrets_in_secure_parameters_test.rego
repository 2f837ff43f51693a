package acs.rules.iam.secrets_in_secure_parameters_test

import data.acs.lib.testdata
import data.acs.rules.iam.secrets_in_secure_parameters as rule

_deny(p) := d if {
	d := rule.deny with input as {"resources": [], "parameters": [object.union({"index": 0, "type": "string", "secure": false, "value": null, "deployments": []}, p)]}
}

test_fail_named_connection_string if {
	[f] := [f | some f in _deny({"name": "acsConnectionString"})]
	f.status == "fail"
	f.path == ["type"]
	f.message.args.reason.id == "named_as_secret"
}

test_fail_named_access_key_any_case if testdata.verdicts(_deny({"name": "ACS_ACCESSKEY"})) == {["fail", ["type"]]}

test_fail_default_is_a_secret if {
	[f] := [f | some f in _deny({"name": "settings", "type": "object", "defaultValue": {"c": testdata.acs_keys}})]
	f.status == "fail"
	f.path == ["type"]
	f.message.args.reason.id == "secret_default"
}

test_pass_secure if count(_deny({"name": "acsConnectionString", "type": "securestring", "secure": true})) == 0

test_pass_resource_name if count(_deny({"name": "communicationServiceName"})) == 0

test_pass_secret_name_pointer if count(_deny({"name": "connectionStringSecretName"})) == 0

# Found on real templates that deploy no ACS: a flag, another service's secret, a module parameter.
test_pass_bool_named_like_a_key if count(_deny({"name": "acsDisableAccessKey", "type": "bool"})) == 0

test_pass_int_and_array_named_like_a_secret if {
	count(_deny({"name": "acsKeyCount", "type": "int"})) == 0
	count(_deny({"name": "acsConnectionStrings", "type": "array"})) == 0
}

test_pass_other_services_secrets if {
	count(_deny({"name": "appInsightsConnectionString"})) == 0
	count(_deny({"name": "connectionString"})) == 0
	count(_deny({"name": "accessKeysAuthentication"})) == 0
	count(_deny({"name": "useStorageAccountAccessKey", "type": "bool"})) == 0
}

test_fail_given_an_acs_secret_by_its_caller_names_the_module if {
	[f] := [f | some f in _deny({"name": "key", "value": testdata.acs_keys, "deployments": ["notifier"]})]
	f.status == "fail"
	f.path == ["type"]
	f.message.args.name == "key"
	f.message.args.deployments == ["notifier"]
	f.message.args.reason.id == "secret_given"
}

_origin := "t.json#/parameters/conn"

_flowing := {"$unknown": {"reason": "missing-parameter", "expression": "[parameters('conn')]", "origin": _origin}}

_settings(name) := testdata.resource(1, "Microsoft.Web/sites", "app", {"siteConfig": {"appSettings": [{"name": name, "value": _flowing}]}})

test_fail_flows_into_an_acs_setting if {
	inp := {"resources": [_settings("ACS_CONNECTION_STRING")], "parameters": [{"index": 0, "name": "conn", "type": "string", "secure": false, "value": _flowing, "deployments": []}]}
	[f] := [f | some f in rule.deny with input as inp]
	f.status == "fail"
	f.path == ["type"]
	f.message.args.reason.id == "flows_into_secret_place"
}

test_pass_flows_into_another_services_setting if {
	inp := {"resources": [_settings("APPLICATIONINSIGHTS_CONNECTION_STRING")], "parameters": [{"index": 0, "name": "conn", "type": "string", "secure": false, "value": _flowing, "deployments": []}]}
	count(rule.deny) == 0 with input as inp
}

test_fail_flows_into_an_acs_vault_secret if {
	secret := testdata.resource(1, "Microsoft.KeyVault/vaults/secrets", "kv/acs-connection-string", {"value": _flowing})
	inp := {"resources": [secret], "parameters": [{"index": 0, "name": "conn", "type": "string", "secure": false, "value": _flowing, "deployments": []}]}
	testdata.verdicts(rule.deny) == {["fail", ["type"]]} with input as inp
}
