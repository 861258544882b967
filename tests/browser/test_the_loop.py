"""The loop in a browser, on production's topology (issue 22, item 3): gunicorn, a Celery worker and beat, started
from the Procfile on a PostgreSQL database and a Redis of this module's own, under libfaketime's clock. Beat's hourly
schedule_campaigns opens each market 30 days before its occasion; then, in Debian's Chromium, a copywriter who sees
only their markets writes copy with a forbidden term, sees the finding, fixes it and submits; the reviewer requests
changes with a note; the copywriter revises; the reviewer approves; the manager exports, watches the progress and
downloads; the unzipped page shows the market's price and dates. Ramadan in Saudi Arabia first (January 2027, the
admin in Simplified Chinese, the page right to left), then Dia dos Namorados in Brazil (May 2027), so the fake
clock only moves forward. Screenshots of every step go to var/screenshots/loop/ (GLOCAL_SCREENSHOTS moves
var/screenshots/)."""
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
from django.db import connection
from django.utils import translation

from tests.browser.conftest import SCREENSHOTS, chromium
from tests.conftest import POSTGRES_URL, service_missing
from tests.test_production import ROOT, free_port, production_process_environment

# django_db: so pytest-django creates the suite's test database, which the loop's database is copied from.
pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db]

LIBFAKETIME = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")
SHOTS = SCREENSHOTS / "loop"
PASSWORD = "loop-Pw-7319"
# Seconds before 13:00 UTC the fake clock reads when the processes start: beat's hourly tick (minute 0) comes soon.
LEAD_SECONDS = 15

SETUP = """
from decimal import Decimal
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from calendars import occurrences
from calendars.loading import load_markets, load_occasions
from calendars.models import Market, Occasion
from localization import access, brands, campaigns, demo, glossary
from localization.export.labels import load_page_catalogue
from localization.models import MarketAssignment, Role

load_markets()
load_occasions()
occurrences.materialize([2027])
glossary.load_starter_glossary()  # rapariga (pt-BR) and سكسي (ar-SA) forbidden, each with its cultural reason
load_page_catalogue()
demo.seed_seller_details()
access.ensure_role_groups()
User = get_user_model()

def person(username, group, writes=(), reviews=()):
    user = User.objects.create_user(username=username, email=f"{username}@example.com", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    for code in writes:
        MarketAssignment.objects.create(user=user, market=Market.objects.get(code=code), role=Role.COPYWRITER)
    for code in reviews:
        MarketAssignment.objects.create(user=user, market=Market.objects.get(code=code), role=Role.REVIEWER)
    return user

manager = person("marta", access.MANAGERS)
person("paula", access.COPYWRITERS, writes=["BR"])
person("renato", access.REVIEWERS, reviews=["BR"])
person("layla", access.COPYWRITERS, writes=["SA"])
person("omar", access.REVIEWERS, reviews=["SA"])
brand = demo.seed_brand()

namorados = campaigns.create_campaign(
    user=manager, markets=Market.objects.filter(code__in=["BR", "MX"]), slug="namorados-2027", name="Namorados 2027",
    occasion=Occasion.objects.get(slug="valentines-day"), discount_percent=15, year=2027, brand=brand,
    headline="Love is in the details", body="Find the gift that says it best.",
    image_alt="A red gift box with a silver heart pendant on its ribbon",
)
namorados.campaign_markets.filter(market__code="BR").update(
    price=Decimal("199.90"), old_price=Decimal("239.90"), shop_url="https://shop.example/br/namorados",
    occasion=Occasion.objects.get(slug="dia-dos-namorados"),  # Brazil's day for couples is 12 June
)
namorados.campaign_markets.filter(market__code="MX").update(price=Decimal("899"), shop_url="https://shop.example/mx/valentines")
ramadan = campaigns.create_campaign(
    user=manager, markets=Market.objects.filter(code="SA"), slug="ramadan-2027", name="Ramadan 2027",
    occasion=Occasion.objects.get(slug="ramadan"), discount_percent=20, year=2027, brand=brand,
    headline="Gifts for the nights of Ramadan", body="Thoughtful gifts for family and friends, delivered before Iftar.",
    image_alt="A red gift box with a silver heart pendant on its ribbon",
)
ramadan.campaign_markets.filter(market__code="SA").update(price=Decimal("149"), shop_url="https://shop.example/sa/ramadan")
for campaign in (namorados, ramadan):  # the page's product image, described in each market's copy
    brands.add_product_image(campaign=campaign, name="gift-box.png", data=demo.demo_product_image())
print("loop setup done")
""".replace("PASSWORD", repr(PASSWORD))

