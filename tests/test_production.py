"""Production as a team runs it: the deploy check, refusals at start, `make serve` (gunicorn, whitenoise,
Celery workers and beat), the Content-Security-Policy on every admin page, and login throttling."""
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import translation

from localization import export
from tests.conftest import POSTGRES_URL, REDIS_URL

ROOT = Path(__file__).resolve().parents[1]

# What a production host sets (README "Production"); the HTTPS settings are left to their defaults.
PRODUCTION_ENVIRONMENT = {
    "DATABASE_URL": "postgres://glocal@db.internal:5432/glocal",
    "CELERY_BROKER_URL": "redis://redis.internal:6379/0",
    "DJANGO_SECRET_KEY": "k3Y-" + "x9Q_v2Lm7Rt0pW4sZ8aB1cD5eF6gH3jK0nP2qS7uV9wX4yZ6bN1mM8",
    "DJANGO_DEBUG": "false",
    "ALLOWED_HOSTS": "glocal.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://glocal.example.com",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
    "SITE_URL": "https://glocal.example.com",
}


def production_process_environment(**changes):
    """The environment of a process started outside the test suite (no PYTEST_VERSION: production's rules hold)."""
    environment = {key: value for key, value in os.environ.items()
                   if key != "PYTEST_VERSION" and not key.startswith(("SECURE_", "SESSION_", "CSRF_", "DJANGO_", "AXES_"))}
    environment.update(PRODUCTION_ENVIRONMENT)
    environment.update(changes)
    return environment


def manage(*arguments, **changes):
    return subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=production_process_environment(**changes),
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_the_production_variables():
    checked = manage("check", "--deploy", "--fail-level", "WARNING")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "System check identified no issues" in checked.stdout


def test_check_deploy_fails_when_an_https_setting_is_turned_off():
    """The same check is not clean by accident: without HSTS it names the warning and exits 1."""
    checked = manage("check", "--deploy", "--fail-level", "WARNING", SECURE_HSTS_SECONDS="0")
    assert checked.returncode == 1
    assert "security.W004" in checked.stdout + checked.stderr


@pytest.mark.parametrize("key", ["change-me", "short-but-not-empty", "ab" * 40, "django-insecure-" + "q7" * 30])
def test_a_weak_secret_key_refuses_to_start(key):
    started = manage("check", DJANGO_SECRET_KEY=key)
    assert started.returncode != 0
    assert "Glocal refuses to start on a server database: DJANGO_SECRET_KEY is weak" in started.stderr
    assert "secrets.token_urlsafe(50)" in started.stderr  # says how to make a good one


def test_a_missing_secret_key_refuses_to_start():
    started = manage("check", DJANGO_SECRET_KEY="")
    assert started.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in started.stderr


def test_debug_refuses_to_start_outside_the_embedded_default():
    started = manage("check", DJANGO_DEBUG="true")
    assert started.returncode != 0
    assert "DJANGO_DEBUG is on" in started.stderr and "set DJANGO_DEBUG=false" in started.stderr


def test_the_web_process_refuses_too():
    """gunicorn loads glocal.wsgi, which reads the same settings: a weak key stops it before it serves."""
    started = subprocess.run([sys.executable, "-c", "import glocal.wsgi"], cwd=ROOT, capture_output=True, text=True,
                             env=production_process_environment(DJANGO_SECRET_KEY="change-me"), timeout=60)
    assert started.returncode != 0 and "DJANGO_SECRET_KEY is weak" in started.stderr


def test_the_embedded_default_still_starts_with_debug_and_its_own_key(tmp_path):
    started = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, capture_output=True, text=True, timeout=60,
                             env={**production_process_environment(DJANGO_SECRET_KEY=""), "DJANGO_DEBUG": "true",
                                  "DATABASE_URL": f"sqlite:///{tmp_path / 'glocal.sqlite3'}"})
    assert started.returncode == 0, started.stderr


# The Content-Security-Policy ------------------------------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:ld\+)?json\")[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.IGNORECASE)


def admin_pages(variant):
    """Every admin page a superuser opens: the board, the month view, each model's list, add and change pages."""
    urls = [reverse("admin:index"), reverse("admin:calendars_occurrence_month"), reverse("admin:password_change")]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk]))
    urls.append(reverse("admin:localization_copyvariant_change", args=[variant.pk]))
    return urls


def test_every_admin_page_carries_the_policy_and_no_inline_script(client, people, br_variant):
    client.force_login(people["admin"])
    policy = None
    for url in admin_pages(br_variant):
        response = client.get(url)
        assert response.status_code in (200, 403), (url, response.status_code)
        header = response.headers.get("Content-Security-Policy", "")
        policy = policy or header
        assert header == policy, url  # one policy, site-wide
        page = response.content.decode()
        assert not INLINE_SCRIPT.search(page), (url, INLINE_SCRIPT.search(page))
        assert not EVENT_HANDLER.search(page), (url, EVENT_HANDLER.search(page))
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in directives["script-src"] + directives["default-src"] + directives["style-src"]


