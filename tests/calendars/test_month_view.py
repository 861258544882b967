"""A market's month in admin: the grid, its bars, campaign launch windows, bad input, and confirming a date."""
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from calendars import month, occurrences
from calendars.loading import load_occasions
from calendars.models import Occasion, Occurrence
from localization import campaigns

pytestmark = pytest.mark.django_db

MONTH_VIEW = "/admin/calendars/occurrence/month/"
TODAY = date(2027, 6, 3)


@pytest.fixture
def calendar(markets):
    load_occasions()
    return markets


def grid_of(market, year, month_number, language="en"):
    return month.month_grid(market=market, year=year, month=month_number, today=TODAY, language=language)


def day_of(grid, day):
    return next(d for week in grid.weeks for d in week.days if d.date == day)


def labels_on(grid, day):
    return [band.label for band in day_of(grid, day).bands]


def band_on(grid, day, label):
    return next(band for band in day_of(grid, day).bands if band.label == label)


def messages_in(response):
    return [str(message) for message in response.context["messages"]]


def launch_campaign(manager, markets, slug, occasion="dia-dos-namorados"):
    return campaigns.create_campaign(
        user=manager, markets=markets, slug=slug, name=f"Campaign {slug}", occasion=Occasion.objects.get(slug=occasion)
    )


# The grid ------------------------------------------------------------------------------------

NAMORADOS = "Brazilian Valentine's Day (Dia dos Namorados)"


def test_june_2027_in_brazil_has_dia_dos_namorados_on_the_12th(calendar):
    grid = grid_of(calendar["BR"], 2027, 6)
    assert NAMORADOS in labels_on(grid, date(2027, 6, 12))
    assert NAMORADOS not in labels_on(grid, date(2027, 6, 11))
    namorados = band_on(grid, date(2027, 6, 12), NAMORADOS)
    assert namorados.local_label == ""  # the English name already says Dia dos Namorados
    assert namorados.title.startswith(f"{NAMORADOS} · ")  # then the date
    assert namorados.kind == "cultural" and not namorados.estimated


# Names: the reader's language first, the market's own beside it -----------------------------

def test_a_reader_in_chinese_sees_the_chinese_name_with_brazils_beside_it(calendar):
    namorados = band_on(grid_of(calendar["BR"], 2027, 6, language="zh-hans"), date(2027, 6, 12), "巴西情人节")
    assert namorados.local_label == "Dia dos Namorados"
    assert namorados.title.startswith("巴西情人节 · Dia dos Namorados · ")


def test_mexicos_own_name_stands_beside_valentines_day(calendar):
    valentines = band_on(grid_of(calendar["MX"], 2027, 2), date(2027, 2, 14), "Valentine's Day")
    assert valentines.local_label == "Día del Amor y la Amistad"
    assert band_on(grid_of(calendar["MX"], 2027, 2, language="zh-hans"), date(2027, 2, 14), "情人节").local_label == (
        "Día del Amor y la Amistad"
    )


def test_white_friday_stays_white_for_a_reader_in_any_language(calendar):
    black_friday_2027 = date(2027, 11, 26)
    for language in ("en", "zh-hans"):
        grid = grid_of(calendar["SA"], 2027, 11, language=language)
        assert not [label for label in labels_on(grid, black_friday_2027) if "Black" in label or "黑色" in label]
        assert band_on(grid, black_friday_2027, "White Friday").local_label == "الجمعة البيضاء"


def test_a_reader_of_the_markets_own_language_sees_one_name(calendar):
    spring_festival = band_on(grid_of(calendar["CN"], 2027, 2, language="zh-hans"), date(2027, 2, 6), "春节")
    assert spring_festival.local_label == ""
    assert band_on(grid_of(calendar["CN"], 2027, 2), date(2027, 2, 6), "Spring Festival").local_label == "春节"


def test_weeks_have_seven_days_and_start_where_the_market_starts_them(calendar):
    brazil, germany = grid_of(calendar["BR"], 2027, 6), grid_of(calendar["DE"], 2027, 6)
    assert all(len(week.days) == 7 for week in brazil.weeks + germany.weeks)
    assert brazil.weeks[0].days[0].date == date(2027, 5, 30)  # Brazil's week starts on Sunday
    assert germany.weeks[0].days[0].date == date(2027, 5, 31)  # Germany's on Monday
    assert not day_of(brazil, date(2027, 5, 30)).in_month and day_of(brazil, date(2027, 6, 1)).in_month
    assert day_of(brazil, TODAY).is_today


