"""Fifty people at once against gunicorn: copywriters and cultural reviewers work lists, variant pages, live
checks and saves while a campaign manager exports; then no 5xx and no lost edit are checked in the database.

What it does, each process started here and stopped here:
- a fresh PostgreSQL database `glocal_bench_load` (bench/database.py; SQLite when PostgreSQL does not answer,
  which then measures SQLite's single writer more than the app), with `seed_demo`'s catalogue and sample
  campaign, and people of the bench's own: 25 copywriters and 25 cultural reviewers across 10 markets (each
  writes or reviews two; five people per market and role), a campaign manager, and 12 campaigns in those markets;
- a Redis of its own on a free port and one Celery worker, so exports run as in production (without
  redis-server, CELERY_TASK_ALWAYS_EAGER: the export runs inside the web request, said in the output);
- gunicorn on a free 127.0.0.1 port, 2 x CPUs + 1 sync workers, DEBUG off, a random SECRET_KEY;
- locust headless (bench/locustfile.py): 25 copywriters, 25 reviewers and one manager log in through
  /admin/login/ with their passwords and work for the seconds given, else 90 (45 with BENCH_QUICK=1).

Before the crowd, one copywriter alone times each main page (median of 5): what a page costs with no queue.
Then it prints locust's p50/p95/p99 per page and the checks: no response of 500 or more, and no lost edit: every
save the server accepted (a redirect) is in the variant's history with its text and the version it made, no two
accepted saves were based on the same version, and each variant's copy now is the last accepted save's. A save
refused because someone else saved first (ConcurrentEdit: "was changed by ... not saved") is the expected
answer, counted, not a lost edit. A bench, not a test: it prints figures and exits 1 only when a check fails.

Usage: make bench, or .venv/bin/python bench/load.py [SECONDS]
"""
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import figure, quick

ARGUMENTS = [a for a in sys.argv[1:] if not a.startswith("--")]
SECONDS = int(ARGUMENTS[0]) if ARGUMENTS else (45 if quick() else 90)
COPYWRITERS = REVIEWERS = 25
MARKETS = ["US", "CA", "GB", "FR", "ES", "IT", "NL", "PL", "AE", "TR"]  # none of the demo campaign's markets
CAMPAIGNS = 12
SPAWN_RATE = 2
SCRATCH = Path(tempfile.mkdtemp(prefix="glocal-bench-load-"))
PASSWORD = secrets.token_urlsafe(16)  # one for every bench login, this run only
os.environ["MEDIA_ROOT"] = str(SCRATCH / "media")
os.environ["LANDING_BASE_URL"] = "https://landing.example"

import database  # noqa: E402  (sets Django up on a fresh database)

database.setup("glocal_bench_load")

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from calendars.models import Market  # noqa: E402
from localization import access, campaigns, quality, review  # noqa: E402
from localization.models import BundleExport, Campaign, CopyVariant, MarketAssignment, Review, Role, State  # noqa: E402

ROOT = database.ROOT
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise SystemExit(f"timed out after {seconds} s waiting for {what}")


def answers(port, probe=None):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            if probe:
                sock.sendall(probe)
                return bool(sock.recv(16))
            return True
    except OSError:
        return False


def seed():
    """The demo's catalogue and sample campaign, and the bench's people and campaigns."""
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    access.ensure_role_groups()
    User = get_user_model()
    markets = list(Market.objects.filter(code__in=MARKETS).order_by("code"))
    groups = {name: Group.objects.get(name=name) for name in (access.COPYWRITERS, access.REVIEWERS, access.MANAGERS)}
    people = {"copywriter": [], "reviewer": []}
    hashed = make_password(PASSWORD)  # hashed once for all: each login still checks it the full, slow way
    for role, count, group, kind in (("copywriter", COPYWRITERS, access.COPYWRITERS, Role.COPYWRITER),
                                     ("reviewer", REVIEWERS, access.REVIEWERS, Role.REVIEWER)):
        for number in range(count):
            user = User.objects.create(username=f"{role}{number:02d}", email=f"{role}{number:02d}@bench.example", password=hashed, is_staff=True)
            user.groups.add(groups[group])
            for market in (markets[number % len(markets)], markets[(number + 1) % len(markets)]):
                MarketAssignment.objects.create(user=user, market=market, role=kind)
            people[role].append(user.username)
    manager = User.objects.create(username="bench-manager", email="bench-manager@bench.example", password=hashed, is_staff=True)
    manager.groups.add(groups[access.MANAGERS])
    for number in range(CAMPAIGNS):
        campaigns.create_campaign(
            user=manager, markets=markets, slug=f"bench-{number:02d}", name=f"Bench campaign {number:02d}",
            headline=f"Gifts that arrive in time ({number:02d})", body="Find the gift that says it best. Order by {last_order_date}.",
            call_to_action="Shop gifts",
        )
    approve_demo_copy()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return [market.pk for market in markets]


