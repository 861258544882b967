"""Glocal settings, driven by environment variables (see .env.example).

The defaults are the embedded setup of `make run`: SQLite and a Celery transport that keeps
its messages in files, so nothing but Python is needed. Production sets DATABASE_URL
(PostgreSQL) and CELERY_BROKER_URL (Redis), and is held to its HTTPS settings, a strong key
and DEBUG off (README "Production").
"""
import os
from datetime import timedelta
from pathlib import Path

import environ
import jinja2
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
env.read_env(BASE_DIR / ".env")  # optional; real environment variables win

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "modeltranslation",  # before django.contrib.admin, as modeltranslation requires
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "calendars",
    "localization",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files, straight after the HTTPS redirect
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a locked-out login into its page
]

ROOT_URLCONF = "glocal.urls"
WSGI_APPLICATION = "glocal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # The landing pages (templates/landing/, Jinja2): compiled to Python, several times faster
        # than Django's engine for a bundle of a thousand pages. Escaping stays on, and a name the
        # page's context lacks is an error, not an empty string on a page that ships.
        "NAME": "landing",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "landing"],
        "APP_DIRS": False,
        "OPTIONS": {"autoescape": True, "undefined": jinja2.StrictUndefined, "keep_trailing_newline": True},
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'glocal.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web, worker, beat) share the file: wait for a lock instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", 20)
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The embedded default: demo logins get passwords only here, never on a server database.
EMBEDDED = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"

# The test suite: pytest sets PYTEST_VERSION for its run, and the processes a test starts inherit it. It runs
# on PostgreSQL too, with a throwaway key and without collectstatic, so production's refusals and hashed static
# names are not for it (tests/test_production.py starts processes without it to see them).
TESTING = "PYTEST_VERSION" in os.environ
# Production: a server database outside the test suite. Its HTTPS settings default to on.
PRODUCTION = not EMBEDDED and not TESTING

# Debugging and a known key only on the embedded default; a server database needs its own key.
DEBUG = env.bool("DJANGO_DEBUG", default=EMBEDDED)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="") or ("glocal-embedded-default-not-for-production" if EMBEDDED else "")


def _unsafe_to_start():
    """What keeps a production process from starting: DEBUG on, or a key missing, short or guessable
    (Django's own measure, as `check --deploy` reads it: at least 50 characters, 5 of them different)."""
    problems = []
    if not SECRET_KEY:
        problems.append("DJANGO_SECRET_KEY is not set")
    elif len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-"):
        problems.append("DJANGO_SECRET_KEY is weak (it needs at least 50 characters, 5 of them different)")
    if DEBUG:
        problems.append("DJANGO_DEBUG is on (it shows code and settings to anyone who hits an error); set DJANGO_DEBUG=false")
    return problems


if PRODUCTION and _unsafe_to_start():
    raise ImproperlyConfigured(
        "Glocal refuses to start on a server database: " + "; ".join(_unsafe_to_start()) + ". "
        "Make a key with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY: a server database needs a key of its own.")

# HTTPS (README "Production"). On by default in production; `make serve` turns them off for plain HTTP on
# this machine. Behind a proxy that ends TLS, SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https says
# which header carries the scheme (only when the proxy sets it on every request; a client can forge it).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=PRODUCTION)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=PRODUCTION)
SECURE_PROXY_SSL_HEADER = tuple(env.list("SECURE_PROXY_SSL_HEADER", default=[])) or None
if SECURE_PROXY_SSL_HEADER and len(SECURE_PROXY_SSL_HEADER) != 2:
    raise ImproperlyConfigured("SECURE_PROXY_SSL_HEADER is a header and its value, such as HTTP_X_FORWARDED_PROTO,https.")
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=PRODUCTION)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=PRODUCTION)

# One Content-Security-Policy for every page (django-csp): scripts, stylesheets, fonts and images from this
# site only, no inline script. Style attributes are allowed (style-src-attr), not <style> elements: the
# board's timeline and the month view place each bar with grid coordinates computed per row. The variant's
# landing preview keeps its own, stricter policy (localization/export/preview.py), which this one leaves be.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins in a row for one user from one
# address, that pair is locked out for AXES_COOLOFF_MINUTES; an administrator lifts it sooner (admin, Axes,
# Access attempts: delete; or `manage.py axes_reset_username NAME`). Off in the test suite, whose tests log in
# with client.login (no request, which axes refuses); tests/test_production.py turns it on.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_ENABLED = env.bool("AXES_ENABLED", default=not TESTING)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=6)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_MINUTES = env.int("AXES_COOLOFF_MINUTES", default=60)
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "glocal.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "glocal.lockout.client_address"
# How many proxies in front of gunicorn append the client's address to X-Forwarded-For (0: none, use the
# connection's own address). Only those entries are trusted; a client can write the rest.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The admin speaks English and Simplified Chinese.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# Reference data (market and occasion names, cultural notes) is kept in the languages of
# the markets, more than the admin UI speaks.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = (
    "en", "zh-hans", "pt", "es", "de", "fr", "it", "nl", "pl",
    "ar", "tr", "hi", "id", "th", "vi", "ms", "ja", "ko",
)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # whitenoise looks there from the first request
# Production serves static files through whitenoise (compressed, hashed names, cached for a year), from
# STATIC_ROOT as `collectstatic` fills it; the embedded default and the tests serve them as they are.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage" if PRODUCTION
                    else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Glocal <glocal@localhost>")

