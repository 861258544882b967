"""A fresh database for a benchmark: PostgreSQL when TEST_POSTGRES_URL answers, else a SQLite file.

Import it first: it points Django at that database and sets Django up.
"""
import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def fresh_database_url(name):
    import psycopg

    url = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    try:
        with psycopg.connect(url, connect_timeout=3, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name}")
            admin.execute(f"CREATE DATABASE {name}")
        return url.rsplit("/", 1)[0] + f"/{name}"
    except psycopg.Error:
        path = ROOT / "var" / f"{name}.sqlite3"
        path.parent.mkdir(exist_ok=True)
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"


def setup(name):
    os.environ["DATABASE_URL"] = fresh_database_url(name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glocal.settings")
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"
    # A server database is production to the settings: a strong key, and plain HTTP on this machine as `make serve`
    # has it (no HTTPS redirect, cookies without TLS); static files collected as production serves them.
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    for name, value in {"SECURE_SSL_REDIRECT": "false", "SECURE_HSTS_SECONDS": "0", "SESSION_COOKIE_SECURE": "false",
                        "CSRF_COOKIE_SECURE": "false", "DJANGO_DEBUG": "false", "STATIC_ROOT": str(ROOT / "var" / "bench-static")}.items():
        os.environ.setdefault(name, value)
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
