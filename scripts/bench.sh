#!/usr/bin/env bash
# `make bench`: every script in bench/ prints its figures (PostgreSQL when it answers), then bench/report.py writes
# them all into bench/results.md with the machine they ran on. BENCH_QUICK=1: smaller sizes and a shorter load run,
# for development (results.md says so). BENCH_ONLY="load checks" runs only those scripts.
set -uo pipefail
cd "$(dirname "$0")/.."
export TEST_POSTGRES_URL=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/glocal-bench-XXXXXX")
trap 'rm -rf "$run_dir"' EXIT
.venv/bin/python bench/report.py --machine >"$run_dir/machine.json"

# Sizes in the quick mode (the scripts' own defaults otherwise).
declare -A quick_size=([changelist]=10000 [checks]=10000 [export]=4 [matching]=10000 [scheduling]=10000)
status=0
for script in bench/*.py; do
  name=$(basename "$script" .py)
  case "$name" in database|figures|locustfile|report) continue ;; esac  # shared set-up and the load bench's people
  if [ -n "${BENCH_ONLY:-}" ] && [[ " $BENCH_ONLY " != *" $name "* ]]; then continue; fi
  args=()
  if [ -n "${BENCH_QUICK:-}" ] && [ "${BENCH_QUICK}" != 0 ] && [ -n "${quick_size[$name]:-}" ]; then args=("${quick_size[$name]}"); fi
  echo "== $script ${args[*]}"
  started=$(date +%s)
  BENCH_FIGURES="$run_dir/$name.jsonl" .venv/bin/python "$script" "${args[@]}" 2>&1 | grep -v -E '^Task [a-z_.]+\[[0-9a-f-]+\] succeeded in |^No hostname was supplied' | tee "$run_dir/$name.out"
  code=${PIPESTATUS[0]}
  echo "$code $(( $(date +%s) - started ))" >"$run_dir/$name.status"
  [ "$code" = 0 ] || status=1
done
.venv/bin/python bench/report.py "$run_dir" bench/results.md || status=1
echo "Wrote bench/results.md"
exit $status
