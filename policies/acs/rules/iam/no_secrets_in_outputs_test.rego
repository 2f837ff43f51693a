package acs.rules.iam.no_secrets_in_outputs_test

import data.acs.lib.testdata
import data.acs.rules.iam.no_secrets_in_outputs as rule

_output(v, type, deployments) := {"index": 0, "name": "conn", "type": type, "secure": type == "securestring", "value": v, "deployments": deployments}

_deny(o) := d if {
	d := rule.deny with input as {"resources": [], "outputs": [o]}
}

test_fail_list_keys_output if {
	[f] := [f | some f in _deny(_output(testdata.acs_keys, "string", []))]
	f.status == "fail"
	f.subject == {"kind": "output", "index": 0}
	f.path == ["value"]
}

test_fail_nested_output_names_the_deployment if {
	[f] := [f | some f in _deny(_output({"keys": [testdata.acs_keys]}, "object", ["acs-module"]))]
	f.status == "fail"
	f.path == ["value", "keys", 0]
	f.message.args.deployments == ["acs-module"]
}

test_fail_literal_connection_string if testdata.verdicts(_deny(_output(testdata.connection_string, "string", []))) == {["fail", ["value"]]}

test_pass_secure_output if count(_deny(_output(testdata.acs_keys, "securestring", []))) == 0

test_pass_other_resource_keys if count(_deny(_output(testdata.listed("microsoft.storage/storageaccounts"), "string", []))) == 0

test_pass_endpoint if count(_deny(_output("https://acs.communication.azure.com", "string", []))) == 0

test_unknown_list_of_unknown_type if {
	v := {"$unknown": {"reason": "runtime-function", "functions": ["listkeys"], "secret": true}}
	[f] := [f | some f in _deny(_output(v, "string", []))]
	f.path == ["value"]
	f.status == "unknown"
}
