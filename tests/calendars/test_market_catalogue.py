"""The market catalogue is plain data; these checks keep it consistent with Babel, tzdata and the design."""
import zoneinfo

import pytest
from babel import Locale
from babel.numbers import is_currency

from calendars.catalogue.markets import MARKETS

REGIONS = {
    "north-america",
    "europe",
    "latin-america",
    "middle-east",
    "south-asia",
    "southeast-asia",
    "east-asia",
}
NAME_KEYS = {
    "en", "zh-hans",
    "pt", "es", "de", "fr", "it", "nl", "pl", "ar", "tr", "hi", "id", "th", "vi", "ms", "ja", "ko",
}
EXPECTED_CODES = set(
    "US CA MX BR AR CO CL GB DE FR ES IT NL PL SA AE EG TR IN PK ID TH VN MY SG PH JP CN KR AU".split()
)
REQUIRED_KEYS = {
    "code", "names", "region", "primary_locale", "extra_locales", "currency", "time_zone",
    "payment_methods", "delivery_days", "digits", "show_minor_units", "era", "sensitive_topics",
}
TIME_ZONES = zoneinfo.available_timezones()

by_code = pytest.mark.parametrize("market", MARKETS, ids=[m["code"] for m in MARKETS])


def test_exactly_thirty_unique_codes():
    codes = [m["code"] for m in MARKETS]
    assert len(codes) == 30
    assert len(set(codes)) == 30
    assert set(codes) == EXPECTED_CODES


@by_code
def test_required_keys(market):
    assert REQUIRED_KEYS <= set(market)


@by_code
def test_locales_are_hyphenated_and_known_to_babel(market):
    tags = [market["primary_locale"], *market["extra_locales"]]
    assert len(tags) == len(set(tags)), "primary locale repeated among extra locales"
    for tag in tags:
        assert "_" not in tag and "-" in tag, tag
        locale = Locale.parse(tag, sep="-")
        assert locale.territory == market["code"], tag


@by_code
def test_currency_is_iso_4217(market):
    assert is_currency(market["currency"])


@by_code
def test_time_zone_is_iana(market):
    assert market["time_zone"] in TIME_ZONES


@by_code
def test_region_is_one_of_the_seven(market):
    assert market["region"] in REGIONS


@by_code
def test_names(market):
    names = market["names"]
    assert {"en", "zh-hans"} <= set(names)
    assert set(names) <= NAME_KEYS
    assert all(isinstance(v, str) and v.strip() for v in names.values())
    language = market["primary_locale"].split("-")[0]
    if language in NAME_KEYS:
        assert language in names, f"missing the {language} name"


@by_code
def test_delivery_days_positive(market):
    assert isinstance(market["delivery_days"], int) and market["delivery_days"] > 0


@by_code
def test_storefront_settings(market):
    assert market["digits"] in {"latn", "native"}
    assert isinstance(market["show_minor_units"], bool)
    assert market["era"] in {"gregorian", "buddhist"}
    assert 3 <= len(market["payment_methods"]) <= 5
    assert isinstance(market["sensitive_topics"], list)


def test_all_seven_regions_are_represented():
    assert {m["region"] for m in MARKETS} == REGIONS
