#!/usr/bin/env bash
# Fails when the committed generated/policy.wasm, generated/catalog.json or
# schemas/policy-input.schema.json differ, byte for byte, from what the pinned OPA builds from the
# Rego sources (and the policy input's TypeScript types) now. (OPA v1.22.3 builds byte-identical
# modules from identical sources, so no normalisation is needed.)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash scripts/build-policy.sh "$tmp" "$tmp/policy-input.schema.json" >/dev/null
stale=0
for f in generated/policy.wasm generated/catalog.json schemas/policy-input.schema.json; do
  if ! cmp -s "$tmp/$(basename "$f")" "$f"; then
    echo "check-policy: $f is stale: run 'npm run build:policy' and commit it" >&2
    stale=1
  fi
done
[ "$stale" = 0 ] && echo "check-policy: generated/policy.wasm, generated/catalog.json and schemas/policy-input.schema.json match their sources"
exit "$stale"
