#!/usr/bin/env bash
# Runs the pinned OPA with the given arguments. Uses `opa` from PATH when it is exactly the pinned
# version; otherwise builds that version once with `go install` into the git-ignored .tools/bin.
# Every npm script that needs OPA goes through this file, so a fresh machine and CI use the same OPA.
set -euo pipefail

OPA_VERSION=1.22.3
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
local_bin="$root/.tools/bin/opa"

version_of() { "$1" version 2>/dev/null | sed -n 's/^Version: //p'; }

find_opa() {
  if command -v opa >/dev/null 2>&1 && [ "$(version_of opa)" = "$OPA_VERSION" ]; then
    command -v opa
  elif [ -x "$local_bin" ] && [ "$(version_of "$local_bin")" = "$OPA_VERSION" ]; then
    echo "$local_bin"
  elif ! command -v go >/dev/null 2>&1; then
    echo "opa.sh: OPA $OPA_VERSION is not on PATH and Go is not installed to build it with 'go install github.com/open-policy-agent/opa@v$OPA_VERSION'" >&2
    return 1
  else
    echo "opa.sh: building OPA $OPA_VERSION into .tools/bin (once)..." >&2
    if ! GOBIN="$root/.tools/bin" GOFLAGS=-mod=mod go install "github.com/open-policy-agent/opa@v$OPA_VERSION" >&2; then
      echo "opa.sh: 'go install github.com/open-policy-agent/opa@v$OPA_VERSION' failed (see above)" >&2
      return 1
    fi
    echo "$local_bin"
  fi
}

opa=$(find_opa)
if [ "${1:-}" = "--path" ]; then echo "$opa"; exit 0; fi
exec "$opa" "$@"