def test_the_login_page_and_the_calendar_feeds_carry_it_too(client, markets):
    for url in (reverse("admin:login"), "/calendars/BR.ics"):
        response = client.get(url)
        assert "script-src 'self'" in response.headers["Content-Security-Policy"], url


def test_the_preview_keeps_its_own_stricter_policy(client, people, br_variant):
    client.force_login(people["admin"])
    response = client.get(reverse("admin:localization_copyvariant_landing_preview", args=[br_variant.pk]))
    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"] == export.preview_policy(br_variant)
    assert "default-src 'none'" in response.headers["Content-Security-Policy"] and "sandbox" in response.headers["Content-Security-Policy"]
    assert "script-src 'self'" not in response.headers["Content-Security-Policy"]


# Login throttling ------------------------------------------------------------------------------------

LOCKED_SINGULAR = ("Too many failed logins for this account from your address (%(failure_limit)s in a row). "
                   "Logging in is locked for %(minutes)s minute.")
LOCKED_PLURAL = ("Too many failed logins for this account from your address (%(failure_limit)s in a row). "
                 "Logging in is locked for %(minutes)s minutes.")


@pytest.fixture
def throttled(settings):
    """django-axes on, as in production (the suite runs with it off: client.login gives it no request)."""
    settings.AXES_ENABLED = True


def log_in(client, username, password, address="203.0.113.7"):
    return client.post(reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"},
                       REMOTE_ADDR=address)


def test_the_sixth_wrong_password_locks_the_account_out(client, people, throttled):
    for attempt in range(5):
        refused = log_in(client, "ana", "wrong")
        assert refused.status_code == 200, attempt
        assert "Please enter the correct username and password" in refused.content.decode()
    locked = log_in(client, "ana", "wrong")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Too many failed logins for this account from your address (6 in a row). Logging in is locked for 60 minutes." in page
    assert "script-src 'self'" in locked.headers["Content-Security-Policy"]
    assert log_in(client, "ana", "pw").status_code == 429  # the right password does not open it now
    # Per user and address: the same person from another address, and another person from this one, log in.
    assert log_in(client, "ana", "pw", address="198.51.100.4").status_code == 302
    assert log_in(client.__class__(), "bruno", "pw").status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(client, people, throttled):
    for _ in range(5):
        log_in(client, "ana", "wrong")
    assert log_in(client, "ana", "pw").status_code == 302
    client.logout()
    for _ in range(5):
        assert log_in(client, "ana", "wrong").status_code == 200


def test_the_lockout_message_is_translated(client, people, throttled):
    with translation.override("zh-hans"):
        chinese = translation.ngettext(LOCKED_SINGULAR, LOCKED_PLURAL, 60) % {"failure_limit": 6, "minutes": 60}
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    for _ in range(6):
        locked = log_in(client, "ana", "wrong")
    assert locked.status_code == 429
    assert 'lang="zh-hans"' in locked.content.decode()
    assert chinese.startswith("此账号从您的地址登录失败次数过多")
    assert chinese in locked.content.decode()


def test_an_administrator_lifts_the_lockout_in_the_admin(client, people, throttled):
    from axes.models import AccessAttempt

    for _ in range(6):
        log_in(client, "ana", "wrong")
    assert log_in(client, "ana", "pw").status_code == 429
    attempt = AccessAttempt.objects.get(username="ana")

    administrator = client.__class__()
    administrator.force_login(people["admin"])
    listed = administrator.get(reverse("admin:axes_accessattempt_changelist"))
    assert "ana" in listed.content.decode()
    deleted = administrator.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert deleted.status_code == 302
    assert log_in(client, "ana", "pw").status_code == 302


def test_an_administrator_lifts_the_lockout_with_a_command(client, people, throttled):
    for _ in range(6):
        log_in(client, "ana", "wrong")
    assert log_in(client, "ana", "pw").status_code == 429
    call_command("axes_reset_username", "ana")
    assert log_in(client, "ana", "pw").status_code == 302


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(rf, settings):
    from glocal.lockout import client_address

    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_address(request) == "10.0.0.2"  # no proxy trusted: the connection's own address
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "203.0.113.7"  # what the client wrote itself (6.6.6.6) is not believed


# `make serve` -----------------------------------------------------------------------------------------

def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url, **headers):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
        return response.status, dict(response.headers), response.read()