def test_the_weekend_is_the_markets_own(calendar):
    saudi = grid_of(calendar["SA"], 2027, 6)
    assert [day.date.strftime("%a") for day in saudi.weeks[1].days if day.is_weekend] == ["Fri", "Sat"]


def test_ramadan_in_saudi_arabia_covers_every_day_of_its_span_and_is_estimated(calendar):
    # Umm al-Qura: 1 Ramadan 1448 is 8 February 2027; the month has 29 days, Eid al-Fitr is 9 March.
    occurrences.materialize([2027], markets=[calendar["SA"]])
    ramadan = Occurrence.objects.get(market=calendar["SA"], occasion__slug="ramadan", year=2027)
    assert (ramadan.starts_on, ramadan.ends_on, ramadan.estimated) == (date(2027, 2, 8), date(2027, 3, 8), True)
    february, march = grid_of(calendar["SA"], 2027, 2), grid_of(calendar["SA"], 2027, 3)
    assert "Ramadan" not in labels_on(february, date(2027, 2, 7))
    for day in range(8, 29):
        assert "Ramadan" in labels_on(february, date(2027, 2, day))
    for day in range(1, 9):
        assert "Ramadan" in labels_on(march, date(2027, 3, day))
    assert "Ramadan" not in labels_on(march, date(2027, 3, 9))
    assert band_on(february, date(2027, 2, 8), "Ramadan").local_label == "رمضان"
    bars = [bar for week in february.weeks for bar in week.bars if bar.band.label == "Ramadan"]
    assert sum(bar.span for bar in bars if bar.band.starts_on.month == 2) >= 21  # one bar per week, across its days
    assert all(bar.band.estimated for bar in bars)
    assert bars[0].continues_after and not bars[0].continues_before and bars[-1].continues_before


def test_bars_of_one_week_never_overlap(calendar):
    for week in grid_of(calendar["BR"], 2027, 2).weeks:  # Carnival over Valentine's week
        taken = set()
        for bar in week.bars:
            cells = {(bar.row, column) for column in range(bar.column, bar.column + bar.span)}
            assert not cells & taken
            taken |= cells


def test_the_grid_dates_years_never_dated(calendar):
    assert not Occurrence.objects.filter(market=calendar["BR"]).exists()
    grid_of(calendar["BR"], 2031, 6)  # the year before can run into it, the year after can open a launch window in it
    assert set(Occurrence.objects.filter(market=calendar["BR"]).values_list("year", flat=True)) == {2030, 2031, 2032}


def test_a_month_is_written_yyyy_mm():
    assert month.parse_month("2027-06") == (2027, 6)
    for text, says in [("2027-13", "Month '2027-13' is not a month; use YYYY-MM"), ("june", "is not a month"),
                       ("2101-01", "Year 2101 is outside the calendar; use a year from 1900 to 2100.")]:
        with pytest.raises(occurrences.CalendarError, match=says):
            month.parse_month(text)


def test_no_previous_month_before_the_calendar_begins(calendar):
    assert grid_of(calendar["BR"], 1900, 1).previous_month == ""
    assert grid_of(calendar["BR"], 2100, 12).next_month == ""
    assert (grid_of(calendar["BR"], 2027, 1).previous_month, grid_of(calendar["BR"], 2027, 12).next_month) == ("2026-12", "2028-01")


# Campaign launch windows, from localization --------------------------------------------------

def test_a_campaigns_launch_window_runs_from_its_lead_days_to_the_occasion(calendar, people):
    namorados = launch_campaign(people["manager"], [calendar["BR"]], "namorados")
    grid = grid_of(calendar["BR"], 2027, 6)
    window = next(band for band in day_of(grid, date(2027, 6, 1)).bands if band.kind == "campaign")
    assert (window.label, window.starts_on, window.ends_on) == ("Campaign namorados", date(2027, 5, 13), date(2027, 6, 12))
    assert window.url == reverse("admin:localization_campaign_change", args=[namorados.pk])
    assert "Campaign namorados" not in labels_on(grid, date(2027, 6, 13))


