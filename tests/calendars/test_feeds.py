"""A market's iCalendar feed: what a subscriber in Google Calendar or Outlook sees, and bad addresses."""
from datetime import date, timedelta

import pytest
from icalendar import Calendar

from calendars import feeds
from calendars.loading import load_occasions
from calendars.models import Observance, Occurrence
from calendars.names import OccasionNames

pytestmark = pytest.mark.django_db

IN_2027 = date(2027, 1, 15)  # the feed covers 2026 to 2029


@pytest.fixture
def calendar(markets):
    load_occasions()
    return markets


def events(feed):
    return Calendar.from_ical(feed).walk("VEVENT")


def event_of(feed, summary, year):
    found = [event for event in events(feed) if event["SUMMARY"] == summary and event.decoded("DTSTART").year == year]
    assert len(found) == 1, f"{summary} {year}: {len(found)} events"
    return found[0]


def test_brazil_sees_dia_dos_namorados_in_portuguese_as_an_all_day_event(calendar):
    feed = feeds.market_feed(calendar["BR"], today=IN_2027)
    namorados = event_of(feed, "Dia dos Namorados", 2027)
    assert namorados.decoded("DTSTART") == date(2027, 6, 12)
    assert namorados.decoded("DTEND") == date(2027, 6, 13)  # exclusive: the day after
    assert namorados["DTSTART"].params["VALUE"] == "DATE"
    assert b"DTSTART;VALUE=DATE:20270612" in feed
    assert "Brazilian Valentine's Day" in namorados["DESCRIPTION"]  # the English name for the team
    assert "Saint Anthony" in namorados["DESCRIPTION"] or "Santo Antônio" in namorados["DESCRIPTION"]
    assert "estimated" not in namorados["DESCRIPTION"].lower()


def test_a_multi_day_span_ends_the_day_after_its_last_day(calendar):
    carnival = next(
        event for event in events(feeds.market_feed(calendar["BR"], today=IN_2027))
        if event.decoded("DTSTART") == date(2027, 2, 6)
    )
    assert carnival.decoded("DTEND") == date(2027, 2, 11)  # Carnival 2027 runs 6 to 10 February


def test_the_feed_covers_last_year_to_two_years_ahead(calendar):
    years = {event.decoded("DTSTART").year for event in events(feeds.market_feed(calendar["BR"], today=IN_2027))}
    assert years == {2026, 2027, 2028, 2029}
    assert set(Occurrence.objects.filter(market=calendar["BR"]).values_list("year", flat=True)) == years


def test_ramadan_in_saudi_arabia_is_named_in_arabic_and_marked_estimated(calendar):
    feed = feeds.market_feed(calendar["SA"], today=IN_2027)
    ramadan = event_of(feed, "رمضان", 2027)
    assert ramadan.decoded("DTSTART") == date(2027, 2, 8)  # 1 Ramadan 1448 in the Umm al-Qura table
    assert "Estimated date" in ramadan["DESCRIPTION"] and "moon sighting" in ramadan["DESCRIPTION"]
    assert event_of(feed, "الجمعة البيضاء", 2027)  # never "Black Friday" in the Gulf


def test_pakistan_reads_its_own_english_name_for_black_friday(calendar):
    assert event_of(feeds.market_feed(calendar["PK"], today=IN_2027), "White Friday", 2027)


def test_an_occasion_not_named_in_the_markets_language_reads_english(calendar):
    singles_day = event_of(feeds.market_feed(calendar["TH"], today=IN_2027), "Singles' Day (11.11)", 2027)
    assert singles_day.decoded("DTSTART") == date(2027, 11, 11)


def test_chinese_names_come_from_the_simplified_chinese_translation(calendar):
    assert event_of(feeds.market_feed(calendar["CN"], today=IN_2027), "七夕节", 2027)


def test_indonesian_names_come_from_the_ind_fields(calendar):
    assert event_of(feeds.market_feed(calendar["ID"], today=IN_2027), "Hari Valentine", 2027)


# Notes: the occasion's, which hold everywhere, and the market's own; never another market's.

def test_brazils_new_year_says_nothing_of_japan(calendar):
    new_year = event_of(feeds.market_feed(calendar["BR"], today=IN_2027), "Ano-Novo", 2027)
    description = new_year["DESCRIPTION"]
    assert "Campaigns run in December" in description  # the occasion's notes, for every market
    for elsewhere in ("Japan", "fukubukuro", "China", "Korea", "Vietnam", "Lunar New Year"):
        assert elsewhere not in description


def test_a_market_with_its_own_notes_gets_them_beside_the_occasions(calendar):
    new_year = event_of(feeds.market_feed(calendar["JP"], today=IN_2027), "元日", 2027)
    assert "fukubukuro" in new_year["DESCRIPTION"]
    assert "Campaigns run in December" in new_year["DESCRIPTION"]
    assert "Lunar New Year" not in new_year["DESCRIPTION"]  # that is China's, Korea's and Vietnam's


def test_the_gulf_is_told_why_it_is_white_friday_and_brazil_is_not(calendar):
    white_friday = event_of(feeds.market_feed(calendar["SA"], today=IN_2027), "الجمعة البيضاء", 2027)
    assert "never call it Black here" in white_friday["DESCRIPTION"]
    black_friday = event_of(feeds.market_feed(calendar["BR"], today=IN_2027), "Black Friday", 2027)
    assert "White Friday" not in black_friday["DESCRIPTION"] and "reference prices" in black_friday["DESCRIPTION"]


