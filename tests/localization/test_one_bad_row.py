"""One bad row never stops the others: rows damaged by raw SQL, past validation, are logged with their id,
shown to managers on the board as rows to mend, and skipped, while the board, the campaign page, the feeds,
the scheduler and the sender go on for everyone else."""
from datetime import UTC, date, datetime

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from calendars.models import Occurrence
from localization import board, feeds, integrity, scheduling
from localization.models import Campaign, CampaignMarket
from tests.localization.test_scheduling import calendar, make_campaign  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

OPENS = date(2027, 5, 14)  # a day after Brazil's launch day for Dia dos Namorados (12 June 2027)


@pytest.fixture
def three(people, calendar, monkeypatch):  # noqa: F811
    """Three Valentine's campaigns in Brazil, Mexico and Germany, planned in January; the middle one is to be damaged."""
    for number in range(3):
        make_campaign(people, calendar, ["BR", "MX", "DE"], slug=f"love-{number}", name=f"Love {number}")
    scheduling.schedule_due_campaigns(today=date(2027, 1, 15))
    monkeypatch.setattr("django.utils.timezone.now", lambda: datetime(2027, 5, 14, 12, tzinfo=UTC))
    return Campaign.objects.get(slug="love-1")


def raw(sql, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def opened_in_brazil():
    return set(CampaignMarket.objects.filter(market__code="BR", opened_on__isnull=False).values_list("campaign__slug", flat=True))


def board_html(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_million_days_milestone_leaves_the_board_and_the_scheduler_working_for_everyone_else(client, people, three, caplog):
    raw("UPDATE localization_campaign SET milestone_days = %s WHERE id = %s", '{"copy_due": 1000000}', three.pk)
    run = scheduling.schedule_due_campaigns(today=OPENS)
    assert opened_in_brazil() == {"love-0", "love-2"}  # the others opened; the damaged one waits
    assert any("Love 1" in str(problem) and "more than a year ahead" in str(problem) for problem in run.problems)
    for role in ("copywriter", "reviewer", "manager"):
        html = board_html(client, people[role])
        assert "Love 0" in html or role == "reviewer"
        assert ("Rows to mend" in html) == (role == "manager")
    html = board_html(client, people["manager"])
    panel = html[html.index('id="glocal-to-mend"'):html.index('class="glocal-board-mine"')]
    assert "Love 1" in panel and "Copy due 1000000 days before the occasion is more than a year ahead" in panel
    assert reverse("admin:localization_campaign_change", args=[three.pk]) in panel
    page = client.get(reverse("admin:localization_campaign_change", args=[three.pk]))
    assert page.status_code == 200


def test_the_command_opens_the_rest_then_names_the_damaged_campaign(people, three):
    raw("UPDATE localization_campaign SET milestone_days = %s WHERE id = %s", '{"copy_due": 1000000}', three.pk)
    with pytest.raises(CommandError) as failed:
        call_command("schedule_campaigns", "--today", OPENS.isoformat())
    assert "Love 1" in str(failed.value)
    assert opened_in_brazil() == {"love-0", "love-2"}


def test_a_date_past_any_calendar_leaves_the_feeds_answering(client, people, three, caplog):
    scheduling.schedule_due_campaigns(today=OPENS)
    occurrence = CampaignMarket.objects.get(campaign=three, market__code="BR").occurrence
    other = Occurrence.objects.filter(market__code="BR", year=2027).exclude(pk=occurrence.pk).first()
    raw("UPDATE calendars_occurrence SET starts_on = %s, ends_on = %s WHERE id = %s", "9999-12-30", "9999-12-31", other.pk)
    feed = client.get("/calendars/BR.ics")
    assert feed.status_code == 200
    body = feed.content.decode()
    assert body.count("BEGIN:VEVENT") >= 10 and "99991230" not in body
    assert f"calendars.occurrence {other.pk}" in caplog.text  # logged with its id
    token = feeds.new_calendar_address(user=people["copywriter"])
    personal = client.get(feeds.feed_url(token))
    assert personal.status_code == 200 and "Love 0" in personal.content.decode()
    html = board_html(client, people["manager"])
    assert "Rows to mend" in html and "is outside the calendar Glocal keeps" in html


def test_a_date_no_arithmetic_can_hold_is_skipped_by_the_board_and_the_month_view(client, people, three, caplog):
    """Brazil's Dia dos Namorados stored from year 1 to 9999: no launch day can even be computed from it. The
    board skips the market rows that use it, logs and names each, and answers for everyone."""
    occurrence = Occurrence.objects.get(market__code="BR", occasion__slug="dia-dos-namorados", year=2027)
    raw("UPDATE calendars_occurrence SET starts_on = %s, ends_on = %s WHERE id = %s", "0001-01-02", "9999-12-31", occurrence.pk)
    offers = CampaignMarket.objects.filter(market__code="BR").order_by("campaign__slug")
    for role in ("copywriter", "reviewer", "manager"):
        board_html(client, people[role])
    for offer in offers:
        assert f"localization.campaignmarket {offer.pk}" in caplog.text
    to_mend = board.for_user(people["manager"]).to_mend
    assert {(problem.model, problem.pk) for problem in to_mend} >= {("calendars.occurrence", occurrence.pk)} | {
        ("localization.campaignmarket", offer.pk) for offer in offers
    }
    html = board_html(client, people["manager"])
    assert "Rows to mend" in html and "0001-01-02 is outside the calendar Glocal keeps" in html
    month = client.get(reverse("admin:calendars_occurrence_month"))
    assert month.status_code == 200


def test_a_damaged_offer_is_a_row_to_mend_on_its_campaigns_page(client, people, three):
    raw("UPDATE localization_campaignmarket SET lead_days = %s, offer_ends_on = %s WHERE campaign_id = %s", 30000, "9999-12-31", three.pk)
    found = [problem for problem in integrity.damaged_rows() if problem.model == "localization.campaignmarket"]
    assert len(found) == 3
    assert all(problem.url == reverse("admin:localization_campaign_change", args=[three.pk]) for problem in found)
    assert all("at most 365" in problem.problem and "9999-12-31 is outside the calendar" in problem.problem for problem in found)
    client.force_login(people["manager"])
    assert client.get(reverse("admin:localization_campaign_change", args=[three.pk])).status_code == 200
    run = scheduling.schedule_due_campaigns(today=OPENS)
    assert {"love-0", "love-2"} <= opened_in_brazil()
    assert run is not None


def test_the_sender_goes_on_past_a_damaged_campaign(people, three):
    scheduling.schedule_due_campaigns(today=OPENS)
    raw("UPDATE localization_campaign SET milestone_days = %s WHERE id = %s", '{"copy_due": 1000000}', three.pk)
    mail.outbox.clear()
    run = scheduling.send_due_reminders(today=date(2027, 5, 26))
    names = " ".join(message.subject for message in mail.outbox)
    assert "Love 0" in names and "Love 2" in names
    assert all(reminder.campaign_id == three.pk for reminder, _error in run.failed)


def test_nothing_damaged_means_no_panel(client, people, three):
    assert integrity.damaged_rows() == []
    assert board.for_user(people["manager"]).to_mend == []
    assert "Rows to mend" not in board_html(client, people["manager"])
