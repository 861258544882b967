"""Each person's milestones as an iCalendar feed at a secret address: exactly their milestones, in their
language, the same bytes for the same data; a new address or turning it off makes the old one answer 404."""
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from localization import feeds, scheduling
from localization.models import Milestone, Reminder, UserPreference
from localization.views import NEW_ADDRESS_KEY
from tests.localization.test_board import OPENS, submitted, valentines, variant  # noqa: F401 (fixture)
from tests.localization.test_scheduling import calendar, make_campaign  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 5, 25, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)


def path_of(token):
    return reverse("localization:user_feed", args=[token])


def events(body):
    return [component for component in Calendar.from_ical(body).walk("VEVENT")]


def fetch(client, token):
    return client.get(path_of(token))


# Exactly the person's milestones ------------------------------------------------------------------


def test_the_feed_lists_exactly_the_persons_milestones(client, valentines, people, settings):  # noqa: F811
    settings.SITE_URL = "https://glocal.example"
    token = feeds.new_calendar_address(user=people["reviewer"])
    response = fetch(client, token)
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    found = {(str(event["summary"]), event.decoded("dtstart")) for event in events(response.content)}
    assert found == {
        ("Kickoff: Valentine's 2027 in Brazil", OPENS),
        ("Review due: Valentine's 2027 in Brazil", date(2027, 5, 29)),
    }
    mine = {(r.milestone, r.due_on) for r in Reminder.objects.filter(recipient=people["reviewer"])}
    assert mine == {(Milestone.KICKOFF, OPENS), (Milestone.REVIEW_DUE, date(2027, 5, 29))}
    review_due = next(event for event in events(response.content) if "Review due" in str(event["summary"]))
    copy_page = f"https://glocal.example/admin/localization/copyvariant/{variant(valentines, 'BR').pk}/change/"
    assert str(review_due["url"]) == copy_page and copy_page in str(review_due["description"])
    assert "Brazilian Valentine's Day (Dia dos Namorados)" in str(review_due["description"])
    assert review_due.decoded("dtend") == date(2027, 5, 30)  # an all-day event


def test_another_persons_milestones_are_not_in_the_feed(client, valentines, people):  # noqa: F811
    token = feeds.new_calendar_address(user=people["copywriter"])
    found = sorted((event.decoded("dtstart"), str(event["summary"])) for event in events(fetch(client, token).content))
    assert found == [  # Brazil and Mexico, which she writes; nobody's review
        (date(2027, 1, 15), "Kickoff: Valentine's 2027 in Mexico"),
        (date(2027, 1, 24), "Copy due: Valentine's 2027 in Mexico"),
        (OPENS, "Kickoff: Valentine's 2027 in Brazil"),
        (date(2027, 5, 22), "Copy due: Valentine's 2027 in Brazil"),
    ]


def test_the_feed_speaks_the_persons_language(client, valentines, people):  # noqa: F811
    UserPreference.objects.update_or_create(user=people["reviewer"], defaults={"language": "zh-hans"})
    token = feeds.new_calendar_address(user=people["reviewer"])
    body = fetch(client, token).content.decode()
    assert "审核截止" in body  # Review due
    assert "巴西情人节" in body and "Dia dos Namorados" in body  # the occasion for the reader, Brazil's own name beside


def test_the_same_data_gives_the_same_bytes(client, valentines, people, monkeypatch):  # noqa: F811
    token = feeds.new_calendar_address(user=people["reviewer"])
    first = fetch(client, token).content
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW + timedelta(hours=5))
    assert fetch(client, token).content == first
    stamps = {event.decoded("dtstamp") for event in events(first)}
    assert stamps == {reminder.created_at.replace(microsecond=0) for reminder in Reminder.objects.filter(recipient=people["reviewer"])}
    uids = [str(event["uid"]) for event in events(first)]
    assert len(set(uids)) == len(uids) == 2
    # A moved occasion changes the date of the event, not its identity.
    Reminder.objects.filter(recipient=people["reviewer"], milestone=Milestone.REVIEW_DUE).update(due_on=date(2027, 5, 30))
    assert [str(event["uid"]) for event in events(fetch(client, token).content)] == uids


def test_a_met_milestone_says_so(client, valentines, people):  # noqa: F811
    token = feeds.new_calendar_address(user=people["copywriter"])
    submitted(valentines, "BR", people["copywriter"])
    copy_due = next(event for event in events(fetch(client, token).content) if str(event["summary"]) == "Copy due: Valentine's 2027 in Brazil")
    assert "Met: the copy has got past this milestone." in str(copy_due["description"])