def approve_demo_copy():
    """The manager exports the demo campaign: its Mexican, Saudi and Japanese copy approved beside the Brazilian
    (through the services; the German copy has a check error and stays in review), so a bundle has four pages."""
    User = get_user_model()
    copywriter, reviewer = User.objects.get(username="copywriter"), User.objects.get(username="reviewer")
    for variant in CopyVariant.objects.filter(campaign__slug="valentines-2027", market__code__in=["MX", "SA", "JP"]).select_related("campaign", "market"):
        if variant.state == State.DRAFT:
            review.submit(variant=variant, user=copywriter)
        review.approve(variant=variant, user=reviewer, acknowledged=[finding["key"] for finding in quality.findings_for(variant)])



class Processes:
    """The servers this bench starts, each stopped by it (its own process group, so a worker's children go too)."""

    def __init__(self):
        self.started = []

    def start(self, name, command, env, ready):
        log = SCRATCH / f"{name}.log"
        with open(log, "w") as output:
            process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        self.started.append((name, process))
        wait_for(lambda: ready() or process.poll() is not None, 60, f"{name} to start")
        if process.poll() is not None:
            raise SystemExit(f"{name} did not start:\n{log.read_text()[-3000:]}")
        return process

    def stop_all(self):
        for name, process in reversed(self.started):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            try:
                os.killpg(process.pid, signal.SIGKILL)  # anything of its group still there
            except ProcessLookupError:
                pass


def server_environment():
    env = {
        **os.environ,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "CELERY_QUEUE": "glocal-bench-load",
        "LOG_LEVEL": "WARNING",
    }
    return env


def start_servers(processes, env):
    """Redis and a worker when redis-server is installed (else tasks run eagerly, in the web request), then gunicorn."""
    redis_server = shutil.which("redis-server")
    if redis_server:
        redis_port = free_port()
        processes.start("redis", [redis_server, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                  "--dir", str(SCRATCH)], env, lambda: answers(redis_port, b"PING\r\n"))
        env.update(CELERY_BROKER_URL=f"redis://127.0.0.1:{redis_port}/0", CELERY_TASK_ALWAYS_EAGER="false")
        worker_log = SCRATCH / "worker.log"
        processes.start("worker", [PYTHON, "-m", "celery", "-A", "glocal", "worker", "--concurrency", "2", "--queues", env["CELERY_QUEUE"],
                                   "--without-gossip", "--without-mingle", "--loglevel", "INFO"],
                        env, lambda: worker_log.exists() and "ready" in worker_log.read_text())
        tasks = f"a Celery worker (2 processes) on a Redis of its own (127.0.0.1:{redis_port})"
    else:
        env.update(CELERY_TASK_ALWAYS_EAGER="true")
        tasks = "CELERY_TASK_ALWAYS_EAGER (redis-server is not installed): exports run inside the web request"
    port, workers = free_port(), 2 * os.cpu_count() + 1
    processes.start("gunicorn", [str(BIN / "gunicorn"), "glocal.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
                                 "--timeout", "120", "--access-logfile", str(SCRATCH / "access.log")], env, lambda: answers(port))
    return port, workers, tasks


