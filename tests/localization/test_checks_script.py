"""Copy for markets that read another script must not be left in Latin letters."""

import pytest

from localization.checks import CHECKS_BY_CODE, CopyUnderCheck, Severity, run_checks
from localization.checks.script import expected_script


def findings(locale, headline):
    return run_checks(CopyUnderCheck(locale=locale, variant={"headline": headline}), [CHECKS_BY_CODE["wrong_script"]])


def test_the_expected_script_comes_from_cldr():
    assert expected_script("ar-SA") == "Arab"
    assert expected_script("hi-IN") == "Deva"
    assert expected_script("zh-TW") == "Hant"
    assert expected_script("sr-Latn-RS") == "Latn"
    assert expected_script("pt-BR") == "Latn"


@pytest.mark.parametrize(
    "locale, script",
    [
        ("ar-SA", "Arabic"),
        ("ar-AE", "Arabic"),
        ("hi-IN", "Devanagari"),
        ("ja-JP", "Japanese"),
        ("zh-CN", "Chinese"),
        ("ko-KR", "Korean"),
        ("th-TH", "Thai"),
    ],
)
def test_latin_only_copy_is_an_error_naming_the_script(locale, script):
    [finding] = findings(locale, "Free shipping on all orders today")
    assert finding.severity == Severity.ERROR
    assert f"{locale} copy must be in {script} script" in finding.message


@pytest.mark.parametrize(
    "locale, headline",
    [
        ("ar-SA", "شحن مجاني على جميع الطلبات"),
        ("ar-AE", "تشكيلة Nike Air Max الجديدة"),  # a brand in Latin letters beside Arabic
        ("hi-IN", "सभी ऑर्डर पर मुफ़्त शिपिंग"),
        ("ja-JP", "Nike Air Maxの新作セール"),
        ("zh-CN", "全场包邮 {price}"),
        ("ko-KR", "무료 배송 www.example.com/sale"),
        ("th-TH", "ส่งฟรีทุกคำสั่งซื้อ"),
    ],
)
def test_copy_in_the_locales_script_passes_even_with_brands_and_addresses(locale, headline):
    assert findings(locale, headline) == []


@pytest.mark.parametrize(
    "locale, headline",
    [
        ("ar-SA", "Nike"),  # one word: a brand name
        ("hi-IN", "iPhone 15 · LG TV"),  # one word, and short words and numbers, are not counted
        ("ja-JP", "{price} {discount} https://example.com/ja/sale"),
        ("zh-CN", "H&M x LG"),
        ("ko-KR", "50% OFF"),
        ("th-TH", "sale@example.com"),
    ],
)
def test_brand_names_numbers_placeholders_and_addresses_alone_pass(locale, headline):
    assert findings(locale, headline) == []


@pytest.mark.parametrize("locale", ["en-US", "pt-BR", "de-DE", "tr-TR", "vi-VN", "id-ID"])
def test_latin_script_locales_are_not_judged(locale):
    assert findings(locale, "Free shipping on all orders today") == []
