package acs.rules.iam.secrets_in_secure_parameters_test

import data.acs.lib.testdata
import data.acs.rules.iam.secrets_in_secure_parameters as rule

_deny(p) := d if {
	d := rule.deny with input as {"resources": [], "parameters": [object.union({"index": 0, "type": "string", "secure": false, "value": null}, p)]}
}

test_fail_named_connection_string if {
	[f] := [f | some f in _deny({"name": "acsConnectionString"})]
	f.path == ["type"]
	contains(f.message, "named as an ACS connection string")
}

test_fail_named_access_key_any_case if count(_deny({"name": "ACS_ACCESSKEY"})) == 1

test_fail_default_is_a_secret if {
	[f] := [f | some f in _deny({"name": "settings", "type": "object", "defaultValue": {"c": testdata.acs_keys}})]
	contains(f.message, "default value")
}

test_pass_secure if count(_deny({"name": "acsConnectionString", "type": "securestring", "secure": true})) == 0

test_pass_resource_name if count(_deny({"name": "communicationServiceName"})) == 0

test_pass_secret_name_pointer if count(_deny({"name": "connectionStringSecretName"})) == 0
