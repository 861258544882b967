#!/usr/bin/env bash
# `make serve`: the production processes of the Procfile (gunicorn with whitenoise, Celery workers, one beat),
# run by honcho on this machine against its PostgreSQL and Redis. Migrates and collects the static files
# first, then prints the address. Ctrl-C stops all of it. Every variable below may be set beforehand
# (README "Production"); WORKERS=3 runs three Celery workers.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export PATH="$PWD/.venv/bin:$PATH"  # the Procfile names gunicorn and celery
export PORT=${PORT:-8000}
export WEB_HOST=${WEB_HOST:-127.0.0.1}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/glocal}
export CELERY_BROKER_URL=${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0}
# This machine answers plain HTTP on 127.0.0.1: no redirect to HTTPS, no HSTS, cookies sent without TLS.
# Behind a real TLS proxy leave these unset (they default to on).
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-false}
export SECURE_HSTS_SECONDS=${SECURE_HSTS_SECONDS:-0}
export SESSION_COOKIE_SECURE=${SESSION_COOKIE_SECURE:-false}
export CSRF_COOKIE_SECURE=${CSRF_COOKIE_SECURE:-false}
mkdir -p var
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
  # A key of this machine's own, made once and kept in var/ (never in the repository).
  [ -s var/secret-key ] || (umask 077 && $PY -c 'import secrets; print(secrets.token_urlsafe(50))' >var/secret-key)
  DJANGO_SECRET_KEY=$(cat var/secret-key)
  export DJANGO_SECRET_KEY
fi

# The database itself, when the server answers but does not have it yet.
$PY - <<'PYCODE'
import os, sys
from urllib.parse import urlparse, urlunparse
import psycopg
from psycopg import sql
url = urlparse(os.environ["DATABASE_URL"])
if url.scheme.startswith("postgres"):
    name = url.path.lstrip("/")
    try:
        with psycopg.connect(urlunparse(url._replace(path="/postgres")), autocommit=True, connect_timeout=5) as server:
            if not server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"Created the database {name}.")
    except psycopg.OperationalError as error:
        sys.exit(f"PostgreSQL does not answer at {os.environ['DATABASE_URL']}: {error}")
PYCODE

$PY manage.py migrate --noinput
$PY manage.py collectstatic --noinput -v0
echo
echo "Glocal admin: http://$WEB_HOST:$PORT/admin/  (gunicorn; ${WORKERS:-1} Celery worker(s) and one beat on $CELERY_BROKER_URL)"
echo
# honcho gives each process its own PORT counting from -p: the web process gets $PORT.
exec .venv/bin/honcho start --procfile Procfile --env /dev/null --port "$PORT" --concurrency "worker=${WORKERS:-1}" "$@"
