#!/usr/bin/env bash
# Fails when the committed generated/policy.wasm or generated/catalog.json differ, byte for byte,
# from what the pinned OPA builds from the Rego sources now. (OPA v1.22.3 builds byte-identical
# modules from identical sources, so no normalisation is needed.)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash scripts/build-policy.sh "$tmp" >/dev/null
stale=0
for f in policy.wasm catalog.json; do
  if ! cmp -s "$tmp/$f" "generated/$f"; then
    echo "check-policy: generated/$f is stale: run 'npm run build:policy' and commit it" >&2
    stale=1
  fi
done
[ "$stale" = 0 ] && echo "check-policy: generated/policy.wasm and generated/catalog.json match the Rego sources"
exit "$stale"
