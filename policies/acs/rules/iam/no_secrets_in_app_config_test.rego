package acs.rules.iam.no_secrets_in_app_config_test

import data.acs.lib.testdata
import data.acs.rules.iam.no_secrets_in_app_config as rule

_deny(r) := d if {
	d := rule.deny with input as {"resources": [r]}
}

_site(settings) := testdata.resource(0, "Microsoft.Web/sites", "app", {"siteConfig": {"appSettings": settings}})

test_fail_inline_app_setting if {
	[f] := [f | some f in _deny(_site([{"name": "ACS", "value": testdata.acs_keys}]))]
	f.status == "fail"
	f.path == ["properties", "siteConfig", "appSettings", 0, "value"]
	f.message == {"id": "holds", "args": {"setting": {"id": "named_setting", "args": {"name": "ACS"}}}}
}

test_fail_config_resource_map if {
	r := testdata.resource(0, "Microsoft.Web/sites/config", "app/appsettings", {"ACS_CONNECTION": testdata.connection_string})
	[f] := [f | some f in _deny(r)]
	f.status == "fail"
	f.path == ["properties", "ACS_CONNECTION"]
}

test_fail_container_app_env if {
	r := testdata.resource(0, "Microsoft.App/containerApps", "ca", {"template": {"containers": [{"env": [{"name": "K", "value": testdata.acs_keys}]}]}})
	testdata.verdicts(_deny(r)) == {["fail", ["properties", "template", "containers", 0, "env", 0, "value"]]}
}

test_fail_container_instance_env if {
	r := testdata.resource(0, "Microsoft.ContainerInstance/containerGroups", "ci", {"containers": [{"properties": {"environmentVariables": [{"name": "K", "secureValue": testdata.acs_keys}]}}]})
	testdata.verdicts(_deny(r)) == {["fail", ["properties", "containers", 0, "properties", "environmentVariables", 0, "secureValue"]]}
}

test_pass_key_vault_reference if {
	count(_deny(_site([{"name": "ACS", "value": "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/acs)"}]))) == 0
}

test_pass_endpoint_only if count(_deny(_site([{"name": "ACS_ENDPOINT", "value": "https://acs.communication.azure.com"}]))) == 0

test_unknown_for_keys_of_unknown_type if {
	v := {"$unknown": {"reason": "runtime-function", "functions": ["listkeys"], "secret": true}}
	[f] := [f | some f in _deny(_site([{"name": "K", "value": v}]))]
	f.path == ["properties", "siteConfig", "appSettings", 0, "value"]
	f.status == "unknown"
}

test_one_finding_per_resource if {
	testdata.verdicts(_deny(_site([{"name": "A", "value": testdata.acs_keys}, {"name": "B", "value": testdata.connection_string}]))) == {["fail", ["properties", "siteConfig", "appSettings", 0, "value"]]}
}

_config(name, props) := testdata.resource(1, "Microsoft.Web/sites/config", name, props)

test_unknown_settings_of_a_config_in_an_acs_workload if {
	[f] := [f | some f in rule.deny with input as {"resources": [testdata.acs({}), _config("app/appsettings", testdata.missing("[parameters('settings')]"))]}]
	f.status == "unknown"
	f.path == ["properties"]
	f.message.id == "settings_depend"
	f.message.args.value["$unknown"].expression == "[parameters('settings')]"
}

test_unknown_app_settings_list if {
	site := _site(testdata.missing("[parameters('settings')]"))
	[f] := [f | some f in rule.deny with input as {"resources": [testdata.acs({}), object.union(site, {"index": 1})]}]
	f.status == "unknown"
	f.path == ["properties", "siteConfig", "appSettings"]
}

test_pass_unknown_settings_outside_an_acs_workload if {
	count(_deny(_config("app/appsettings", testdata.missing("[parameters('settings')]")))) == 0
}

test_pass_unknown_properties_of_a_logs_config if {
	count(rule.deny) == 0 with input as {"resources": [testdata.acs({}), _config("app/logs", testdata.missing("[parameters('logs')]"))]}
}

# A setting cut from a connection string (substring(listKeys(...).primaryConnectionString, ...)) is
# still tainted, but the finding names the setting that holds the key whole.
test_the_finding_names_the_setting_holding_the_key_whole if {
	part := {"$unknown": object.union(testdata.acs_keys["$unknown"], {"expression": "[substring(listKeys(variables('acs'), '2020-08-20').primaryConnectionString, 9, 40)]"})}
	whole := {"$unknown": object.union(testdata.acs_keys["$unknown"], {"expression": "[listKeys(variables('acs'), '2020-08-20').primaryConnectionString]"})}
	r := testdata.resource(0, "Microsoft.Web/sites/config", "app/appsettings", {"EndpointUrl": part, "ResourceConnectionString": whole})
	testdata.verdicts(_deny(r)) == {["fail", ["properties", "ResourceConnectionString"]]}
	only_part := testdata.resource(0, "Microsoft.Web/sites/config", "app/appsettings", {"EndpointUrl": part})
	testdata.verdicts(_deny(only_part)) == {["fail", ["properties", "EndpointUrl"]]}
}

# Keys of a resource whose type is not known (a placeholder id) under a setting named as an ACS
# credential: the name says what the value is, a fail; under another name, unknown.
test_keys_of_unknown_type_under_an_acs_credential_name_fail if {
	v := {"$unknown": {"reason": "runtime-function", "expression": "[listKeys(variables('resourceId'), '2020-08-20').primaryConnectionString]", "functions": ["listkeys"], "secret": true}}
	named := testdata.resource(0, "Microsoft.Web/sites/config", "app/appsettings", {"VV_COMMUNICATION_SERVICES_CONNECTION_STRING": v})
	testdata.verdicts(_deny(named)) == {["fail", ["properties", "VV_COMMUNICATION_SERVICES_CONNECTION_STRING"]]}
	other := testdata.resource(0, "Microsoft.Web/sites/config", "app/appsettings", {"ResourceConnectionString": v})
	testdata.verdicts(_deny(other)) == {["unknown", ["properties", "ResourceConnectionString"]]}
}

test_an_unknown_names_the_setting_holding_the_keys_whole if {
	keys := {"$unknown": {"reason": "runtime-function", "expression": "[listKeys(variables('id'), '2020-08-20').primaryConnectionString]", "functions": ["listkeys"], "secret": true}}
	part := {"$unknown": object.union(keys["$unknown"], {"expression": "[substring(listKeys(variables('id'), '2020-08-20').primaryConnectionString, 9, 40)]"})}
	r := testdata.resource(0, "Microsoft.Web/sites/config", "app/appsettings", {"EndpointUrl": part, "ResourceConnectionString": keys})
	testdata.verdicts(_deny(r)) == {["unknown", ["properties", "ResourceConnectionString"]]}
}