def run_locust(port, market_ids, export_campaign_id):
    env = {**os.environ, "BENCH_PASSWORD": PASSWORD, "BENCH_MARKET_IDS": ",".join(map(str, market_ids)),
           "BENCH_EXPORT_CAMPAIGN": str(export_campaign_id), "BENCH_LEDGER": str(SCRATCH / "ledger.json")}
    command = [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "--users", str(COPYWRITERS + REVIEWERS + 1),
               "--spawn-rate", str(SPAWN_RATE), "--run-time", f"{SECONDS}s", "--stop-timeout", "60", "--host", f"http://127.0.0.1:{port}",
               "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0"]
    finished = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=SECONDS + 300)
    if finished.returncode != 0 or not (SCRATCH / "ledger.json").exists():
        raise SystemExit(f"locust failed ({finished.returncode}):\n{finished.stderr[-4000:]}")
    return json.loads((SCRATCH / "ledger.json").read_text())


def one_person_alone(port):
    """Each page's time with nobody else on the server (median of 5, after one to warm up): what a page costs,
    beside which the load run's times show how long requests waited for a free worker."""
    import re
    import statistics

    import requests

    base, session = f"http://127.0.0.1:{port}", requests.Session()
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    page = session.get(f"{base}/admin/login/").text
    session.post(f"{base}/admin/login/", data={"username": "copywriter00", "password": PASSWORD, "next": "/admin/",
                                              "csrfmiddlewaretoken": token.search(page).group(1)})
    markets = MarketAssignment.objects.filter(user__username="copywriter00").values("market_id")
    variant = CopyVariant.objects.filter(campaign__slug="bench-00", market_id__in=markets).first()
    url = f"{base}/admin/localization/copyvariant/"
    html = session.get(f"{url}{variant.pk}/change/").text
    requests_by_page = {
        "copy variants: list": lambda: session.get(f"{url}?q=Bench+campaign"),
        "copy variant: page": lambda: session.get(f"{url}{variant.pk}/change/"),
        "copy variant: live check": lambda: session.post(f"{url}{variant.pk}/check/", data={"headline": "Gifts", "body": "Find the gift."},
                                                         headers={"X-CSRFToken": token.search(html).group(1)}),
        "board": lambda: session.get(f"{base}/admin/"),
    }
    timings = {}
    for name, send in requests_by_page.items():
        send()
        seconds = []
        for _ in range(5):
            started = time.perf_counter()
            response = send()
            seconds.append(time.perf_counter() - started)
            assert response.status_code == 200, (name, response.status_code)
        timings[name] = statistics.median(seconds) * 1000
    return timings


def lost_edits(ledger):
    """Every save the server accepted, checked against the database: in the variant's history with its text and the
    version it made, never two accepted on one version, and the variant's copy now the last accepted save's."""
    problems, by_variant = [], {}
    for save in ledger["accepted"]:
        by_variant.setdefault(save["variant"], []).append(save)
    for variant_id, saves in by_variant.items():
        versions = [save["expected_version"] for save in saves]
        problems += [f"variant {variant_id}: two saves accepted on version {v}" for v in set(versions) if versions.count(v) > 1]
        history = {(row.variant_version, row.copy.get("headline")) for row in Review.objects.filter(variant_id=variant_id, action=Review.Action.EDIT)}
        problems += [f"variant {variant_id}: the save of {save['by']} on version {save['expected_version']} is not in its history"
                     for save in saves if (save["expected_version"] + 1, save["headline"]) not in history]
        last = max(saves, key=lambda save: save["expected_version"])
        now = CopyVariant.objects.get(pk=variant_id).headline
        if now != last["headline"]:
            problems.append(f"variant {variant_id}: its headline is {now!r}, not the last accepted save's {last['headline']!r}")
    return problems


