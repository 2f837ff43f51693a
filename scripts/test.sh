#!/usr/bin/env bash
# The whole test suite: TypeScript build, Rego format/check/build freshness, Rego unit tests with a
# coverage floor, then the TypeScript tests against the real compiled policy. Ends with one
# "tests: N passed, N failed" line.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
tmp=$(mktemp -d)
[ -t 1 ] || export NO_COLOR=1   # plain test output in logs
trap 'rm -rf "$tmp"' EXIT
COVERAGE_FLOOR=90

echo "== policy: fmt, check --strict, build, compare with the committed build"
bash scripts/check-policy-fresh.sh

echo "== policy: opa test"
bash scripts/opa.sh test policies | tee "$tmp/opa.out"
rego_passed=$(sed -n 's/^PASS: \([0-9]*\)\/\([0-9]*\)$/\1/p' "$tmp/opa.out")
rego_total=$(sed -n 's/^PASS: \([0-9]*\)\/\([0-9]*\)$/\2/p' "$tmp/opa.out")
bash scripts/opa.sh test --coverage policies >"$tmp/coverage.json"
node -e '
  const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const floor = Number(process.argv[2]);
  console.log(`Rego coverage: ${c.coverage.toFixed(1)}% (floor ${floor}%)`);
  if (c.coverage < floor) process.exit(1);
' "$tmp/coverage.json" "$COVERAGE_FLOOR"

echo "== typescript: prettier (code), eslint"
npx prettier --check --log-level warn "**/*.{ts,js,mjs}"
npx eslint --max-warnings 0 .

echo "== typescript: uvu"
npx tsc -p tsconfig.json
node scripts/bundle-cli.mjs            # what bin/acs-baseline.js runs
npx tsc -p playground/tsconfig.json   # the page and the browser entry, with DOM types and no Node types
set +e
node node_modules/uvu/bin.js dist/test '\.test\.js$' | tee "$tmp/uvu.out"
uvu_status=${PIPESTATUS[0]}
set -e
plain=$(sed 's/\x1b\[[0-9;]*m//g' "$tmp/uvu.out")
ts_total=$(echo "$plain" | sed -n 's/^ *Total: *\([0-9]*\).*/\1/p')
ts_passed=$(echo "$plain" | sed -n 's/^ *Passed: *\([0-9]*\).*/\1/p')

passed=$(( ${rego_passed:-0} + ${ts_passed:-0} ))
failed=$(( ${rego_total:-0} - ${rego_passed:-0} + ${ts_total:-0} - ${ts_passed:-0} ))
echo "tests: $passed passed, $failed failed"
[ "$uvu_status" = 0 ] && [ "$failed" = 0 ]