def test_no_window_for_campaigns_elsewhere_or_without_occasion(calendar, people, campaign):
    launch_campaign(people["manager"], [calendar["MX"]], "mx-valentines", occasion="valentines-day")
    grid = grid_of(calendar["BR"], 2027, 6)
    assert not [band for week in grid.weeks for day in week.days for band in day.bands if band.kind == "campaign"]


def test_a_window_opening_in_december_for_an_occasion_next_year_shows(calendar, people):
    launch_campaign(people["manager"], [calendar["US"]], "valentines-2028", occasion="valentines-day")
    grid = grid_of(calendar["US"], 2028, 1)
    assert "Campaign valentines-2028" in labels_on(grid, date(2028, 1, 20))  # 14 February 2028 - 30 days = 15 January


# The page ------------------------------------------------------------------------------------

def test_the_page_draws_the_month(client, calendar, people):
    launch_campaign(people["manager"], [calendar["BR"]], "namorados")
    client.force_login(people["admin"])
    response = client.get(MONTH_VIEW, {"market": "BR", "month": "2027-06"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<bdi>Brazilian Valentine&#x27;s Day (Dia dos Namorados)</bdi>" in page and "Campaign namorados" in page
    assert 'title="Brazilian Valentine&#x27;s Day (Dia dos Namorados) · ' in page
    assert '<option value="BR" selected>BR · Brazil · Brasil</option>' in page  # the picker: English, then Brazil's own
    assert '<option value="US">US · United States</option>' in page  # the same name once
    assert "June 2027 · <bdi>Brazil · Brasil</bdi>" in page
    assert "month=2027-05" in page and "month=2027-07" in page  # previous and next
    assert "/calendars/BR.ics" in page  # where to subscribe
    assert response.context["grid"].market.code == "BR"


def test_the_page_marks_estimated_dates(client, calendar, people):
    client.force_login(people["admin"])
    page = client.get(MONTH_VIEW, {"market": "SA", "month": "2027-02"}).content.decode()
    assert "glocal-estimated" in page and '≈ <bdi>Ramadan</bdi> · <bdi lang="ar-SA">رمضان</bdi>' in page


def test_the_page_in_chinese_names_markets_and_occasions_in_chinese(client, calendar, people):
    client.force_login(people["admin"])
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/admin/"})
    page = client.get(MONTH_VIEW, {"market": "BR", "month": "2027-06"}).content.decode()
    assert '<bdi>巴西情人节</bdi> · <bdi lang="pt-BR">Dia dos Namorados</bdi>' in page
    assert '<option value="BR" selected>BR · 巴西 · Brasil</option>' in page
    assert '<option value="CN">CN · 中国</option>' in page
    assert "<bdi>巴西 · Brasil</bdi></h2>" in page


# Where the page opens ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("person", "market"),
    [("copywriter", "BR"), ("mx_reviewer", "MX"), ("reviewer", "BR"), ("manager", "AE"), ("admin", "AE")],
)
def test_the_page_opens_on_the_first_market_the_person_works_on(client, calendar, people, person, market):
    client.force_login(people[person])
    response = client.get(MONTH_VIEW)
    assert response.context["grid"].market.code == market  # without assignments, the first market


def test_a_person_of_one_market_opens_on_it_and_may_still_pick_another(client, calendar):
    from localization import access
    from tests.conftest import make_person

    client.force_login(make_person("kenji", access.REVIEWERS, reviews=[calendar["JP"]]))
    assert client.get(MONTH_VIEW).context["grid"].market.code == "JP"
    assert client.get(MONTH_VIEW, {"market": "SA"}).context["grid"].market.code == "SA"
    response = client.get(MONTH_VIEW, {"market": "XX"})  # a bad market shows theirs, and says so
    assert response.context["grid"].market.code == "JP" and messages_in(response)[0].startswith("Unknown market 'XX'")


@pytest.mark.parametrize(
    ("query", "says", "market", "shown"),
    [
        ({"market": "BR", "month": "2027-13"}, "Month '2027-13' is not a month; use YYYY-MM, such as 2027-06.", "BR", "2027-06"),
        ({"market": "BR", "month": "1899-12"}, "Year 1899 is outside the calendar; use a year from 1900 to 2100.", "BR", "2027-06"),
        ({"market": "BR", "month": "2101-01"}, "Year 2101 is outside the calendar", "BR", "2027-06"),
        ({"market": "XX", "month": "2027-06"}, "Unknown market 'XX'; use one of: AE, AR,", "AE", "2027-06"),
    ],
)
def test_bad_input_says_what_to_use_and_shows_the_default(client, calendar, people, monkeypatch, query, says, market, shown):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)
    client.force_login(people["admin"])
    response = client.get(MONTH_VIEW, query)
    assert response.status_code == 200
    assert any(message.startswith(says) for message in messages_in(response)), messages_in(response)
    assert (response.context["grid"].market.code, response.context["grid"].month) == (market, shown)


