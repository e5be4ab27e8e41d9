#!/usr/bin/env bash
# `npm test`: every check of the product, in the order a failure is cheapest to find.
# Each step's output goes to the console and to a log; the closing line sums every runner's counts.
set -uo pipefail
cd "$(dirname "$0")/.."
logs=$(mktemp -d)
status=0
passed=0
failed=0

step() {
  local name=$1; shift
  echo
  echo "=== $name"
  "$@" 2>&1 | tee "$logs/$name.log"
  local rc=${PIPESTATUS[0]}
  if [ "$rc" -ne 0 ]; then echo "=== $name FAILED (exit $rc)"; status=1; fi
  # node's test runner: "# pass N" / "# fail N"; the browser runner: "N passed, N failed"
  local p f
  p=$(grep -E '^# pass [0-9]+' "$logs/$name.log" | awk '{s+=$3} END {print s+0}')
  f=$(grep -E '^# fail [0-9]+' "$logs/$name.log" | awk '{s+=$3} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
  if grep -qE '^[0-9]+ passed, [0-9]+ failed' "$logs/$name.log"; then
    p=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$logs/$name.log" | tail -1 | awk '{print $1}')
    f=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$logs/$name.log" | tail -1 | awk '{print $3}')
    passed=$((passed + p)); failed=$((failed + f))
  fi
}

step typecheck npx tsc --noEmit -p tsconfig.json
step architecture bash -c 'node --import tsx --test test/architecture/*.test.ts'
step shared bash -c 'node --import tsx --test test/shared/*.test.ts'
step server bash test/run-server.sh
step malls bash -c 'shopt -s globstar nullglob; files=(test/malls/**/*.test.ts); node --import tsx --test --test-concurrency=1 "${files[@]}"'
step build npm run build
step cluster bash -c 'node --import tsx --test --test-concurrency=1 test/cluster/*.test.ts'
step bundle-size node --import tsx test/check-bundle-size.ts
step browser npx web-test-runner --config web-test-runner.config.mjs
step e2e bash -c 'shopt -s globstar nullglob; files=(test/e2e/**/*.test.ts); node --import tsx --test --test-concurrency=1 "${files[@]}"'

rm -rf "$logs"
echo
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit $status