def test_a_markets_notes_are_read_in_its_language_when_written_in_it(calendar):
    spring_festival = event_of(feeds.market_feed(calendar["CN"], today=IN_2027), "春节", 2027)
    assert "红包" in spring_festival["DESCRIPTION"]  # the occasion's notes in Chinese
    assert "快递停工" in spring_festival["DESCRIPTION"]  # and China's own
    seollal = event_of(feeds.market_feed(calendar["KR"], today=IN_2027), "설날", 2027)
    assert "hanbok" in seollal["DESCRIPTION"]
    assert "Factories and couriers stop" not in seollal["DESCRIPTION"]


def test_a_note_written_for_one_market_reaches_its_feed_only(client, calendar, people):
    client.force_login(people["admin"])
    occasion = Observance.objects.get(occasion__slug="new-year", market__code="BR").occasion
    page = client.get(f"/admin/calendars/occasion/{occasion.pk}/change/").content.decode()
    assert 'name="observances-0-notes_en"' in page  # written in the occasion's page, market by market
    Observance.objects.filter(occasion=occasion, market__code="BR").update(notes_en="Réveillon: white clothes on the beach.")
    assert "Réveillon" in event_of(feeds.market_feed(calendar["BR"], today=IN_2027), "Ano-Novo", 2027)["DESCRIPTION"]
    assert "Réveillon" not in event_of(feeds.market_feed(calendar["AR"], today=IN_2027), "Año Nuevo", 2027)["DESCRIPTION"]


def test_no_market_reads_another_markets_own_notes(calendar):
    observances = list(Observance.objects.select_related("occasion", "market"))
    own = {(o.occasion_id, o.market_id): o.notes_en for o in observances if o.notes_en}
    assert len(own) > 20  # the catalogue keeps market remarks in the markets
    names_of = {}
    for observance in observances:
        names = names_of.setdefault(observance.market_id, OccasionNames(observance.market))
        notes = names.notes(Occurrence(occasion=observance.occasion, market=observance.market))
        for (occasion_id, market_id), text in own.items():
            if occasion_id == observance.occasion_id and text not in own.get((occasion_id, observance.market_id), ""):
                assert text not in notes, f"{observance}: {text}"


def test_the_feed_is_named_for_the_market_and_refreshes_daily(calendar):
    parsed = Calendar.from_ical(feeds.market_feed(calendar["BR"], today=IN_2027))
    assert parsed["X-WR-CALNAME"] == "Glocal · Brazil occasions"
    assert parsed["VERSION"] == "2.0" and parsed["PRODID"]
    assert parsed["REFRESH-INTERVAL"].dt == timedelta(days=1)


def test_the_same_data_gives_the_same_bytes_and_uids(calendar):
    first = feeds.market_feed(calendar["BR"], today=IN_2027)
    second = feeds.market_feed(calendar["BR"], today=IN_2027)
    assert first == second
    uids = [str(event["UID"]) for event in events(first)]
    assert len(uids) == len(set(uids))
    assert event_of(first, "Dia dos Namorados", 2027)["UID"] == "dia-dos-namorados-BR-2027-0@glocal"


def test_a_confirmed_date_keeps_its_uid_and_moves(calendar, people):
    from calendars import occurrences

    before = feeds.market_feed(calendar["SA"], today=IN_2027)
    eid = Occurrence.objects.get(market=calendar["SA"], occasion__slug="eid-al-fitr", year=2027)
    occurrences.confirm(occurrence=eid, user=people["manager"], starts_on=eid.starts_on + timedelta(days=1))
    uid = "eid-al-fitr-SA-2027-0@glocal"
    moved = next(e for e in events(feeds.market_feed(calendar["SA"], today=IN_2027)) if e["UID"] == uid)
    was = next(e for e in events(before) if e["UID"] == uid)
    assert moved.decoded("DTSTART") == was.decoded("DTSTART") + timedelta(days=1)
    assert "Estimated date" not in moved["DESCRIPTION"]


def test_the_feed_url_is_public_and_says_it_is_a_calendar(client, calendar):
    response = client.get("/calendars/BR.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert any(event["SUMMARY"] == "Dia dos Namorados" for event in events(response.content))


def test_a_lower_case_code_answers_with_the_same_feed_without_a_redirect(client, calendar):
    upper, lower = client.get("/calendars/BR.ics"), client.get("/calendars/br.ics")
    assert lower.status_code == 200 and "Location" not in lower  # some calendar clients never follow redirects
    assert lower["Content-Type"] == "text/calendar; charset=utf-8"
    assert lower["Content-Disposition"] == upper["Content-Disposition"] == 'inline; filename="glocal-BR.ics"'
    assert lower.content == upper.content


@pytest.mark.parametrize("code", ["XX", "BRA", "b1", "-"])
def test_an_unknown_market_says_which_codes_to_use(client, calendar, code):
    response = client.get(f"/calendars/{code}.ics")
    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith(f"Unknown market '{code}'; use one of: AE, AR, AU, BR,")


def test_the_feed_cannot_be_posted_to(client, calendar):
    assert client.post("/calendars/BR.ics").status_code == 405
