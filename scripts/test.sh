#!/usr/bin/env bash
# `make test`: the whole suite. Runs on the real PostgreSQL when TEST_POSTGRES_URL answers (the
# database the app runs on in production), else on SQLite with the PostgreSQL tests skipped.
# Under CI=true a missing service fails the run instead (tests/conftest.py).
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export TEST_POSTGRES_URL=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
export TEST_REDIS_URL=${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-glocal-tests-only}

bash scripts/ensure-chromium.sh || echo "note: Chromium is not installed; the browser tests will skip (or fail under CI)."
bash scripts/ensure-validators.sh || echo "note: Java, Node.js or the npm checkers are missing; the landing-page validity tests will skip (or fail under CI)."

if $PY - <<'PYCODE' 2>/dev/null; then
import os, sys, psycopg
try:
    psycopg.connect(os.environ["TEST_POSTGRES_URL"], connect_timeout=3).close()
except Exception as error:
    sys.exit(1)
PYCODE
  # A database name of this run's own, so two runs on one machine never share a test database.
  base=${TEST_POSTGRES_URL%/*}
  export DATABASE_URL="$base/glocal_run_$$"
  echo "Tests run on PostgreSQL: ${base}/test_glocal_run_$$"
else
  unset DATABASE_URL
  echo "PostgreSQL at $TEST_POSTGRES_URL does not answer: tests run on SQLite; PostgreSQL-only tests skip."
fi
.venv/bin/ruff check --quiet --select F --exclude .venv . || exit 1  # undefined names, unused imports
.venv/bin/lint-imports --no-cache --config .importlinter || exit 1  # the layer order (README, Architecture)
$PY -m pytest --durations=15 "$@"  # the slowest tests named, to keep the suite well under 15 minutes