def test_a_lower_case_market_is_understood(client, calendar, people):
    client.force_login(people["admin"])
    response = client.get(MONTH_VIEW, {"market": "br", "month": "2027-06"})
    assert response.context["grid"].market.code == "BR" and not messages_in(response)


def test_without_markets_the_page_says_how_to_load_them(client, people):
    from calendars.models import Market

    Market.objects.all().delete()
    client.force_login(people["admin"])
    response = client.get(MONTH_VIEW)
    assert response.status_code == 200
    assert "run seed_demo or load_calendar" in messages_in(response)[0]


def test_the_page_needs_the_view_permission_for_occurrences(client, calendar, people):
    from tests.conftest import make_person

    client.force_login(make_person("no-role"))  # staff, but in no role group
    assert client.get(MONTH_VIEW).status_code == 403
    client.force_login(people["copywriter"])  # every role may look at the calendar
    assert client.get(MONTH_VIEW).status_code == 200
    client.logout()
    assert client.get(MONTH_VIEW).status_code == 302  # to the login page


def test_the_occurrence_list_links_to_the_month_view(client, calendar, people):
    client.force_login(people["admin"])
    assert reverse("admin:calendars_occurrence_month") in client.get("/admin/calendars/occurrence/").content.decode()
    assert reverse("admin:calendars_occurrence_month") in client.get("/admin/calendars/occasion/").content.decode()


def campaign_windows(response):
    return {bar.band.label for week in response.context["grid"].weeks for bar in week.bars if bar.band.kind == "campaign"}


def test_the_number_of_queries_does_not_grow_with_campaigns(client, calendar, people):
    client.force_login(people["admin"])
    launch_campaign(people["manager"], [calendar["BR"]], "first")
    query = {"market": "BR", "month": "2027-06"}
    client.get(MONTH_VIEW, query)  # dates the years once
    with CaptureQueriesContext(connection) as one:
        response = client.get(MONTH_VIEW, query)
    assert campaign_windows(response) == {"Campaign first"}
    for number in range(2, 6):
        launch_campaign(people["manager"], [calendar["BR"], calendar["MX"]], f"more-{number}")
    with CaptureQueriesContext(connection) as five:
        response = client.get(MONTH_VIEW, query)
    assert len(campaign_windows(response)) == 5
    assert len(five) == len(one), [q["sql"] for q in five.captured_queries]


# Confirming a date ---------------------------------------------------------------------------

def test_a_manager_confirms_a_date_in_the_change_form_and_it_stays(client, calendar, people):
    occurrences.materialize([2027], markets=[calendar["SA"]])
    eid = Occurrence.objects.get(market=calendar["SA"], occasion__slug="eid-al-fitr", year=2027)
    client.force_login(people["admin"])
    url = reverse("admin:calendars_occurrence_change", args=[eid.pk])
    assert "Saving confirms these dates" in client.get(url).content.decode()
    response = client.post(url, {"starts_on": "2027-03-10", "ends_on": "2027-03-12"})
    assert response.status_code == 302
    eid.refresh_from_db()
    assert (eid.starts_on, eid.ends_on, eid.estimated, eid.confirmed_by) == (date(2027, 3, 10), date(2027, 3, 12), False, people["admin"])
    occurrences.materialize([2027], markets=[calendar["SA"]])
    eid.refresh_from_db()
    assert eid.starts_on == date(2027, 3, 10)


def test_a_confirmation_cannot_end_before_it_starts(client, calendar, people):
    occurrences.materialize([2027], markets=[calendar["SA"]])
    eid = Occurrence.objects.get(market=calendar["SA"], occasion__slug="eid-al-fitr", year=2027)
    client.force_login(people["admin"])
    response = client.post(reverse("admin:calendars_occurrence_change", args=[eid.pk]), {"starts_on": "2027-03-10", "ends_on": "2027-03-01"})
    assert response.status_code == 200 and "An occurrence cannot end before it starts." in response.content.decode()
    eid.refresh_from_db()
    assert eid.confirmed_at is None


