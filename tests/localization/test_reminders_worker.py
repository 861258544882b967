"""Real Celery workers on a Redis of this test's own and the real PostgreSQL: a beat tick opens campaigns (late after
an outage), two senders and a duplicated delivery send each reminder once, and a worker killed mid-batch (alone, or
with its Redis) leaves the rest to the next run, which says what the dead one still holds, or to its own task handed
back after the visibility timeout: none unsent, at most one twice, counted by Message-ID."""
import os
import re
import subprocess
import sys
import time
import uuid
import zoneinfo
from collections import Counter
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.mail.backends.filebased import EmailBackend
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from calendars.models import Occasion, Occurrence
from glocal.celery import app
from localization import access, campaigns, scheduling
from localization.models import CampaignMarket, Reminder
from tests.conftest import make_person
from tests.processes import OwnRedis, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
LEASE_SECONDS = 2
VISIBILITY_SECONDS = 6  # more than the lease, as in production (600 and 300): a task handed back finds the dead batch free
MESSAGE_ID = re.compile(r"^Message-ID: (<reminder\.[^>]+>)$", re.MULTILINE)


class SlowFileBackend(EmailBackend):
    """The file backend with a mail server's pace, so a worker can be killed while it sends."""

    def write_message(self, message):
        time.sleep(0.03)
        super().write_message(message)


@pytest.fixture
def redis_server(tmp_path):
    server = OwnRedis(tmp_path)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_url(redis_server):
    return redis_server.url


class Workers:
    """Celery workers started by this test on its own queue, each stopped (or killed) by it."""

    def __init__(self, broker, tmp_path):
        self.broker, self.tmp_path = broker, tmp_path
        self.queue = f"glocal-reminders-{uuid.uuid4().hex[:8]}"
        self.mail_dir = tmp_path / "mail"
        self.processes = []

    def start(self, *, slow=False, lease=LEASE_SECONDS):
        db = connection.settings_dict
        log = self.tmp_path / f"worker-{len(self.processes)}.log"
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            "CELERY_BROKER_URL": self.broker,
            "CELERY_QUEUE": self.queue,
            "EMAIL_BACKEND": f"{__name__}.SlowFileBackend" if slow else "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "GLOCAL_REMINDER_LEASE_SECONDS": str(lease),
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_SECONDS),
            "DJANGO_SECRET_KEY": "glocal-tests-only",
        }
        with open(log, "w") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "glocal", "worker", "--pool", "solo", "--queues", self.queue,
                 "--hostname", f"reminders{len(self.processes)}@%h", "--without-gossip", "--without-mingle", "--loglevel", "INFO"],
                cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
            )
        self.processes.append(process)
        wait_for(lambda: "ready" in log.read_text() or process.poll() is not None, 60, "a worker to start")
        assert process.poll() is None, log.read_text()
        return process

    def send(self, task, task_id=None):
        """What beat does every hour: put the task's message on the queue (``task_id`` again: a duplicated delivery)."""
        with app.connection_for_write(self.broker) as broker:
            return app.send_task(f"localization.tasks.{task}", connection=broker, queue=self.queue, task_id=task_id).id

    def logs(self):
        return "\n".join(path.read_text()[-3000:] for path in self.tmp_path.glob("worker-*.log"))

    def message_ids(self):
        if not self.mail_dir.exists():
            return []
        return [found for path in sorted(self.mail_dir.iterdir()) for found in MESSAGE_ID.findall(path.read_text())]

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@pytest.fixture
def workers(redis_server, tmp_path):
    started = Workers(redis_server.url, tmp_path)
    started.redis = redis_server
    app.conf.task_always_eager = False  # this process sends to the workers (tests/conftest.py runs tasks in-process)
    try:
        yield started
    finally:
        app.conf.task_always_eager = True
        started.stop()


def today_in(market):
    return timezone.now().astimezone(zoneinfo.ZoneInfo(market.time_zone)).date()


