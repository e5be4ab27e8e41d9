#!/usr/bin/env bash
# The server suite, once on SQLite and once on PostgreSQL (when it answers at GOQ_TEST_PG_URL).
# With GOQ_REQUIRE_PG=1 (set by .ci/run under CI) an unreachable PostgreSQL is a failure, not a skip.
set -uo pipefail
cd "$(dirname "$0")/.."

export GOQ_TEST_PG_URL="${GOQ_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
mapfile -t files < <(find test/server -name '*.test.ts' -not -path '*/support/*' | sort)
if [ "${#files[@]}" -eq 0 ]; then echo "no server tests found" >&2; exit 1; fi

status=0
run_suite() {
  local db="$1"
  echo "== server tests on ${db} (${#files[@]} files)"
  local log
  log="$(mktemp)"
  GOQ_TEST_DB="$db" node --import tsx --test --test-reporter=spec "${files[@]}" >"$log" 2>&1
  local rc=$?
  # failures in full, then node's summary lines
  if [ $rc -ne 0 ]; then grep -v '^ℹ' "$log" | sed -n '/failing tests:/,$p' | head -200; fi
  grep -E '^ℹ (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ' "$log" | sed "s/^ℹ /# /"
  rm -f "$log"
  [ $rc -eq 0 ] || status=1
}

pg_answers() {
  node -e '
    const pg = require("pg");
    const c = new pg.Client({ connectionString: process.env.GOQ_TEST_PG_URL, connectionTimeoutMillis: 3000 });
    c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));
  ' 2>/dev/null
}

run_suite sqlite

if pg_answers; then
  run_suite postgres
elif [ "${GOQ_REQUIRE_PG:-}" = "1" ]; then
  echo "PostgreSQL does not answer at ${GOQ_TEST_PG_URL}, and GOQ_REQUIRE_PG=1: failing" >&2
  status=1
else
  echo "NOTICE: PostgreSQL does not answer at ${GOQ_TEST_PG_URL}: the PostgreSQL half of the server suite is SKIPPED"
fi

exit $status