def test_the_confirm_action_confirms_the_unconfirmed(client, calendar, people):
    occurrences.materialize([2027], markets=[calendar["SA"]])
    chosen = list(Occurrence.objects.filter(market=calendar["SA"], occasion__slug__in=["ramadan", "eid-al-adha"], year=2027))
    client.force_login(people["admin"])
    response = client.post(
        "/admin/calendars/occurrence/", {"action": "confirm_dates", "_selected_action": [o.pk for o in chosen]}, follow=True
    )
    assert "2 dates confirmed." in messages_in(response)
    assert all(o.confirmed and not o.estimated for o in Occurrence.objects.filter(pk__in=[o.pk for o in chosen]))


def test_occurrences_are_not_added_or_deleted_by_hand(client, calendar, people):
    client.force_login(people["admin"])
    assert client.get("/admin/calendars/occurrence/add/").status_code == 403
    response = client.get("/admin/calendars/occurrence/", {"market__id__exact": calendar["BR"].pk})
    assert response.status_code == 200
    assert [str(spec.title) for spec in response.context["cl"].filter_specs] == ["date", "market", "occasion", "estimated", "year"]


# The occurrence list -------------------------------------------------------------------------

def listed(response):
    return {(o.occasion.slug, o.market.code, o.year) for o in response.context["cl"].result_list}


@pytest.fixture
def dated_2026_to_2028(calendar, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: date(2027, 3, 3))
    occurrences.materialize([2026, 2027, 2028], markets=[calendar["BR"], calendar["SA"]])


def test_the_occurrence_list_starts_at_this_month(client, people, dated_2026_to_2028):
    client.force_login(people["admin"])
    response = client.get("/admin/calendars/occurrence/", {"all": ""})  # every row on one page
    shown = listed(response)
    assert ("dia-dos-namorados", "BR", 2027) in shown and ("ramadan", "SA", 2027) in shown  # Ramadan runs to 8 March
    assert ("carnival", "BR", 2027) not in shown and ("dia-dos-namorados", "BR", 2026) not in shown
    assert all(o.ends_on >= date(2027, 3, 1) for o in response.context["cl"].result_list)
    when = next(spec for spec in response.context["cl"].filter_specs if spec.parameter_name == "when")
    choices = list(when.choices(response.context["cl"]))
    assert [(str(choice["display"]), choice["selected"]) for choice in choices] == [
        ("From this month on", True), ("All dates", False), ("Before this month", False)
    ]
    assert "when=all" in choices[1]["query_string"]  # how to see every date
    assert 'when=all">All dates</a>' in response.content.decode()


def test_all_dates_and_before_this_month_show_the_years_back(client, people, dated_2026_to_2028):
    client.force_login(people["admin"])
    everything = listed(client.get("/admin/calendars/occurrence/", {"when": "all", "all": ""}))
    assert {("carnival", "BR", 2026), ("carnival", "BR", 2027), ("carnival", "BR", 2028)} <= everything
    past = listed(client.get("/admin/calendars/occurrence/", {"when": "past", "all": ""}))
    assert ("carnival", "BR", 2027) in past and ("dia-dos-namorados", "BR", 2027) not in past
    assert past | listed(client.get("/admin/calendars/occurrence/", {"all": ""})) == everything


def test_picking_a_year_shows_the_whole_year(client, people, dated_2026_to_2028):
    client.force_login(people["admin"])
    response = client.get("/admin/calendars/occurrence/", {"year": "2026", "all": ""})
    assert ("carnival", "BR", 2026) in listed(response) and {year for _, _, year in listed(response)} == {2026}
    when = next(spec for spec in response.context["cl"].filter_specs if spec.parameter_name == "when")
    assert when.value() == "all"


def test_the_list_counts_each_choice_when_asked(client, people, dated_2026_to_2028):
    client.force_login(people["admin"])
    response = client.get("/admin/calendars/occurrence/", {"_facets": "True"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "From this month on (" in page and "All dates (" in page and "Before this month (" in page
