# METADATA
# title: Rule pack entrypoint
# description: >-
#   The one entrypoint compiled to WebAssembly: every rule's findings for one normalized template.
#   The report is defined only when the input parsed as an object, so an input the module could
#   not read gives no report at all, which the evaluator treats as an error, never as a clean pass.
package acs.main

report := {"schema_version": 1, "findings": findings} if is_object(input)

findings := [f | some f in data.acs.rules[_][_].deny]