# Celery. The embedded default keeps messages in files under var/celery, so a worker and
# beat run without a broker server; production points CELERY_BROKER_URL at Redis.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    _celery_dir = VAR_DIR / "celery"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_celery_dir / "out"),
        "data_folder_out": str(_celery_dir / "out"),
        "processed_folder": str(_celery_dir / "processed"),
        "control_folder": str(_celery_dir / "control"),
        "store_processed": False,
    }
    for _folder in ("out", "processed", "control"):
        (_celery_dir / _folder).mkdir(parents=True, exist_ok=True)
else:
    # Tasks are acknowledged late (below): a task whose worker was killed stays on Redis unacknowledged, and Redis
    # hands it to another worker after this visibility timeout (Redis's own default is an hour). Ten minutes: twice
    # the reminder lease (GLOCAL_REMINDER_LEASE_SECONDS), so the redelivered send_reminders finds the dead sender's
    # batch let go, and longer than our tasks usually run; one that runs longer is handed out a second time while it
    # runs, which the sender's claims make harmless (two senders share the rest). Workers look every 10 s.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=600),
        "unacked_restore_interval": 10,
        "unacked_restore_throttle": 1,
    }
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="glocal")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# Acknowledged when done, not when taken: a worker killed mid-task leaves its task to another (a pool process
# that dies is rejected back to the queue at once; a whole worker killed, after the visibility timeout) rather than
# losing it. Such a task runs again: the reminder sender sends only what is still unsent (its claims).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_CONCURRENCY = env.int("CELERY_WORKER_CONCURRENCY", default=None)  # unset: one process per CPU
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = env("CELERY_BEAT_SCHEDULE_FILENAME", default=str(VAR_DIR / "celerybeat-schedule"))
CELERY_BEAT_SCHEDULE = {
    "date-the-coming-years": {"task": "calendars.tasks.materialize_upcoming_occurrences", "schedule": 24 * 60 * 60},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # django-axes says it has started at every command; its lockouts and failures (axes.handlers) still show.
    "loggers": {"axes.apps": {"level": "WARNING"}},
}

# Where landing-page bundles are served: each campaign's pages under <LANDING_BASE_URL>/<slug>/, the
# address of their canonical, hreflang and sitemap links. Unset, every export must be told where
# (the export form's "Served at", export_bundle --base-url); there is no example default.
LANDING_BASE_URL = env("LANDING_BASE_URL", default="")
# Beat sends the bundle exports the task queue did not take (it was down), and again those no worker moved
# for ten minutes (their tasks were lost); localization/export/jobs.py, sweep.
CELERY_BEAT_SCHEDULE["sweep-exports"] = {"task": "localization.tasks.sweep_exports", "schedule": 5 * 60}

# Scheduling and reminders (localization/scheduling/) --------------------------------------------
# Absolute links in e-mails point here; its host also names the reminders' Message-IDs.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Milestones in days before the occasion's start in each market (T); kickoff is the launch day,
# the campaign's lead days before T. A campaign may override any of these (Campaign.milestone_days).
GLOCAL_MILESTONE_DAYS = {"copy_due": 21, "review_due": 14, "export_due": 7, "go_live": 0}
# How long a sender holds a reminder it claimed before another may take it over (the first one
# died, or was paused). Renewed right before each e-mail, so it need only outlast one, a few
# exchanges with the mail server that EMAIL_TIMEOUT bounds each; a killed sender's batch waits
# this long. Keep it under half of CELERY_VISIBILITY_TIMEOUT.
GLOCAL_REMINDER_LEASE_SECONDS = env.int("GLOCAL_REMINDER_LEASE_SECONDS", default=300)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=60)
# Beat scans for what is due every hour (never ETA or countdown tasks: Redis hands those out
# again at each visibility timeout until they run). Each market's day is its own time zone's.
CELERY_BEAT_SCHEDULE.update({
    "schedule-campaigns": {"task": "localization.tasks.schedule_campaigns", "schedule": crontab(minute=0)},
    "send-reminders": {"task": "localization.tasks.send_reminders", "schedule": crontab(minute=5)},
})