def sale_campaign(people, markets, *, starts_in):
    """A campaign for a flash sale dated ``starts_in`` days from each market's today (30 lead days)."""
    sale = Occasion.objects.create(slug="flash-sale", name="Flash sale", kind="commercial", rule={"kind": "fixed", "month": 1, "day": 1})
    for code, days in starts_in.items():
        market = markets[code]
        sale.observances.create(market=market)
        starts_on = today_in(market) + timedelta(days=days)
        Occurrence.objects.create(occasion=sale, market=market, year=starts_on.year, starts_on=starts_on, ends_on=starts_on)
    return campaigns.create_campaign(
        user=people["manager"], markets=[markets[code] for code in starts_in], slug="flash-sale", name="Flash sale",
        occasion=sale, headline="Today only", body="Everything must go.",
    )


def test_a_beat_tick_opens_campaigns_and_catches_up_on_a_three_day_outage_marked_late(workers, people, markets):
    make_person("dieter", access.COPYWRITERS, writes=[markets["DE"]])
    campaign = sale_campaign(people, markets, starts_in={"BR": 30, "DE": 27})  # Germany's launch day was three days ago
    workers.start()

    workers.send("schedule_campaigns")
    wait_for(lambda: CampaignMarket.objects.filter(campaign=campaign, opened_on__isnull=False).count() == 2, 60,
             f"the markets to open (worker logs: {workers.logs()})")
    offers = {offer.market.code: offer for offer in campaign.campaign_markets.select_related("market")}
    assert offers["BR"].opened_on == today_in(markets["BR"]) and not offers["BR"].opened_late
    assert offers["DE"].opened_on == today_in(markets["DE"]) and offers["DE"].opened_late

    workers.send("send_reminders")
    kickoffs = Reminder.objects.filter(campaign=campaign, milestone="kickoff")
    assert kickoffs.count() == 3  # Brazil's copywriter and reviewer, Germany's copywriter
    wait_for(lambda: not kickoffs.filter(sent_at__isnull=True).exists(), 60, f"the kickoffs to go out (worker logs: {workers.logs()})")
    assert {(reminder.market.code, reminder.late) for reminder in kickoffs} == {("BR", False), ("DE", True)}
    assert sorted(workers.message_ids()) == sorted(reminder.message_id for reminder in kickoffs)


@pytest.fixture
def many_due(people, markets):
    """Two hundred and two kickoff reminders due today: Brazil opens with a hundred copywriters and a hundred reviewers."""
    for number in range(100):
        make_person(f"writer{number:03}", access.COPYWRITERS, writes=[markets["BR"]])
        make_person(f"reviewer{number:03}", access.REVIEWERS, reviews=[markets["BR"]])
    campaign = sale_campaign(people, markets, starts_in={"BR": 30})
    scheduling.schedule_due_campaigns()
    due = list(Reminder.objects.filter(campaign=campaign, milestone="kickoff"))
    assert len(due) == 202  # and ana and bruno, Brazil's copywriter and reviewer of the fixtures
    return due


def test_two_workers_and_a_duplicated_delivery_send_each_reminder_once(workers, many_due):
    workers.start()
    workers.start()
    first = workers.send("send_reminders")
    workers.send("send_reminders")
    workers.send("send_reminders", task_id=first)  # the broker delivers the first message again

    wait_for(lambda: not Reminder.objects.filter(sent_at__isnull=True, milestone="kickoff").exists(), 120,
             f"every reminder to go out (worker logs: {workers.logs()})")
    time.sleep(2)  # let the other runs finish: they must find nothing left to send
    sent = Counter(workers.message_ids())
    assert set(sent) == {reminder.message_id for reminder in many_due}
    assert set(sent.values()) == {1}


def test_a_worker_killed_mid_batch_leaves_the_rest_to_the_next_run(workers, many_due):
    first = workers.start(slow=True)
    workers.send("send_reminders")
    wait_for(lambda: len(workers.message_ids()) >= 30, 60, f"the first mails (worker logs: {workers.logs()})")
    first.kill()  # SIGKILL: no clean-up, no acknowledgement
    first.wait()
    unsent = Reminder.objects.filter(sent_at__isnull=True, milestone="kickoff").count()
    assert 0 < unsent < len(many_due), "the worker should have died mid-batch"

    workers.start()
    time.sleep(LEASE_SECONDS + 0.5)  # the one the dead worker was sending waits out its lease
    workers.send("send_reminders")  # the next beat tick
    wait_for(lambda: not Reminder.objects.filter(sent_at__isnull=True, milestone="kickoff").exists(), 120,
             f"the rest to go out (worker logs: {workers.logs()})")

    sent = Counter(workers.message_ids())
    assert set(sent) == {reminder.message_id for reminder in many_due}  # none unsent
    # None twice: at most the one mail the dead worker had handed over but not yet marked goes again, under the same
    # Message-ID, so the receiving side recognizes it as the same message.
    twice = [message_id for message_id, count in sent.items() if count > 1]
    assert len(twice) <= 1 and max(sent.values()) <= 2


