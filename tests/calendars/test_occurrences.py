"""Occurrences: the catalogue dated per market and year, idempotently; people's confirmations win."""
import csv
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from calendars import occurrences
from calendars.loading import load_occasions
from calendars.models import Observance, Occasion, Occurrence

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar(markets):
    load_occasions()
    return markets


def dated(market, slug, year):
    return Occurrence.objects.get(market=market, occasion__slug=slug, year=year, nth=0)


def test_materialize_dates_each_market_by_its_own_custom(calendar):
    occurrences.materialize([2027])
    assert dated(calendar["BR"], "dia-dos-namorados", 2027).starts_on == date(2027, 6, 12)
    assert dated(calendar["US"], "valentines-day", 2027).starts_on == date(2027, 2, 14)
    carnival = dated(calendar["BR"], "carnival", 2027)  # Easter 2027 is 28 March
    assert (carnival.starts_on, carnival.ends_on) == (date(2027, 2, 6), date(2027, 2, 10))
    assert dated(calendar["MX"], "mothers-day", 2027).starts_on == date(2027, 5, 10)
    assert dated(calendar["US"], "mothers-day", 2027).starts_on == date(2027, 5, 9)
    assert dated(calendar["GB"], "mothers-day", 2027).starts_on == date(2027, 3, 7)  # Easter - 21
    assert dated(calendar["DE"], "fathers-day", 2027).starts_on == date(2027, 5, 6)  # Ascension Day
    assert dated(calendar["US"], "cyber-monday", 2027).starts_on == date(2027, 11, 29)  # relative to Black Friday


def test_moon_dependent_dates_are_estimated(calendar):
    occurrences.materialize([2025], markets=[calendar["SA"]])
    ramadan = dated(calendar["SA"], "ramadan", 2025)
    assert (ramadan.starts_on, ramadan.ends_on, ramadan.estimated) == (date(2025, 3, 1), date(2025, 3, 29), True)
    assert dated(calendar["SA"], "black-friday", 2025).estimated is False


def test_a_per_market_shift_wins_over_the_rule(calendar):
    occurrences.materialize([2025], markets=[calendar["SA"], calendar["IN"]])
    saudi, india = dated(calendar["SA"], "eid-al-adha", 2025), dated(calendar["IN"], "eid-al-adha", 2025)
    assert (india.starts_on - saudi.starts_on).days == 1
    assert "+1 day in this market" in india.source


def test_name_variants_per_market(calendar):
    white_friday = Observance.objects.get(occasion__slug="black-friday", market=calendar["SA"])
    assert white_friday.name_en == "White Friday"


def test_two_starts_in_one_year_are_both_kept(calendar):
    occurrences.materialize([2030], markets=[calendar["SA"]])
    starts = list(Occurrence.objects.filter(market=calendar["SA"], occasion__slug="ramadan", year=2030).values_list("nth", "starts_on"))
    assert starts == [(0, date(2030, 1, 5)), (1, date(2030, 12, 26))]


def test_rerunning_changes_nothing(calendar):
    first = occurrences.materialize([2026, 2027])
    before = list(Occurrence.objects.order_by("pk").values())
    second = occurrences.materialize([2026, 2027])
    assert first.created > 400 and (second.created, second.updated, second.deleted) == (0, 0, 0)
    assert list(Occurrence.objects.order_by("pk").values()) == before


def test_a_confirmed_date_wins_and_is_never_overwritten(calendar, people):
    occurrences.materialize([2026], markets=[calendar["SA"]])
    eid = dated(calendar["SA"], "eid-al-fitr", 2026)
    occurrences.confirm(occurrence=eid, user=people["manager"], starts_on=eid.starts_on.replace(day=eid.starts_on.day + 1))
    confirmed = dated(calendar["SA"], "eid-al-fitr", 2026)
    counts = occurrences.materialize([2026], markets=[calendar["SA"]])
    assert dated(calendar["SA"], "eid-al-fitr", 2026).starts_on == confirmed.starts_on
    assert confirmed.estimated is False and "confirmed by dora" in confirmed.source
    assert counts.updated == 0


def test_an_edited_rule_moves_the_unconfirmed_dates(calendar):
    occurrences.materialize([2027], markets=[calendar["BR"]])
    Occasion.objects.filter(slug="dia-dos-namorados").update(rule={"kind": "fixed", "month": 6, "day": 13})
    counts = occurrences.materialize([2027], markets=[calendar["BR"]])
    assert counts.updated == 1 and dated(calendar["BR"], "dia-dos-namorados", 2027).starts_on == date(2027, 6, 13)


