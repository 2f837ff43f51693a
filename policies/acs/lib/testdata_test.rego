# Builders of normalized input for the rule tests (a _test file: never compiled into the policy).
package acs.lib.testdata

resource(i, type, name, props) := {
	"index": i, "type": type, "typeLower": lower(type), "apiVersion": "2025-05-01",
	"name": name, "id": _id(type, name),
	"existing": false, "condition": true, "properties": props,
}

# The id ARM gives: each type after the namespace followed by its name (.../vaults/kv/secrets/s).
_id(type, name) := concat("", ["/subscriptions/s/resourceGroups/r/providers/", types[0], concat("", [concat("/", ["", types[i + 1], names[i]]) | some i, _ in names])]) if {
	types := split(type, "/")
	names := split(name, "/")
	count(types) == count(names) + 1
} else := concat("", ["/subscriptions/s/resourceGroups/r/providers/", type, "/", name])

acs(props) := resource(0, "Microsoft.Communication/communicationServices", "acs", props)

acs_id := "/subscriptions/s/resourceGroups/r/providers/Microsoft.Communication/communicationServices/acs"

with_api(r, api) := object.union(r, {"apiVersion": api})

missing(expr) := {"$unknown": {"reason": "missing-parameter", "expression": expr, "detail": "no value"}}

listed(type) := {"$unknown": {
	"reason": "runtime-function", "expression": "[listKeys(...)]", "functions": ["listkeys"],
	"secret": true, "target": {"type": type},
}}

acs_keys := listed("microsoft.communication/communicationservices")

connection_string := "endpoint=https://acs.communication.azure.com/;accesskey=c2VjcmV0"

# finite(parameter, values) is an unknown from a parameter with allowed values, each taken as is.
finite(parameter, values) := {"$unknown": {
	"reason": "missing-parameter", "expression": concat("", ["[parameters('", parameter, "')]"]),
	"domain": {"parameter": parameter, "cases": [{"when": v, "value": v} | some v in values]},
}}

# verdicts(findings) are the findings' statuses and paths: tests compare them whole, so that a fail
# turned into an unknown, or a finding at another property, breaks the test.
verdicts(findings) := {[f.status, f.path] | some f in findings}
