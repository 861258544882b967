"""Two schedulers and two senders at the same moment on the real PostgreSQL: each market opens once, each reminder goes
once; a sender whose database connection is cut, or whose database goes away, between sending and marking stops with a
clear message and leaves at most that one reminder to go twice, under the same Message-ID."""
import os
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from django.core import mail
from django.core.mail.backends.filebased import EmailBackend
from django.db import connection
from django.utils import timezone

from localization import access, scheduling
from localization.models import CampaignMarket, Reminder
from tests.conftest import make_person
from tests.localization.test_scheduling import calendar, make_campaign  # noqa: F401 (fixture)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

OPENS = date(2027, 5, 13)


def at_once(count, work):
    """Run work(index) in ``count`` threads released together; returns their results."""
    start = threading.Barrier(count)
    results = [None] * count

    def run(index):
        try:
            start.wait()
            results[index] = work(index)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.fixture
def crowded(people, calendar):  # noqa: F811
    """Valentine's 2027 in Brazil, Mexico and the US, with forty more copywriters in Brazil."""
    for number in range(40):
        make_person(f"writer{number:02}", access.COPYWRITERS, writes=[calendar["BR"]])
    return make_campaign(people, calendar, ["BR", "MX", "US"])


def test_two_schedulers_at_once_open_each_market_once(crowded):
    runs = at_once(2, lambda _index: scheduling.schedule_due_campaigns(today=OPENS))
    opened = [item.campaign_market.market.code for run in runs for item in run.opened]
    assert sorted(opened) == ["BR"]  # one of them opened it; the other found it held or opened
    assert CampaignMarket.objects.get(campaign=crowded, market__code="BR").opened_on == OPENS
    assert Reminder.objects.filter(market__code="BR", milestone="kickoff").count() == 41 + 1  # every writer and the reviewer, once


def test_two_senders_at_once_send_each_reminder_once(crowded, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    scheduling.schedule_due_campaigns(today=OPENS)
    due = Reminder.objects.filter(due_on__lte=OPENS, market__code="BR").count()
    assert due == 42

    runs = at_once(2, lambda _index: scheduling.send_due_reminders(today=OPENS, batch_size=10))

    assert sum(len(run.sent) for run in runs) == due
    assert all(run.sent for run in runs), "both senders should have taken a share"
    sent = Counter(message.extra_headers["Message-ID"] for message in mail.outbox)
    assert len(sent) == due and set(sent.values()) == {1}
    assert set(sent) == {reminder.message_id for reminder in Reminder.objects.filter(sent_at__isnull=False)}


ROOT = Path(__file__).resolve().parents[2]
MESSAGE_ID = re.compile(r"^Message-ID: (<reminder\.[^>]+>)$", re.MULTILINE)


def admin_connection(db):
    """A connection of the test's own to the server's maintenance database (never the one under test)."""
    return psycopg.connect(host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"] or "postgres",
                           password=db["PASSWORD"] or None, dbname="postgres", autocommit=True)


class ConnectionCuttingBackend(EmailBackend):
    """The file backend, then, right after the mail server took the first e-mail and before the sender marks it, the
    sender's database connection is cut; with GLOCAL_TEST_DATABASE_DOWN=1 its database also stops taking new ones."""

    cut = False

    def write_message(self, message):
        super().write_message(message)
        if ConnectionCuttingBackend.cut:
            return
        ConnectionCuttingBackend.cut = True
        db = connection.settings_dict
        with admin_connection(db) as admin:
            if os.environ.get("GLOCAL_TEST_DATABASE_DOWN"):
                admin.execute(sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS false").format(sql.Identifier(db["NAME"])))
            admin.execute("SELECT pg_terminate_backend(%s, 10000)", [connection.connection.info.backend_pid])


def send_reminders_command(tmp_path, *, database_down=False):
    """``manage.py send_reminders`` in a process of its own, on the test database, e-mail into files."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "EMAIL_BACKEND": f"{__name__}.ConnectionCuttingBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "GLOCAL_REMINDER_LEASE_SECONDS": "1",
        "DJANGO_SECRET_KEY": "glocal-tests-only",
    }
    if database_down:
        env["GLOCAL_TEST_DATABASE_DOWN"] = "1"
    return subprocess.run([sys.executable, "manage.py", "send_reminders", "--today", OPENS.isoformat()], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def files_message_ids(tmp_path):
    folder = tmp_path / "mail"
    return [found for path in sorted(folder.iterdir()) for found in MESSAGE_ID.findall(path.read_text())] if folder.exists() else []


@pytest.fixture
def due_in_brazil(crowded, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    scheduling.schedule_due_campaigns(today=OPENS)
    due = list(Reminder.objects.filter(due_on__lte=OPENS, market__code="BR"))
    assert len(due) == 42
    return due


def test_a_connection_cut_between_sending_and_marking_stops_the_run_with_a_clear_message_and_repeats_nothing(due_in_brazil, tmp_path):
    finished = send_reminders_command(tmp_path)

    assert finished.returncode == 1, finished.stdout + finished.stderr
    assert "Traceback" not in finished.stderr
    assert "CommandError: The database connection was lost, so sending stopped after 1 reminder: " in finished.stderr
    assert "it held but had not sent w" in finished.stderr
    (first,) = files_message_ids(tmp_path)
    # Marked sent on a new connection; what the run held is free at once, for the next run.
    assert Reminder.objects.get(market__code="BR", sent_at__isnull=False).message_id == first
    assert not Reminder.objects.filter(sent_at__isnull=True, claimed_until__isnull=False).exists()

    next_run = scheduling.send_due_reminders(today=OPENS)
    assert len(next_run.sent) == 41 and not next_run.held_elsewhere
    sent = Counter(files_message_ids(tmp_path) + [message.extra_headers["Message-ID"] for message in mail.outbox])
    assert set(sent) == {reminder.message_id for reminder in due_in_brazil} and set(sent.values()) == {1}


def test_a_database_gone_between_sending_and_marking_leaves_at_most_that_reminder_to_go_twice(due_in_brazil, tmp_path):
    db = connection.settings_dict
    try:
        finished = send_reminders_command(tmp_path, database_down=True)
    finally:
        with admin_connection(db) as admin:
            admin.execute(sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS true").format(sql.Identifier(db["NAME"])))

    assert finished.returncode == 1, finished.stdout + finished.stderr
    assert "Traceback" not in finished.stderr
    assert "CommandError: The database connection was lost, so sending stopped after 1 reminder: " in finished.stderr
    (first,) = files_message_ids(tmp_path)
    assert f"The reminder {first} to " in finished.stderr and "could not be marked sent" in finished.stderr
    assert "The reminders this run still held go once its lease ends" in finished.stderr
    assert not Reminder.objects.filter(sent_at__isnull=False).exists()

    deadline = time.monotonic() + 30  # the dead run's lease (1 s) runs out
    while Reminder.objects.filter(sent_at__isnull=True, claimed_until__gte=timezone.now()).exists():
        assert time.monotonic() < deadline, "the lease should have run out"
        time.sleep(0.1)
    next_run = scheduling.send_due_reminders(today=OPENS)
    assert len(next_run.sent) == 42
    sent = Counter(files_message_ids(tmp_path) + [message.extra_headers["Message-ID"] for message in mail.outbox])
    assert set(sent) == {reminder.message_id for reminder in due_in_brazil}
    assert [message_id for message_id, count in sent.items() if count > 1] == [first] and max(sent.values()) == 2