# Each scenario: the campaign, its market, the people, the copy typed (with the forbidden term, fixed, revised).
SCENARIOS = {
    "sa": {
        "campaign": "Ramadan 2027", "slug": "ramadan-2027", "market": "SA", "locale": "ar-sa", "language": "zh-hans",
        "copywriter": "layla", "reviewer": "omar",
        "forbidden": "سكسي", "suggestion": "أنيقة",
        "headline": "هدايا رمضان لمن تحب",
        "image_alt": "علبة هدايا حمراء مع قلادة على شكل قلب فضي على الشريط",
        "body_with_term": "هدايا سكسي لليالي رمضان، تصل قبل الإفطار.",
        "body_fixed": "هدايا أنيقة لليالي رمضان، تصل قبل الإفطار.",
        "note": "اذكر العائلة في العنوان، فرمضان يجمعها.",
        "headline_revised": "هدايا رمضان للعائلة والأحباب",
    },
    "br": {
        "campaign": "Namorados 2027", "slug": "namorados-2027", "market": "BR", "locale": "pt-br", "language": "en",
        "copywriter": "paula", "reviewer": "renato",
        "forbidden": "rapariga", "suggestion": "moça",
        "headline": "O amor está nos detalhes",
        "image_alt": "Uma caixa de presente vermelha com um pingente de coração prateado na fita",
        "body_with_term": "Encontre o presente perfeito para a sua rapariga.",
        "body_fixed": "Encontre o presente perfeito para quem você ama.",
        "note": "Fale do Dia dos Namorados no título.",
        "headline_revised": "Dia dos Namorados: o amor está nos detalhes",
    },
}

ARABIC_MONTHS = "يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر"


