#!/usr/bin/env bash
# `make bench`: every script in bench/ prints its figures. Uses PostgreSQL when it answers.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
for script in bench/*.py; do
  [ "$script" = bench/database.py ] && continue  # shared set-up, not a benchmark
  echo "== $script"
  .venv/bin/python "$script" || status=1
done
exit $status
