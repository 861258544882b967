"""The occasion catalogue is plain data; these checks keep every entry buildable, dated and translatable."""
import re
from datetime import date

import pytest

from calendars.catalogue.dating import BY_SLUG, span_in_market
from calendars.catalogue.markets import MARKETS
from calendars.catalogue.occasions import OCCASIONS
from calendars.rules import build_rule

LANGUAGES = {
    "en", "zh-hans",
    "pt", "es", "de", "fr", "it", "nl", "pl", "ar", "tr", "hi", "id", "th", "vi", "ms", "ja", "ko",
}
KINDS = {"religious", "cultural", "commercial", "civic"}
MARKET_CODES = {market["code"] for market in MARKETS}
OVERRIDE_KEYS = {"rule", "shift_days", "names", "notes"}
REQUIRED_SLUGS = {
    "valentines-day", "dia-dos-namorados", "white-day", "qixi", "ramadan", "eid-al-fitr", "eid-al-adha",
    "diwali", "dhanteras", "holi", "lunar-new-year", "mid-autumn", "songkran", "carnival", "mothers-day",
    "fathers-day", "black-friday", "cyber-monday", "el-buen-fin", "singles-day", "double-twelve",
    "golden-week", "christmas", "new-year",
}
YEARS = range(2024, 2061)
def observances():
    return [(occasion["slug"], market) for occasion in OCCASIONS for market in occasion["markets"]]


def test_the_catalogue_has_every_occasion_the_design_names_once():
    slugs = [occasion["slug"] for occasion in OCCASIONS]
    assert len(slugs) == len(set(slugs))
    assert REQUIRED_SLUGS <= set(slugs)


@pytest.mark.parametrize("occasion", OCCASIONS, ids=lambda occasion: occasion["slug"])
def test_an_occasion_is_complete(occasion):
    assert occasion["kind"] in KINDS
    assert occasion["duration_days"] >= 1
    assert occasion["lead_days"] == 30
    assert occasion["markets"], "an occasion nobody observes"


@pytest.mark.parametrize("occasion", OCCASIONS, ids=lambda occasion: occasion["slug"])
def test_names_and_notes_are_in_the_sites_languages(occasion):
    assert {"en", "zh-hans"} <= set(occasion["names"])
    assert "en" in occasion["notes"]
    assert set(occasion["names"]) <= LANGUAGES
    assert set(occasion["notes"]) <= LANGUAGES
    for override in filter(None, occasion["markets"].values()):
        assert set(override.get("names", {})) <= LANGUAGES
    assert all(text.strip() for text in [*occasion["names"].values(), *occasion["notes"].values()])


@pytest.mark.parametrize("occasion", OCCASIONS, ids=lambda occasion: occasion["slug"])
def test_market_overrides_name_known_markets_and_valid_rules(occasion):
    build_rule(occasion["rule"])
    assert set(occasion["markets"]) <= MARKET_CODES
    for override in filter(None, occasion["markets"].values()):
        assert set(override) <= OVERRIDE_KEYS
        assert override, "an empty override: write None"
        if "rule" in override:
            build_rule(override["rule"])
        assert isinstance(override.get("shift_days", 0), int)


def test_relative_rules_point_at_an_occasion_every_such_market_observes():
    for occasion in OCCASIONS:
        if occasion["rule"]["kind"] == "relative":
            other = BY_SLUG[occasion["rule"]["occasion"]]
            assert set(occasion["markets"]) <= set(other["markets"]), occasion["slug"]


@pytest.mark.parametrize("slug, market", observances())
def test_every_observance_has_a_date_every_year_until_2060(slug, market):
    for year in YEARS:
        span = span_in_market(slug, market, year)
        assert span is not None, f"{slug} in {market} has no date in {year}"
        assert span.starts_on.year == year
        assert 1 <= span.duration_days <= 30


def test_market_dates_follow_local_custom():
    assert "BR" not in BY_SLUG["valentines-day"]["markets"]  # Brazil's is 12 June
    assert span_in_market("dia-dos-namorados", "BR", 2025).starts_on == date(2025, 6, 12)
    assert span_in_market("mothers-day", "MX", 2025).starts_on == date(2025, 5, 10)
    assert span_in_market("mothers-day", "GB", 2025).starts_on == date(2025, 3, 30)
    assert span_in_market("mothers-day", "FR", 2023).starts_on == date(2023, 6, 4)
    assert span_in_market("fathers-day", "DE", 2025).starts_on == date(2025, 5, 29)
    assert span_in_market("cyber-monday", "US", 2025).starts_on == date(2025, 12, 1)
    assert span_in_market("lunar-new-year", "KR", 2027).starts_on == date(2027, 2, 7)
    # India's national holiday list: Id-ul-Fitr on 31 March 2025, a day after Saudi Arabia.
    assert span_in_market("eid-al-fitr", "IN", 2025).starts_on == date(2025, 3, 31)
    assert span_in_market("eid-al-fitr", "SA", 2025).starts_on == date(2025, 3, 30)
    carnival = span_in_market("carnival", "BR", 2026)
    assert (carnival.starts_on, carnival.ends_on) == (date(2026, 2, 14), date(2026, 2, 18))


def test_white_friday_is_the_name_in_the_gulf():
    black_friday = BY_SLUG["black-friday"]
    for market in ("SA", "AE", "EG"):
        assert black_friday["markets"][market]["names"]["en"] == "White Friday"
    assert BY_SLUG["double-twelve"]["markets"]["ID"]["names"]["en"].startswith("Harbolnas")


@pytest.mark.parametrize("occasion", OCCASIONS, ids=lambda occasion: occasion["slug"])
def test_an_occasions_notes_hold_for_every_market_observing_it(occasion):
    """Remarks about one market live in that market's notes: Brazil's New Year says nothing of Japan."""
    if len(occasion["markets"]) == 1:
        return  # an occasion of one market may name it
    places = [market["names"]["en"] for market in MARKETS] + ["Korea", "the Gulf", "Southeast Asia", "Latin America"]
    named = [place for place in places if re.search(rf"\b{place}\b", occasion["notes"]["en"])]  # Korean is a language
    assert not named, f"{occasion['slug']}: the notes every market reads name {named}"
    for override in filter(None, occasion["markets"].values()):
        assert set(override.get("notes", {})) <= LANGUAGES
        assert all(text.strip() for text in override.get("notes", {}).values())
