"""Exports on real Celery workers (Redis, PostgreSQL): a worker SIGKILLed while writing the bundle
leaves no file at the bundle's path and no published copy; run again, a new worker finishes it with
the bytes the command writes."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from glocal.celery import app
from localization import export
from localization.export import jobs
from localization.models import BundleExport, State
from tests.conftest import REDIS_URL
from tests.localization import test_export_fixtures as fixtures
from tests.localization.test_export_fixtures import variant_of

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

gifts = fixtures.gifts  # the fixture these tests use

ROOT = Path(__file__).resolve().parents[2]


def database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    pytest.fail(f"timed out after {seconds} s waiting for {what}")


class Workers:
    """Start Celery workers of our own, on this run's queue (or ``queue``), with the test's media folder."""

    def __init__(self, media, tmp_path, *, broker=REDIS_URL, queue=None):
        self.media, self.tmp_path, self.processes = media, tmp_path, []
        self.broker, self.queue = broker, queue or app.conf.task_default_queue

    def start(self):
        log = self.tmp_path / f"worker-{len(self.processes)}.log"
        env = {**os.environ, "DATABASE_URL": database_url(), "CELERY_BROKER_URL": self.broker, "DJANGO_SECRET_KEY": "glocal-tests-only",
               "CELERY_QUEUE": self.queue, "MEDIA_ROOT": str(self.media), "LANDING_BASE_URL": "https://landing.example"}
        with open(log, "w") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "glocal", "worker", "--pool", "solo", "--queues", self.queue,
                 "--without-gossip", "--without-mingle", "--loglevel", "INFO"],
                cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
            )
        self.processes.append(process)
        self.log = log
        wait_for(lambda: "ready" in log.read_text() or process.poll() is not None, 60, "the worker to start")
        assert process.poll() is None, log.read_text()
        return process, log

    def stop_all(self):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()


@pytest.fixture
def workers(settings, tmp_path):
    settings.MEDIA_ROOT = fixtures.media_root(tmp_path)  # where the campaign's logo and images are, and the bundle goes
    started = Workers(settings.MEDIA_ROOT, tmp_path)
    app.conf.task_always_eager = False
    try:
        yield started
    finally:
        app.conf.task_always_eager = True
        started.stop_all()


def test_a_worker_killed_while_writing_leaves_nothing_and_the_export_finishes_on_retry(gifts, people, workers, tmp_path):
    worker, log = workers.start()
    exports = Path(workers.media) / "exports"
    brazil = variant_of(gifts, "BR")
    # Another session holds Brazil's copy: the worker's join writes the whole zip, then waits to publish it.
    with psycopg.connect(database_url()) as holder:
        holder.execute("SELECT id FROM localization_copyvariant WHERE id = %s FOR UPDATE", [brazil.pk])
        requested = jobs.request_export(campaign=gifts, user=people["manager"])  # autocommit: the task goes out now
        target = Path(workers.media) / jobs.bundle_name(requested)
        wait_for(lambda: any(exports.glob(f".{target.name}.*.partial")), 60, f"the zip being written ({log.read_text()[-2000:]})")
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=20)
        holder.rollback()
    killed = BundleExport.objects.get(pk=requested.pk)
    assert killed.state == BundleExport.Status.RUNNING and not killed.file and not target.exists()
    assert variant_of(gifts, "BR").state == State.APPROVED  # publishing died with the worker's transaction

    workers.start()
    assert jobs.retry(export=killed, user=people["manager"])  # autocommit: the task goes out now
    wait_for(lambda: BundleExport.objects.get(pk=requested.pk).state == BundleExport.Status.DONE, 60, "the export to finish")
    done = BundleExport.objects.get(pk=requested.pk)
    assert Path(done.file.path) == target and list(exports.glob("*.partial")) == [] and list(exports.glob(".*.partial")) == []
    assert {variant_of(gifts, code).state for code in ("BR", "SA", "JP")} == {State.PUBLISHED}
    out = tmp_path / "by-the-command.zip"
    export.build_bundle(campaign=gifts, out=out)
    assert target.read_bytes() == out.read_bytes()
