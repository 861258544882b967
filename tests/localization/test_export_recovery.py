"""Exports that lose their task queue: a Redis of this test's own (on a free port) and a real Celery worker on
the real PostgreSQL. An export asked for while Redis is down says so on its page and is sent once Redis is back;
one whose tasks a Redis restart lost is sent again by the sweeper and ends done."""
import uuid
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from django.urls import reverse
from django.utils import timezone

from glocal.celery import app
from localization import export
from localization.export import jobs
from localization.models import BundleExport, State
from tests.localization import test_export_fixtures as fixtures
from tests.localization.test_export_fixtures import variant_of
from tests.localization.test_export_worker import Workers, database_url
from tests.processes import OwnRedis, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

gifts = fixtures.gifts  # the fixture these tests use


@pytest.fixture
def redis(tmp_path):
    server = OwnRedis(tmp_path)
    try:
        yield server
    finally:
        server.kill()


def send_through(broker_url):
    """This process's tasks go to ``broker_url`` (Celery keeps one connection pool per broker: start afresh)."""
    app.conf.broker_url = broker_url
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def workers(settings, tmp_path, redis):
    settings.MEDIA_ROOT = fixtures.media_root(tmp_path)
    started = Workers(settings.MEDIA_ROOT, tmp_path, broker=redis.url, queue=f"glocal-exports-{uuid.uuid4().hex[:8]}")
    before = (app.conf.broker_url, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = started.queue
    send_through(redis.url)
    try:
        yield started
    finally:
        app.conf.task_always_eager = True
        app.conf.task_default_queue = before[1]
        send_through(before[0])
        started.stop_all()


def beat_sends_the_sweep(workers):
    """What beat does every five minutes: put the sweeper's message on the queue, for a worker to run."""
    with app.connection_for_write(workers.broker) as broker:
        app.send_task("localization.tasks.sweep_exports", connection=broker, queue=workers.queue)


def finished(export_id):
    return BundleExport.objects.get(pk=export_id).state in (BundleExport.Status.DONE, BundleExport.Status.FAILED)


def the_command_writes(campaign, tmp_path):
    out = tmp_path / "by-the-command.zip"
    export.build_bundle(campaign=campaign, out=out)
    return out.read_bytes()


def test_an_export_asked_for_while_redis_is_down_says_so_and_is_sent_once_it_is_back(gifts, people, workers, redis, client, tmp_path):
    # Redis is not started yet: the request is taken, the export waits, unsent.
    requested = jobs.request_export(campaign=gifts, user=people["manager"])  # autocommit: it tries to send now
    waiting = BundleExport.objects.get(pk=requested.pk)
    assert (waiting.state, waiting.sent_at) == (BundleExport.Status.QUEUED, None)
    client.force_login(people["manager"])
    page = client.get(reverse("admin:localization_bundleexport_change", args=[requested.pk]))
    assert "Waiting for the task queue, which did not answer" in page.content.decode()
    assert page.headers["Refresh"] == "3"  # the page follows it on its own

    redis.start()
    workers.start()
    beat_sends_the_sweep(workers)
    wait_for(lambda: finished(requested.pk), 90, f"the export to finish ({workers.log.read_text()[-2000:]})")
    done = BundleExport.objects.get(pk=requested.pk)
    assert done.state == BundleExport.Status.DONE and done.sent_at is not None and done.resent == 0
    assert Path(done.file.path).read_bytes() == the_command_writes(gifts, tmp_path)
    page = client.get(reverse("admin:localization_bundleexport_change", args=[requested.pk])).content.decode()
    assert "Waiting for the task queue" not in page and "Refresh" not in client.get(reverse("admin:localization_bundleexport_changelist")).headers


def test_an_export_whose_tasks_a_redis_restart_lost_is_sent_again_by_the_sweeper_and_ends_done(gifts, people, workers, redis, client, tmp_path):
    redis.start()
    workers.start()
    with psycopg.connect(database_url(), autocommit=True) as watcher, psycopg.connect(database_url()) as holder:
        requested = jobs.request_export(campaign=gifts, user=people["manager"])  # autocommit: the task goes out now

        def running():
            return watcher.execute("SELECT state FROM localization_bundleexport WHERE id = %s", [requested.pk]).fetchone()[0] == "running"

        wait_for(running, 60, f"the export to start ({workers.log.read_text()[-2000:]})")
        # As soon as the worker has taken it, another session holds the export's row: a market's task renders, then
        # waits to count its progress, while the other markets' tasks wait in Redis.
        holder.execute("SELECT id FROM localization_bundleexport WHERE id = %s FOR UPDATE", [requested.pk])

        def a_task_waits_for_the_row():
            return watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            ).fetchone()[0] > 0

        wait_for(a_task_waits_for_the_row, 60, f"a market's task to wait ({workers.log.read_text()[-2000:]})")
        redis.kill()  # Redis restarts without its messages: the waiting markets' tasks are gone
        redis.start()
        holder.rollback()
    wait_for(lambda: BundleExport.objects.get(pk=requested.pk).progress > 0, 60, "the first market's progress")
    stuck = BundleExport.objects.get(pk=requested.pk)
    assert stuck.state == BundleExport.Status.RUNNING and not stuck.file

    # Ten minutes on (the row is dated back rather than waited for), beat sends the sweeper.
    BundleExport.objects.filter(pk=requested.pk).update(updated_at=timezone.now() - jobs.STALLED_AFTER - timedelta(minutes=1))
    beat_sends_the_sweep(workers)
    wait_for(lambda: finished(requested.pk), 90, f"the export to finish ({workers.log.read_text()[-3000:]})")
    done = BundleExport.objects.get(pk=requested.pk)
    assert (done.state, done.progress, done.resent) == (BundleExport.Status.DONE, 100, 1)
    assert {variant_of(gifts, code).state for code in ("BR", "SA", "JP")} == {State.PUBLISHED}
    assert Path(done.file.path).read_bytes() == the_command_writes(gifts, tmp_path)
    client.force_login(people["manager"])
    page = client.get(reverse("admin:localization_bundleexport_change", args=[requested.pk])).content.decode()
    assert "No worker moved this export for 10 minutes; it was sent again (1 time)." in page