def stop(process, grace=20):
    """Stop a process group we started: SIGTERM, then SIGKILL after the grace period."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass


def wait_until(what, check, deadline=60, every=0.3, logs=lambda: ""):
    end = time.monotonic() + deadline
    while True:
        result = check()
        if result:
            return result
        assert time.monotonic() < end, f"gave up after {deadline} s waiting until {what}\n{logs()}"
        time.sleep(every)


class Topology:
    """The database, the Redis and the processes of the Procfile (web, worker, beat) under a fake clock."""

    def __init__(self, database_url, folder):
        import psycopg

        self.database_url, self.folder = database_url, folder
        self.db = psycopg.connect(database_url, autocommit=True)
        self.redis_port, self.port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.redis = subprocess.Popen(
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=open(folder / "redis.log", "w"), stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.processes = []
        self.environment = production_process_environment(
            DATABASE_URL=database_url, CELERY_BROKER_URL=f"redis://127.0.0.1:{self.redis_port}/0", PORT=str(self.port),
            WEB_HOST="127.0.0.1", WEB_CONCURRENCY="2", CELERY_WORKER_CONCURRENCY="1", ALLOWED_HOSTS="127.0.0.1",
            CSRF_TRUSTED_ORIGINS=self.url, SITE_URL=self.url, SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0",
            SESSION_COOKIE_SECURE="false", CSRF_COOKIE_SECURE="false", SECURE_PROXY_SSL_HEADER="",
            STATIC_ROOT=str(folder / "static"), MEDIA_ROOT=str(folder / "media"), LANDING_BASE_URL="https://landing.example",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            PATH=f"{ROOT / '.venv' / 'bin'}:{os.environ.get('PATH', '')}",
        )
        self.environment.pop("SECURE_PROXY_SSL_HEADER")
        self.procfile = dict(line.split(": ", 1) for line in (ROOT / "Procfile").read_text().splitlines() if ": " in line)

    def manage(self, *arguments, **kwargs):
        done = subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=self.environment, capture_output=True,
                              text=True, timeout=180, **kwargs)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        return done.stdout

    def prepare(self):
        """Static files collected (whitenoise serves them from gunicorn) while the setup script fills the database."""
        static = subprocess.Popen([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT,
                                  env=self.environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert "loop setup done" in self.manage("shell", "-c", SETUP)
        output, _ = static.communicate(timeout=180)
        assert static.returncode == 0, output[-3000:]

    def start(self, fake_now, run):
        """web, worker and beat, each under libfaketime, its clock reading fake_now now (an offset: they agree)."""
        offset = round((fake_now - datetime.now(timezone.utc)).total_seconds())
        environment = {**self.environment, "LD_PRELOAD": str(LIBFAKETIME), "FAKETIME": f"{offset:+d}",
                       "CELERY_BEAT_SCHEDULE_FILENAME": str(self.folder / f"celerybeat-schedule-{run}")}
        for name in ("web", "worker", "beat"):
            log = open(self.folder / f"{name}-{run}.log", "w")
            self.processes.append(subprocess.Popen(["bash", "-c", f"exec {self.procfile[name]}"], cwd=ROOT, env=environment,
                                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True))

        def answers():
            for process in self.processes:
                assert process.poll() is None, self.logs()
            try:
                with urllib.request.urlopen(f"{self.url}/admin/login/", timeout=5) as response:
                    return response.status == 200
            except OSError:
                return False

        wait_until("gunicorn answers", answers, deadline=60)

    def stop_processes(self):
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            stop(process)
        self.processes = []

    def close(self):
        self.stop_processes()
        stop(self.redis)
        self.db.close()

    def logs(self):
        return "\n".join(f"== {path.name}\n{path.read_text()[-2500:]}" for path in sorted(self.folder.glob("*.log")))

    def one(self, query, *arguments):
        return self.db.execute(query, arguments).fetchone()

    def opened_on(self, slug, market):
        return self.one(
            "SELECT cm.opened_on FROM localization_campaignmarket cm JOIN localization_campaign c ON c.id = cm.campaign_id "
            "JOIN calendars_market m ON m.id = cm.market_id WHERE c.slug = %s AND m.code = %s", slug, market)[0]

    def variant(self, slug, market):
        return self.one(
            "SELECT v.id, v.state, v.headline, v.body FROM localization_copyvariant v JOIN localization_campaign c "
            "ON c.id = v.campaign_id JOIN calendars_market m ON m.id = v.market_id WHERE c.slug = %s AND m.code = %s",
            slug, market)

    def occurrence_starts_on(self, occasion, market, year):
        return self.one(
            "SELECT o.starts_on FROM calendars_occurrence o JOIN calendars_occasion s ON s.id = o.occasion_id "
            "JOIN calendars_market m ON m.id = o.market_id WHERE s.slug = %s AND m.code = %s AND o.year = %s "
            "ORDER BY o.nth LIMIT 1", occasion, market, year)[0]


@pytest.fixture(scope="module")
def loop_database(django_db_setup, django_db_blocker):
    """A copy of the suite's migrated test database (migrated from nothing when it cannot be copied), dropped after."""
    import psycopg

    name = f"glocal_loop_{os.getpid()}"
    server_url = urlunparse(urlparse(POSTGRES_URL)._replace(path="/postgres"))
    url = urlunparse(urlparse(POSTGRES_URL)._replace(path=f"/{name}"))
    with django_db_blocker.unblock():
        template = connection.settings_dict["NAME"]
        connection.close()  # a database with sessions cannot be copied
    with psycopg.connect(server_url, autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        try:
            server.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            migrated = True
        except psycopg.errors.ObjectInUse:
            server.execute(f'CREATE DATABASE "{name}"')
            migrated = False
    yield url, migrated
    with psycopg.connect(server_url, autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def topology(loop_database):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")  # the postgres marker says why, in the test's own setup
    if not LIBFAKETIME.exists():
        service_missing(f"Debian's faketime is not installed ({LIBFAKETIME} is missing): run scripts/ensure-chromium.sh as root")
    if not shutil.which("redis-server"):
        service_missing("redis-server is not installed: the loop runs a Redis of its own")
    url, migrated = loop_database
    folder = Path(tempfile.mkdtemp(prefix="glocal-loop-"))
    world = Topology(url, folder)
    try:
        if not migrated:
            world.manage("migrate", "--noinput", "-v0")
        world.prepare()
        yield world
    finally:
        world.close()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def browsers():
    """One Chromium per person at the desk: the copywriter's, the reviewer's, the manager's (their cookies apart)."""
    drivers = {}
    try:
        for desk in ("copywriter", "reviewer", "manager"):
            drivers[desk] = chromium()
        yield drivers
    finally:
        for driver in drivers.values():
            driver.quit()


def shot(driver, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def log_in(driver, base, username, language, by_menu=False):
    """Through the real login form, with no cookies left from before. The language by cookie before logging in,
    or with the language menu once in (as a person would; also where the admin remembers another language)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    from selenium.webdriver.support.wait import WebDriverWait

    driver.delete_all_cookies()
    driver.get(f"{base}/admin/login/")
    if language != "en" and not by_menu:
        driver.add_cookie({"name": "django_language", "value": language, "path": "/"})
        driver.get(f"{base}/admin/login/")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    driver.find_element(By.ID, "user-tools")  # the admin index has loaded
    if driver.find_element(By.TAG_NAME, "html").get_attribute("lang") != language:
        Select(driver.find_element(By.ID, "glocal-language")).select_by_value(language)  # submit_on_change.js sends it
        WebDriverWait(driver, 15).until(lambda _driver: _driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language)


def click_and_wait(driver, element):
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    element.click()
    WebDriverWait(driver, 20).until(expected_conditions.staleness_of(element))


def messages(driver):
    from selenium.webdriver.common.by import By

    return " ".join(item.text for item in driver.find_elements(By.CSS_SELECTOR, "ul.messagelist li"))


def words(language, *texts):
    """The admin's words in that language, as the catalogue the processes read has them."""
    with translation.override(language):
        return [str(translation.gettext(text)) for text in texts]


def assert_language(driver, language):
    from selenium.webdriver.common.by import By

    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language


def set_field(driver, name, text):
    from selenium.webdriver.common.by import By

    field = driver.find_element(By.ID, f"id_{name}")
    field.clear()
    field.send_keys(text)


def run_the_loop(world, browsers, key, fake_now):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    from selenium.webdriver.support.wait import WebDriverWait

    s = SCENARIOS[key]
    language = s["language"]
    chinese = language == "zh-hans"
    submit_label, approve_label, changes_label, download_label = words(
        language, "Save and submit for review", "Approve", "Request changes", "Download")
    if chinese:
        assert re.search(r"[\u4e00-\u9fff]", submit_label + approve_label + changes_label + download_label), "no Chinese catalogue"

    # Beat's tick at 13:00 UTC and a worker open the market, 30 days before its occasion there: not the test.
    assert world.opened_on(s["slug"], s["market"]) is None
    world.start(fake_now, key)
    opened = wait_until(f"beat and a worker open {s['market']}", lambda: world.opened_on(s["slug"], s["market"]), deadline=75,
                        logs=world.logs)
    assert opened == fake_now.date(), (opened, fake_now)

    # The copywriter logs in and sees only their market's copy.
    writer = browsers["copywriter"]
    log_in(writer, world.url, s["copywriter"], language, by_menu=True)
    writer.get(f"{world.url}/admin/localization/copyvariant/")
    assert_language(writer, language)
    shown = [cell.text for cell in writer.find_elements(By.CSS_SELECTOR, "#result_list td.field-market_code")]
    assert shown and set(shown) == {s["market"]}, shown
    shot(writer, f"{key}-01-copywriter-sees-only-{s['market']}")
    if key == "br":  # Mexico's copy of the same campaign exists, and is not theirs
        mexico = world.variant(s["slug"], "MX")[0]
        writer.get(f"{world.url}/admin/localization/copyvariant/{mexico}/change/")
        assert "does not exist, or it belongs to a market you do not work in" in writer.page_source
        writer.get(f"{world.url}/admin/localization/copyvariant/")
    row = writer.find_element(By.XPATH, f"//tr[td[contains(@class, 'field-market_code')][normalize-space()='{s['market']}']]"
                                       f"//a[normalize-space()='{s['campaign']}']")
    click_and_wait(writer, row)
    variant_url = writer.current_url.split("?")[0]
    variant_id = world.variant(s["slug"], s["market"])[0]
    assert variant_url.endswith(f"/copyvariant/{variant_id}/change/")

    # Copy with the forbidden term: the live check names it (and its cultural reason) before anything is saved.
    set_field(writer, "headline", s["headline"])
    set_field(writer, "image_alt", s["image_alt"])
    set_field(writer, "body", s["body_with_term"])
    findings = writer.find_element(By.CSS_SELECTOR, "#checks-panel ul.glocal-findings")
    WebDriverWait(writer, 15).until(lambda _driver: s["forbidden"] in findings.text)
    assert s["suggestion"] in findings.text
    writer.execute_script("arguments[0].scrollIntoView({block: 'center'})", findings)
    shot(writer, f"{key}-02-copywriter-sees-the-forbidden-term")
    set_field(writer, "body", s["body_fixed"])
    WebDriverWait(writer, 15).until(lambda _driver: s["forbidden"] not in findings.text)
    submit = writer.find_element(By.NAME, "_submit_for_review")
    assert submit.get_attribute("value") == submit_label
    click_and_wait(writer, submit)
    assert world.variant(s["slug"], s["market"])[1:] == ("in_review", s["headline"], s["body_fixed"])
    shot(writer, f"{key}-03-copywriter-submitted")

    # The reviewer requests changes with a note.
    reviewer = browsers["reviewer"]
    log_in(reviewer, world.url, s["reviewer"], language)
    reviewer.get(variant_url)
    assert_language(reviewer, language)
    reviewer.find_element(By.ID, "id_review_note").send_keys(s["note"])
    request_changes = reviewer.find_element(By.NAME, "_request_changes")
    assert request_changes.text == changes_label
    reviewer.execute_script("arguments[0].scrollIntoView({block: 'center'})", request_changes)
    shot(reviewer, f"{key}-04-reviewer-writes-a-note")
    click_and_wait(reviewer, request_changes)
    assert world.variant(s["slug"], s["market"])[1] == "changes_requested"

    # The copywriter sees the note, revises and submits again.
    writer.get(variant_url)
    note = writer.find_element(By.CSS_SELECTOR, "#change-request .glocal-change-request-note")
    assert note.text == s["note"]
    set_field(writer, "headline", s["headline_revised"])
    shot(writer, f"{key}-05-copywriter-sees-the-note-and-revises")
    click_and_wait(writer, writer.find_element(By.NAME, "_submit_for_review"))
    assert world.variant(s["slug"], s["market"])[1:3] == ("in_review", s["headline_revised"])

    # The reviewer approves (acknowledging any warning the page asks about).
    reviewer.get(variant_url)
    for box in reviewer.find_elements(By.CSS_SELECTOR, "input[name=acknowledge]"):
        box.click()
    approve = reviewer.find_element(By.NAME, "_approve")
    assert approve.text == approve_label and approve.is_enabled()
    click_and_wait(reviewer, approve)
    assert reviewer.find_elements(By.CSS_SELECTOR, "ul.messagelist li.success"), messages(reviewer)
    assert world.variant(s["slug"], s["market"])[1] == "approved"
    # The preview frame: the market's page in its direction.
    frame = reviewer.find_element(By.CSS_SELECTOR, ".glocal-landing-frame-desktop iframe")
    reviewer.execute_script("arguments[0].scrollIntoView({block: 'start'})", frame)
    reviewer.switch_to.frame(frame)
    direction = WebDriverWait(reviewer, 10).until(lambda driver: driver.find_element(By.TAG_NAME, "html").get_attribute("dir"))
    reviewer.switch_to.default_content()
    assert direction == ("rtl" if key == "sa" else "ltr")
    shot(reviewer, f"{key}-06-reviewer-approved-preview-{direction}")

    # The manager exports, watches the progress and downloads.
    manager = browsers["manager"]
    log_in(manager, world.url, "marta", language)
    manager.get(f"{world.url}/admin/localization/bundleexport/add/")
    assert_language(manager, language)
    Select(manager.find_element(By.ID, "id_campaign")).select_by_visible_text(s["campaign"])
    manager.find_element(By.ID, "id_market_codes").send_keys(s["market"])
    click_and_wait(manager, manager.find_element(By.NAME, "_save"))
    shot(manager, f"{key}-07-manager-export-queued")

    row = f"//table[@id='result_list']//tr[td[contains(@class, 'field-campaign') or contains(@class, 'field-markets_shown')]][.//a[normalize-space()='{s['campaign']}']]"

    def finished():
        return manager.find_elements(By.XPATH, f"{row}//span[contains(@class, 'glocal-export-done') or contains(@class, 'glocal-export-failed')]")

    manager.implicitly_wait(0)
    try:  # the list reloads itself every few seconds while the export runs
        wait_until("the export has finished (the page refreshes itself)", finished, deadline=60, every=0.5, logs=world.logs)
    finally:
        manager.implicitly_wait(5)
    state, error = world.one("SELECT e.state, e.error FROM localization_bundleexport e JOIN localization_campaign c "
                             "ON c.id = e.campaign_id WHERE c.slug = %s", s["slug"])
    assert state == "done", error
    link = manager.find_element(By.XPATH, f"{row}//a[@download]")
    assert link.text == download_label
    href = link.get_attribute("href")
    shot(manager, f"{key}-08-manager-export-done")
    cookies = "; ".join(f"{cookie['name']}={cookie['value']}" for cookie in manager.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(href, headers={"Cookie": cookies}), timeout=30) as response:
        assert response.headers["Content-Type"] == "application/zip"
        bundle = response.read()
    folder = world.folder / f"bundle-{key}"
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        archive.extractall(folder)
    page = (folder / s["locale"] / "index.html").read_text()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert [market["market"] for market in manifest["markets"]] == [s["market"]]
    manager.get((folder / s["locale"] / "index.html").as_uri())
    assert manager.find_element(By.TAG_NAME, "html").get_attribute("dir") == ("rtl" if key == "sa" else "ltr")
    manager.execute_script("arguments[0].scrollIntoView({block: 'center'})", manager.find_element(By.CSS_SELECTOR, ".price-amount"))
    shot(manager, f"{key}-09-unzipped-{s['locale']}-page")
    return page


def test_the_loop_in_a_browser_on_gunicorn_workers_and_beat(topology, browsers):
    world = topology
    # Ramadan in Saudi Arabia: its dated occurrence, and its launch day 30 days before.
    ramadan_starts = world.occurrence_starts_on("ramadan", "SA", 2027)
    sa_launch = ramadan_starts - timedelta(days=30)
    sa_page = run_the_loop(world, browsers, "sa", datetime(sa_launch.year, sa_launch.month, sa_launch.day, 13, tzinfo=timezone.utc)
                           - timedelta(seconds=LEAD_SECONDS))
    assert 'dir="rtl"' in sa_page and 'lang="ar-SA"' in sa_page.replace("ar-sa", "ar-SA")
    assert "149.00\xa0ر.س." in sa_page  # the price as Babel writes it for ar-SA
    assert re.search(rf"\d+ ({ARABIC_MONTHS}) 2027|[\u0660-\u0669]+ ({ARABIC_MONTHS})", sa_page), "an Arabic date"
    assert world.opened_on("namorados-2027", "BR") is None  # Brazil's window has not opened in January
    world.stop_processes()

    # Dia dos Namorados in Brazil: 12 June 2027, opened 30 days ahead, on 13 May.
    assert world.occurrence_starts_on("dia-dos-namorados", "BR", 2027) == date(2027, 6, 12)
    br_page = run_the_loop(world, browsers, "br", datetime(2027, 5, 13, 13, tzinfo=timezone.utc) - timedelta(seconds=LEAD_SECONDS))
    assert "R$\xa0199,90" in br_page or "R$&nbsp;199,90" in br_page
    assert "de junho de 2027" in br_page or "de maio de 2027" in br_page
    world.stop_processes()