def test_the_feed_takes_the_same_queries_however_many_milestones(client, valentines, people, calendar):  # noqa: F811
    token = feeds.new_calendar_address(user=people["reviewer"])
    counts = []
    for number in range(2):
        with CaptureQueriesContext(connection) as captured:
            fetch(client, token)
        counts.append(len(captured))
        for extra in range(4):
            campaign = make_campaign(people, calendar, ["BR", "MX"], slug=f"more-{number}-{extra}", name=f"More {number} {extra}")
            campaign.campaign_markets.filter(market__code="BR").update(occasion_id=valentines.campaign_markets.get(market__code="BR").occasion_id)
        scheduling.schedule_due_campaigns(today=OPENS)
    assert len(events(fetch(client, token).content)) == 2 * 9
    assert counts[0] == counts[1] <= 7


# The secret address -------------------------------------------------------------------------------


def test_only_a_digest_of_the_address_is_kept(valentines, people):  # noqa: F811
    token = feeds.new_calendar_address(user=people["reviewer"])
    stored = UserPreference.objects.get(user=people["reviewer"])
    assert len(token) == 43 and stored.calendar_token_digest != token and token not in stored.calendar_token_digest
    assert feeds.user_for_token(token) == people["reviewer"]


def test_a_new_address_makes_the_old_one_answer_404(client, valentines, people):  # noqa: F811
    old = feeds.new_calendar_address(user=people["reviewer"])
    new = feeds.new_calendar_address(user=people["reviewer"])
    assert old != new
    assert fetch(client, old).status_code == 404
    assert fetch(client, new).status_code == 200


def test_a_turned_off_address_an_unknown_one_and_a_departed_persons_answer_404(client, valentines, people):  # noqa: F811
    token = feeds.new_calendar_address(user=people["reviewer"])
    assert feeds.turn_off_calendar(user=people["reviewer"])
    response = fetch(client, token)
    assert response.status_code == 404 and b"replaced or turned off" in response.content
    assert fetch(client, "A" * 43).status_code == 404
    assert client.get("/calendars/me/short.ics").status_code == 404
    token = feeds.new_calendar_address(user=people["copywriter"])
    type(people["copywriter"]).objects.filter(pk=people["copywriter"].pk).update(is_active=False)
    assert fetch(client, token).status_code == 404


def test_the_feed_needs_no_login_but_only_answers_reading(client, valentines, people):  # noqa: F811
    token = feeds.new_calendar_address(user=people["reviewer"])
    assert fetch(client, token).status_code == 200  # no session: calendar clients cannot log in
    assert client.post(path_of(token)).status_code == 405
    assert fetch(client, token)["Cache-Control"] == "private, no-store"


def test_the_board_makes_a_new_address_and_shows_it_once(client, valentines, people):  # noqa: F811
    client.force_login(people["reviewer"])
    assert client.get(reverse("localization:new_calendar_address")).status_code == 405
    response = client.post(reverse("localization:new_calendar_address"))
    assert response.status_code == 302 and response["Location"] == "/admin/#glocal-calendar"
    html = client.get("/admin/").content.decode()
    address = client.session.get(NEW_ADDRESS_KEY)
    assert address is None  # shown, then forgotten
    start = html.index('id="glocal-calendar-url"')
    url = html[start:].split('value="', 1)[1].split('"', 1)[0]
    assert url.startswith("http") and url.endswith(".ics")
    assert client.get(urlparse(url).path).status_code == 200
    again = client.get("/admin/").content.decode()
    assert 'id="glocal-calendar-url"' not in again and "Your calendar address was made on" in again
    client.post(reverse("localization:new_calendar_address"))
    assert client.get(urlparse(url).path).status_code == 404  # replaced


def test_turning_off_from_the_board(client, valentines, people):  # noqa: F811
    token = feeds.new_calendar_address(user=people["reviewer"])
    client.force_login(people["reviewer"])
    assert client.post(reverse("localization:turn_off_calendar")).status_code == 302
    assert fetch(client, token).status_code == 404
    assert "Make my calendar address" in client.get("/admin/").content.decode()


def test_someone_not_logged_in_cannot_make_an_address(client, people):
    response = client.post(reverse("localization:new_calendar_address"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not UserPreference.objects.filter(calendar_token_digest__isnull=False).exists()