@pytest.mark.parametrize(
    ("rule", "says"),
    [
        ({"kind": "fixed", "month": 2, "day": 30}, "February has no day 30"),
        ({"kind": "hijri", "month": 13, "day": 1}, "Hijri month 13 does not exist"),
        ({"kind": "moonish"}, "Unknown rule kind 'moonish'"),
    ],
)
def test_a_bad_rule_is_refused_on_save_and_nothing_is_saved(calendar, rule, says):
    occasion = Occasion(slug="test-day", name_en="Test day", kind="cultural", rule=rule)
    with pytest.raises(ValidationError) as refused:
        occasion.full_clean()
    assert says in " ".join(refused.value.message_dict["rule"])
    assert not Occasion.objects.filter(slug="test-day").exists()


def test_a_circle_of_relative_rules_is_a_clear_error(calendar):
    Occasion.objects.filter(slug="black-friday").update(rule={"kind": "relative", "occasion": "cyber-monday", "offset_days": -3})
    with pytest.raises(occurrences.CalendarError, match="refer to each other in a circle"):
        occurrences.materialize([2027], markets=[calendar["US"]])
    assert not Occurrence.objects.filter(market=calendar["US"]).exists()  # nothing half-saved


def run(*args):
    out = io.StringIO()
    call_command("occasion_dates", *args, stdout=out)
    return out.getvalue()


def test_occasion_dates_csv(calendar):
    rows = list(csv.DictReader(io.StringIO(run("--market", "BR", "--year", "2027", "--format", "csv"))))
    assert list(rows[0]) == ["date", "end_date", "occasion", "market", "estimated"]
    assert {"date": "2027-06-12", "end_date": "2027-06-12", "occasion": "dia-dos-namorados", "market": "BR", "estimated": "false"} in rows
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)


def test_occasion_dates_for_a_far_year_computes_it(calendar):
    rows = list(csv.DictReader(io.StringIO(run("--market", "IN", "--year", "2060", "--format", "csv"))))
    diwali = next(r for r in rows if r["occasion"] == "diwali")
    assert diwali["date"].startswith("2060-1") and diwali["estimated"] == "true"  # beyond the published tables


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--market", "XX", "--year", "2027"], "Unknown market 'XX'; use one of: AE, AR"),
        (["--market", "BR", "--year", "1899"], "Year 1899 is outside the calendar; use a year from 1900 to 2100."),
        (["--market", "BR", "--year", "2101"], "outside the calendar"),
    ],
)
def test_occasion_dates_bad_input_exits_with_a_clear_message(calendar, args, says):
    with pytest.raises(CommandError, match=says):
        run(*args)
    assert not Occurrence.objects.exists()


def test_load_calendar_twice_changes_nothing(markets):
    call_command("load_calendar", "--years", "2", stdout=io.StringIO())
    count = Occurrence.objects.count()
    out = io.StringIO()
    call_command("load_calendar", "--years", "2", stdout=out)
    assert Occurrence.objects.count() == count and "0 created, 0 updated, 0 removed" in out.getvalue()


def test_the_periodic_task_fills_the_coming_years(calendar):
    from calendars.tasks import materialize_upcoming_occurrences

    assert "created" in materialize_upcoming_occurrences.delay(years=2).get()
    assert Occurrence.objects.filter(year=occurrences.upcoming_years()[1]).exists()


@pytest.mark.parametrize("years", ["0", "51"])
def test_load_calendar_refuses_a_silly_number_of_years(markets, years):
    with pytest.raises(CommandError, match=f"--years {years} is out of range; give 1 to 50."):
        call_command("load_calendar", "--years", years, stdout=io.StringIO())
    assert not Occasion.objects.exists()


def test_every_role_finds_the_month_view_in_the_header(client, people):
    client.force_login(people["copywriter"])
    assert "/admin/calendars/occurrence/month/" in client.get("/admin/").content.decode()


def test_a_circle_of_relative_rules_is_refused_on_save(calendar):
    black_friday = Occasion.objects.get(slug="black-friday")
    black_friday.rule = {"kind": "relative", "occasion": "cyber-monday", "offset_days": -3}
    with pytest.raises(ValidationError) as refused:
        black_friday.full_clean()
    assert "refer to each other in a circle" in " ".join(refused.value.message_dict["rule"])
    assert Occasion.objects.get(slug="black-friday").rule["kind"] == "nth_weekday"  # nothing saved


def test_a_market_that_stops_observing_loses_its_unconfirmed_dates(calendar):
    occurrences.materialize([2027], markets=[calendar["BR"]])
    Observance.objects.filter(occasion__slug="carnival", market=calendar["BR"]).delete()
    counts = occurrences.materialize([2027], markets=[calendar["BR"]])
    assert counts.deleted == 1
    assert not Occurrence.objects.filter(occasion__slug="carnival", market=calendar["BR"]).exists()


def test_the_feed_says_what_is_wrong_when_a_rule_cannot_be_dated(client, calendar):
    Occasion.objects.filter(slug="black-friday").update(rule={"kind": "relative", "occasion": "cyber-monday", "offset_days": -3})
    response = client.get("/calendars/US.ics")
    assert response.status_code == 503 and "refer to each other in a circle" in response.content.decode()
