#!/usr/bin/env bash
# Compiles policies/acs to WebAssembly with the pinned OPA and writes the two committed build
# outputs: generated/policy.wasm (bare module, pulled out of OPA's bundle) and
# generated/catalog.json (every rule's METADATA); and the JSON Schema of the policy input, generated
# from its TypeScript types, which the rules are type-checked against.
# Usage: build-policy.sh [OUT_DIR [INPUT_SCHEMA]]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=${1:-generated}
input_schema=${2:-schemas/policy-input.schema.json}
opa=scripts/opa.sh
"$opa" --path >/dev/null   # install the pinned OPA first, so its messages do not interleave below

npx tsc -p tsconfig.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! "$opa" fmt --fail --list policies >"$tmp/unformatted"; then
  echo "build-policy: run 'scripts/opa.sh fmt -w policies'; not formatted:" >&2
  cat "$tmp/unformatted" >&2
  exit 1
fi
"$opa" capabilities --current | node dist/scripts/wasm-capabilities.js >"$tmp/capabilities.json"
"$opa" check --strict --capabilities "$tmp/capabilities.json" policies
# The rules (not their tests, whose inputs are partial on purpose) read only what the input has.
node dist/scripts/policy-input-schema.js >"$tmp/policy-input.schema.json"
"$opa" check --strict --capabilities "$tmp/capabilities.json" --schema "$tmp/policy-input.schema.json" \
  --ignore '*_test.rego' policies
# Besides the report, every rule's deny set is an entrypoint of its own: the engine evaluates a
# large template rule by rule (src/engine/per-rule.ts), so memory is bounded by one rule's need.
rule_entrypoints=()
while read -r package; do
  rule_entrypoints+=(-e "${package//./\/}/deny")
done < <(find policies/acs/rules -name '*.rego' ! -name '*_test.rego' -exec sed -n 's/^package //p' {} + | LC_ALL=C sort)
"$opa" build -t wasm -e acs/main/report "${rule_entrypoints[@]}" --capabilities "$tmp/capabilities.json" \
  --ignore '*_test.rego' -o "$tmp/bundle.tar.gz" policies/acs
mkdir -p "$tmp/bundle" "$out"
# OPA writes member names with a leading "/", which tar strips with a notice; keep other messages.
tar -xzf "$tmp/bundle.tar.gz" -C "$tmp/bundle" 2> >(grep -v "Removing leading" >&2)
# The SDK does not load data.json; the pack keeps its defaults in Rego, so the bundle must have none.
if [ -f "$tmp/bundle/data.json" ] && [ "$(tr -d ' \n' <"$tmp/bundle/data.json")" != "{}" ]; then
  echo "build-policy: the bundle carries data.json, which the wasm SDK would never load" >&2
  exit 1
fi
cp "$tmp/bundle/policy.wasm" "$out/policy.wasm"
version=$("$opa" version | sed -n 's/^Version: //p')
"$opa" inspect -a -f json policies/acs | node dist/scripts/make-catalog.js "$version" "$out/policy.wasm" >"$tmp/catalog.json"
mv "$tmp/catalog.json" "$out/catalog.json"
cp "$tmp/policy-input.schema.json" "$input_schema"
echo "build-policy: wrote $out/policy.wasm ($(wc -c <"$out/policy.wasm") bytes), $out/catalog.json and $input_schema"
