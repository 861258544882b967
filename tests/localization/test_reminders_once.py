"""Reminders effectively once, in one process: a sender paused past its lease leaves what another sender took to it
and does not crash, a run with nothing left ends cleanly, a failed run lets go of what it held but had not sent, a run
says what another sender's lease still holds, and the broker hands a killed worker's task back within minutes."""
import json
import os
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.test.signals import template_rendered
from django.utils import timezone

from localization import access, scheduling
from localization.models import Reminder
from tests.conftest import make_person
from tests.localization.test_scheduling import calendar, make_campaign  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
OPENS = date(2027, 5, 13)  # Brazil's launch day for Dia dos Namorados 2027


@pytest.fixture
def six_kickoffs(people, calendar):  # noqa: F811
    """Valentine's 2027 opened in Brazil with four more copywriters: six kickoff reminders due (Mexico's are over)."""
    for number in range(4):
        make_person(f"writer{number}", access.COPYWRITERS, writes=[calendar["BR"]])
    campaign = make_campaign(people, calendar, ["BR", "MX"])
    scheduling.schedule_due_campaigns(today=date(2027, 1, 15))
    scheduling.schedule_due_campaigns(today=OPENS)
    kickoffs = list(Reminder.objects.filter(campaign=campaign, market__code="BR", milestone="kickoff"))
    assert len(kickoffs) == 6
    return kickoffs


def message_ids(outbox):
    return [message.extra_headers["Message-ID"] for message in outbox]


def wait_for(predicate, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    pytest.fail(f"timed out after {seconds} s waiting for {what}")


def test_a_sender_paused_past_its_lease_sends_nothing_another_sender_took_and_does_not_crash(six_kickoffs, mailoutbox, settings):
    settings.GLOCAL_REMINDER_LEASE_SECONDS = 1
    other = {}
    rendered = []

    def pause_then_let_another_sender_run(sender, template, **kwargs):
        """While the first sender writes its second e-mail it stands still past its lease; another sender runs meanwhile."""
        if template.name != "email/reminder.txt":
            return
        rendered.append(template.name)
        if len(rendered) != 2:
            return
        wait_for(lambda: not Reminder.objects.filter(claimed_until__gte=timezone.now()).exists(), 10, "the first sender's lease to run out")
        other["run"] = scheduling.send_due_reminders(today=OPENS)

    template_rendered.connect(pause_then_let_another_sender_run)
    try:
        paused = scheduling.send_due_reminders(today=OPENS)  # with the old sender: a second mail, then ValueError
    finally:
        template_rendered.disconnect(pause_then_let_another_sender_run)

    resumed_after = other["run"]
    assert len(paused.sent) == 1 and len(resumed_after.sent) == 5
    assert {r.pk for r in paused.taken} == {r.pk for r in resumed_after.sent}  # left to the sender that took them
    assert "Taken over by another sender: 5" in str(paused)
    sent = Counter(message_ids(mailoutbox))
    assert set(sent) == {reminder.message_id for reminder in six_kickoffs} and set(sent.values()) == {1}
    assert not Reminder.objects.filter(pk__in=[r.pk for r in six_kickoffs], sent_at__isnull=True).exists()


def test_a_run_with_nothing_left_to_claim_ends_cleanly(six_kickoffs, mailoutbox):
    first = scheduling.send_due_reminders(today=OPENS)
    assert len(first.sent) == 6
    again = scheduling.send_due_reminders(today=OPENS)  # an empty claim at once
    assert (again.sent, again.skipped, again.failed, again.taken, again.held_elsewhere, again.released) == ([], [], [], [], [], [])
    assert len(mailoutbox) == 6


class InterruptedBackend(EmailBackend):
    """The test outbox, with the operator pressing Ctrl-C while the third e-mail is being handed over."""

    handed = 0

    def send_messages(self, messages):
        InterruptedBackend.handed += 1
        if InterruptedBackend.handed == 3:
            raise KeyboardInterrupt
        return super().send_messages(messages)


def test_a_failed_run_lets_go_of_what_it_held_but_had_not_sent(six_kickoffs, mailoutbox, settings):
    settings.EMAIL_BACKEND = f"{__name__}.InterruptedBackend"
    InterruptedBackend.handed = 0
    with pytest.raises(KeyboardInterrupt):
        scheduling.send_due_reminders(today=OPENS)

    kickoffs = Reminder.objects.filter(pk__in=[r.pk for r in six_kickoffs])
    assert kickoffs.filter(sent_at__isnull=False).count() == 2
    # The one in flight may have reached the mail server: it waits out its lease. The other three are let go at once.
    (in_flight,) = kickoffs.filter(sent_at__isnull=True, claimed_until__gt=timezone.now())
    assert kickoffs.filter(sent_at__isnull=True, claimed_by__isnull=True, claimed_until__isnull=True).count() == 3

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    next_run = scheduling.send_due_reminders(today=OPENS)
    assert len(next_run.sent) == 3
    assert [r.pk for r in next_run.held_elsewhere] == [in_flight.pk]
    assert Counter(message_ids(mail.outbox)) == Counter({r.message_id: 1 for r in six_kickoffs if r.pk != in_flight.pk})


def test_the_command_says_what_another_senders_lease_still_holds(six_kickoffs, mailoutbox):
    held = six_kickoffs[0]
    until = (timezone.now() + timedelta(minutes=4)).replace(microsecond=0)
    Reminder.objects.filter(pk=held.pk).update(claimed_until=until, claimed_by="6f1c2f43-0000-4000-8000-000000000001")  # a sender killed mid-batch
    out = StringIO()
    call_command("send_reminders", "--today", OPENS.isoformat(), stdout=out)
    said = out.getvalue()
    assert f"Held by another sender: 1 reminder, until {until.isoformat(timespec='seconds')} at the latest" in said
    assert "Reminders sent: 5" in said and "held by another sender: 1." in said
    assert held.message_id not in message_ids(mailoutbox) and len(mailoutbox) == 5


def test_a_killed_workers_task_comes_back_within_minutes_not_after_redis_hour():
    """Production settings (a Redis broker): tasks acknowledged late and handed out again after ten minutes, twice
    the reminder lease, so the redelivered sender finds the dead one's batch let go."""
    env = {**os.environ, "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0", "DJANGO_SECRET_KEY": "glocal-tests-only",
           "DJANGO_SETTINGS_MODULE": "glocal.settings"}
    for name in ("CELERY_VISIBILITY_TIMEOUT", "GLOCAL_REMINDER_LEASE_SECONDS"):
        env.pop(name, None)
    script = (
        "import json, django; django.setup()\n"
        "from django.conf import settings; from glocal.celery import app\n"
        "print(json.dumps({'options': app.conf.broker_transport_options, 'acks_late': app.conf.task_acks_late,\n"
        "  'reject_on_worker_lost': app.conf.task_reject_on_worker_lost, 'prefetch': app.conf.worker_prefetch_multiplier,\n"
        "  'lease': settings.GLOCAL_REMINDER_LEASE_SECONDS}))\n"
    )
    found = json.loads(subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout)
    assert found["acks_late"] and found["reject_on_worker_lost"] and found["prefetch"] == 1
    visibility = found["options"]["visibility_timeout"]
    assert visibility == 600 and found["lease"] * 2 <= visibility  # minutes, not Redis's hour
    assert found["options"]["unacked_restore_interval"] * found["options"]["unacked_restore_throttle"] <= 10