def main():
    settings.DEBUG = False
    print(f"database: {connection.vendor}; seeding {COPYWRITERS} copywriters, {REVIEWERS} reviewers and a manager in "
          f"{len(MARKETS)} markets, {CAMPAIGNS} campaigns ...", flush=True)
    started = time.perf_counter()
    market_ids = seed()
    export_campaign = Campaign.objects.get(slug="valentines-2027")
    variants = CopyVariant.objects.filter(campaign__slug__startswith="bench-").count()
    print(f"  {variants} bench variants, seeded in {time.perf_counter() - started:.0f} s", flush=True)
    edits_before = Review.objects.filter(action=Review.Action.EDIT, actor__username__startswith="copywriter").count()
    processes = Processes()
    try:
        env = server_environment()
        port, workers, tasks = start_servers(processes, env)
        print(f"gunicorn on 127.0.0.1:{port}, {workers} sync workers; tasks: {tasks}", flush=True)
        alone = one_person_alone(port)
        print("one person alone on the server, median of 5: " + ", ".join(f"{name} {ms:.0f} ms" for name, ms in alone.items()))
        for name, ms in alone.items():
            figure(f"load: one person alone, {name}, median of 5", f"{ms:.0f} ms")
        print(f"locust: {COPYWRITERS + REVIEWERS + 1} people, {SPAWN_RATE} started a second, {SECONDS} s ...", flush=True)
        ledger = run_locust(port, market_ids, export_campaign.pk)
        deadline = time.monotonic() + 90  # the last export asked for finishes before the worker stops
        while BundleExport.objects.filter(state__in=[BundleExport.Status.QUEUED, BundleExport.Status.RUNNING]).exists() and time.monotonic() < deadline:
            time.sleep(1)
    finally:
        processes.stop_all()

    pages, total = ledger["pages"], ledger["total"]
    print(f"\n{'page':<34}{'requests':>9}{'failed':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for row in pages + [total]:
        print(f"{row['name']:<34}{row['requests']:>9}{row['failures']:>8}{row['p50']:>9.0f}{row['p95']:>9.0f}{row['p99']:>9.0f}{row['max']:>9.0f}")
    print("(locust's percentiles, in its rounding; export: asked to done is a manager's wait from asking to a finished export,\n"
          " its page reloading every 3 s as it does)")
    for row in pages:
        figure(f"load: {row['name']} ({row['requests']} requests), p50 / p95 / p99", f"{row['p50']:.0f} / {row['p95']:.0f} / {row['p99']:.0f} ms")
    figure("load: requests per second, all pages", f"{total['rps']:.1f}")

    server_errors = len(ledger["server_errors"])
    failures = sum(row["failures"] for row in pages)
    problems = lost_edits(ledger)
    edits_in_database = Review.objects.filter(action=Review.Action.EDIT, actor__username__startswith="copywriter").count() - edits_before
    exports = BundleExport.objects.filter(requested_by__username="bench-manager")
    done = exports.filter(state=BundleExport.Status.DONE).count()
    print(f"\nsaves accepted: {len(ledger['accepted'])} (edits in the database's history: {edits_in_database}); refused because "
          f"someone saved first (ConcurrentEdit, expected): {ledger['refused_concurrent']}; refused otherwise: {len(ledger['refused_other'])} "
          f"{sorted(set(ledger['refused_other']))[:3]}; changes requested by reviewers: {ledger['decisions']}")
    print(f"exports asked for: {exports.count()}, done: {done}, failed: {exports.filter(state=BundleExport.Status.FAILED).count()}")
    for problem in problems[:20]:
        print(f"  LOST: {problem}")
    for error in ledger["server_errors"][:20]:
        print(f"  5xx: {error}")
    for failure in ledger["failures"][:20]:
        print(f"  failed: {failure}")
    figure("load: responses 500 or above", server_errors, "0", server_errors == 0)
    figure("load: requests failed (any other unexpected answer)", failures, "0", failures == 0)
    figure("load: saves accepted", len(ledger["accepted"]))
    figure("load: saves refused, someone saved first (ConcurrentEdit)", ledger["refused_concurrent"])
    figure("load: saves refused otherwise (the copy went into review meanwhile)", len(ledger["refused_other"]))
    figure("load: lost edits (accepted saves missing or overwritten)", len(problems) + abs(edits_in_database - len(ledger["accepted"])), "0",
           not problems and edits_in_database == len(ledger["accepted"]))
    figure("load: exports done / asked for", f"{done} / {exports.count()}", "all", done == exports.count() > 0)
    ok = server_errors == 0 and failures == 0 and not problems and edits_in_database == len(ledger["accepted"]) and done == exports.count() > 0
    if ok:
        shutil.rmtree(SCRATCH, ignore_errors=True)
    else:
        print(f"logs kept in {SCRATCH}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
