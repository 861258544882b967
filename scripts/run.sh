#!/usr/bin/env bash
# `make run`: the app on the embedded default (SQLite, a file-based Celery transport), with
# demo data, a Celery worker and beat beside the web server. Ctrl-C stops all of it.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT=${PORT:-8000}
export DATABASE_URL="sqlite:///$PWD/var/glocal.sqlite3"
export CELERY_BROKER_URL="filesystem://"
export DJANGO_DEBUG=true
mkdir -p var/celery/out var/celery/processed var/mail

$PY manage.py migrate --noinput
$PY manage.py seed_demo

# The pidfile keeps a second `make run` in this folder from starting a second beat.
.venv/bin/celery -A glocal worker --beat --concurrency 1 --loglevel INFO --pidfile var/celery-worker.pid >var/celery.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null; wait $worker 2>/dev/null' EXIT INT TERM
echo "Celery worker and beat: pid $worker, log in var/celery.log"
echo
echo "Glocal admin: http://127.0.0.1:$PORT/admin/  (log in with a demo login above)"
echo
$PY manage.py runserver "127.0.0.1:$PORT"
