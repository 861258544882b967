"""Two schedulers and two senders at the same moment on the real PostgreSQL: each market opens once, each reminder goes once."""
import threading
from collections import Counter
from datetime import date

import pytest
from django.core import mail
from django.db import connection

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