def no_lease_left(reminders):
    return not Reminder.objects.filter(pk__in=[r.pk for r in reminders], sent_at__isnull=True, claimed_until__gte=timezone.now()).exists()


def kill_mid_batch(workers, many_due, *, lease=LEASE_SECONDS):
    """A slow worker sends the beat tick's task and is killed (SIGKILL: no clean-up, no acknowledgement) mid-batch."""
    doomed = workers.start(slow=True, lease=lease)
    task_id = workers.send("send_reminders")
    wait_for(lambda: len(workers.message_ids()) >= 10, 60, f"the first mails (worker logs: {workers.logs()})")
    doomed.kill()
    doomed.wait()
    unsent = Reminder.objects.filter(pk__in=[r.pk for r in many_due], sent_at__isnull=True).count()
    assert 0 < unsent < len(many_due), "the worker should have died mid-batch"
    return task_id


def at_most_one_twice(message_ids, many_due):
    sent = Counter(message_ids)
    assert set(sent) == {reminder.message_id for reminder in many_due}  # none unsent
    # At most the one mail the dead worker had handed over but not yet marked goes again, under the same Message-ID.
    assert len([message_id for message_id, count in sent.items() if count > 1]) <= 1 and max(sent.values()) <= 2


def test_a_killed_workers_task_comes_back_after_the_visibility_timeout_and_sends_the_rest(workers, many_due):
    task_id = kill_mid_batch(workers, many_due)
    wait_for(lambda: no_lease_left(many_due), 30, "the dead sender's lease to run out")
    workers.start()  # no new beat tick: Redis hands the dead worker's task to this one
    wait_for(lambda: not Reminder.objects.filter(pk__in=[r.pk for r in many_due], sent_at__isnull=True).exists(),
             VISIBILITY_SECONDS + 60, f"the task to come back and send the rest (worker logs: {workers.logs()})")
    assert f"Task localization.tasks.send_reminders[{task_id}] received" in (workers.tmp_path / "worker-1.log").read_text()
    at_most_one_twice(workers.message_ids(), many_due)


def test_the_next_run_after_a_kill_says_what_the_dead_sender_still_holds(workers, many_due, mailoutbox):
    kill_mid_batch(workers, many_due, lease=120)  # a lease that outlasts this test
    due = Reminder.objects.filter(pk__in=[r.pk for r in many_due], sent_at__isnull=True)
    still_held = {r.pk for r in due.filter(claimed_until__gte=timezone.now())}
    assert still_held, "the dead worker's batch should still be held"

    out = StringIO()
    call_command("send_reminders", stdout=out)

    assert {r.pk for r in due} == still_held  # left to the lease; the rest went
    assert f"Held by another sender: {len(still_held)} reminder" in out.getvalue()
    sent = Counter(workers.message_ids() + [message.extra_headers["Message-ID"] for message in mailoutbox])
    assert set(sent.values()) == {1}  # nothing twice: the one the dead worker was sending waits out its lease


def test_a_sender_killed_with_its_redis_leaves_at_most_one_duplicate(workers, many_due):
    kill_mid_batch(workers, many_due)
    workers.redis.kill()  # the machine went down: the task, taken but not acknowledged, is lost with Redis
    workers.redis.start()
    workers.start()
    wait_for(lambda: no_lease_left(many_due), 30, "the dead sender's lease to run out")
    workers.send("send_reminders")  # the next beat tick
    wait_for(lambda: not Reminder.objects.filter(pk__in=[r.pk for r in many_due], sent_at__isnull=True).exists(), 120,
             f"the rest to go out (worker logs: {workers.logs()})")
    at_most_one_twice(workers.message_ids(), many_due)