@pytest.fixture
def serve_database(django_db_setup, django_db_blocker):
    """A copy of the suite's migrated test database for the served processes, dropped afterwards."""
    import psycopg

    name = f"glocal_serve_{os.getpid()}"
    server_url = urlunparse(urlparse(POSTGRES_URL)._replace(path="/postgres"))
    with django_db_blocker.unblock():
        template = connection.settings_dict["NAME"]
        connection.close()  # a database with sessions cannot be copied
    with psycopg.connect(server_url, autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        try:
            server.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        except psycopg.errors.ObjectInUse:
            server.execute(f'CREATE DATABASE "{name}"')  # serve.sh migrates it from nothing
    yield urlunparse(urlparse(POSTGRES_URL)._replace(path=f"/{name}"))
    with psycopg.connect(server_url, autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
@pytest.mark.redis
def test_make_serve_answers_on_gunicorn_with_whitenoise_workers_and_beat(serve_database, tmp_path):
    port = free_port()
    environment = production_process_environment(
        PORT=str(port), DATABASE_URL=serve_database, CELERY_BROKER_URL=REDIS_URL, CELERY_QUEUE=f"glocal-serve-{os.getpid()}",
        STATIC_ROOT=str(tmp_path / "static"), CELERY_BEAT_SCHEDULE_FILENAME=str(tmp_path / "celerybeat-schedule"),
        CELERY_WORKER_CONCURRENCY="1", WORKERS="2", ALLOWED_HOSTS="127.0.0.1",
    )
    log = tmp_path / "serve.log"
    with open(log, "w") as output:
        served = subprocess.Popen(["bash", "scripts/serve.sh"], cwd=ROOT, env=environment, stdout=output,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    try:
        address = f"http://127.0.0.1:{port}/admin/"
        ready = ("Glocal admin: " + address, "worker-", "ready.", "beat: Starting")
        for _ in range(240):  # migrate, collectstatic, then the three kinds of process
            text = log.read_text()
            if all(part in text for part in ready) and text.count(" ready.") >= 2:
                break
            assert served.poll() is None, text[-3000:]
            time.sleep(0.5)
        text = log.read_text()
        assert "Operations to perform" in text.split("Glocal admin:")[0]  # migrated before it said the address
        assert text.count(" ready.") >= 2, text[-3000:]  # two Celery workers
        assert "beat: Starting" in text

        for _ in range(60):
            try:
                status, headers, body = fetch(address + "login/")
                break
            except OSError:
                time.sleep(0.5)
        assert status == 200
        assert headers["Server"].startswith("gunicorn")
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        stylesheet = re.search(r'href="(/static/admin/css/base\.[0-9a-f]{12}\.css)"', body.decode())
        assert stylesheet, "the page names the hashed stylesheet"
        status, headers, css = fetch(f"http://127.0.0.1:{port}{stylesheet[1]}", **{"Accept-Encoding": "gzip"})
        assert status == 200
        assert "max-age=315360000" in headers["Cache-Control"] and "immutable" in headers["Cache-Control"]
        assert headers.get("Content-Encoding") == "gzip"
    finally:
        os.killpg(served.pid, signal.SIGTERM)
        try:
            served.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(served.pid, signal.SIGKILL)
            served.wait()


# In the browser ----------------------------------------------------------------------------------------

@pytest.fixture
def watched_browser():
    """Debian's Chromium keeping its console, where it reports what the policy refused."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1100"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_board_the_live_checks_and_the_menus_work_under_the_policy(watched_browser, live_server, br_variant, people):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import Select
    from selenium.webdriver.support.wait import WebDriverWait

    from tests.browser.conftest import log_in as log_in_browser

    browser = watched_browser
    log_in_browser(browser, live_server, "root")
    browser.find_element(By.ID, "glocal-timeline-title")  # the board
    browser.get(f"{live_server.url}{reverse('admin:localization_copyvariant_change', args=[br_variant.pk])}")
    browser.find_element(By.ID, "id_seo_title").send_keys("Presentes de Dia dos Namorados para quem você ama, entregues a tempo")
    findings = browser.find_element(By.CSS_SELECTOR, "#checks-panel ul.glocal-findings")
    WebDriverWait(browser, 10).until(lambda _driver: "Longer than the field allows" in findings.text)  # copy_checks.js asked
    browser.get(f"{live_server.url}{reverse('admin:calendars_occurrence_month')}?market=BR&month=2027-02")
    menu = browser.find_element(By.ID, "glocal-language")
    Select(menu).select_by_value("zh-hans")  # submit_on_change.js sends the form
    WebDriverWait(browser, 15).until(expected_conditions.staleness_of(menu))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-hans"
    refused = [entry["message"] for entry in browser.get_log("browser") if "Content Security Policy" in entry["message"]]
    assert refused == []
