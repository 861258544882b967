"""Prices and dates typed into copy instead of {price} and {occasion_date}."""

import re

import pytest
from babel.numbers import get_currency_name
from hypothesis import given, settings
from hypothesis import strategies as st

from localization.checks import CHECKS_BY_CODE, CopyUnderCheck, Severity, run_checks
from localization.checks.base import cldr_locale
from localization.checks.handwritten import date_pattern, price_pattern


def findings(code, locale, body, currency=""):
    copy = CopyUnderCheck(locale=locale, currency=currency, variant={"body": body})
    return run_checks(copy, [CHECKS_BY_CODE[code]])


@pytest.mark.parametrize(
    "locale, currency, body, written",
    [
        ("pt-BR", "BRL", "Presentes a partir de R$ 199,90", "R$ 199,90"),
        ("en-US", "USD", "Gifts from $19.99!", "$19.99"),
        ("de-DE", "EUR", "Ab 19,99\u00a0€ versandkostenfrei", "19,99\u00a0€"),
        ("ar-SA", "SAR", "هدايا بسعر ١٩٩ ر.س. فقط", "١٩٩ ر.س."),
        ("ar-AE", "AED", "فقط AED 199", "AED 199"),
        ("hi-IN", "INR", "सिर्फ ₹499 में", "₹499"),
        ("ja-JP", "JPY", "今なら1,980円から", "1,980円"),
        ("th-TH", "THB", "เพียง 199 บาท", "199 บาท"),
        ("id-ID", "IDR", "Mulai Rp199.000", "Rp199.000"),
    ],
)
def test_typed_price_is_an_error_that_asks_for_the_placeholder(locale, currency, body, written):
    [finding] = findings("handwritten_price", locale, body, currency)
    assert finding.severity == Severity.ERROR
    assert f'the price "{written}" typed in; write {{price}}' in finding.message


@pytest.mark.parametrize(
    "locale, currency, body",
    [
        ("pt-BR", "BRL", "Presentes a partir de {price}"),
        ("en-US", "USD", "Top 10 gifts, 50% off, open 24/7"),
        ("de-DE", "EUR", "{discount} Rabatt auf 1000 Artikel"),
        ("ar-SA", "SAR", "خصم {discount} على أكثر من ١٠٠ منتج"),
        ("hi-IN", "INR", "{price} में 2 साल की वारंटी"),
        ("ja-JP", "JPY", "今なら{price}、送料無料"),
        ("th-TH", "THB", "ลด 50% ทั้งร้าน"),
    ],
)
def test_placeholders_percentages_and_counts_are_not_prices(locale, currency, body):
    assert findings("handwritten_price", locale, body, currency) == []


@pytest.mark.parametrize(
    "locale, body, written",
    [
        ("pt-BR", "Dia dos Namorados, 12 de junho", "12 de junho"),
        ("pt-BR", "Peça até 09/06/2027", "09/06/2027"),
        ("en-US", "Order by June 12 for delivery", "June 12"),
        ("de-DE", "Bis 12. Juni bestellen", "12. Juni"),
        ("ar-SA", "اطلب قبل 12 يونيو", "12 يونيو"),
        ("hi-IN", "12 जून तक ऑर्डर करें", "12 जून"),
        ("ja-JP", "6月12日までにご注文ください", "6月12日"),
        ("ko-KR", "6월 12일까지 주문하세요", "6월 12일"),
        ("fr-FR", "Jusqu'au 1er juin", "1er juin"),
    ],
)
def test_typed_date_is_a_warning_that_asks_for_a_date_placeholder(locale, body, written):
    [finding] = findings("handwritten_date", locale, body)
    assert finding.severity == Severity.WARNING
    assert f'the date "{written}" typed in; write {{occasion_date}}' in finding.message


@pytest.mark.parametrize(
    "locale, body",
    [
        ("pt-BR", "Dia dos Namorados, {occasion_date}"),
        ("en-US", "Top 10 in March 2027, support 24/7, half of 1/2"),
        ("de-DE", "Bestellen bis {last_order_date}"),
        ("ar-SA", "العرض حتى {campaign_end}"),
        ("hi-IN", "दिवाली {occasion_date} को"),
        ("ja-JP", "2027年6月の新作"),
        ("ko-KR", "3월 10% 할인"),
    ],
)
def test_date_placeholders_and_numbers_that_are_not_dates_pass(locale, body):
    assert findings("handwritten_date", locale, body) == []


# The typed-in patterns search only the stretch of a field around its digits; that must find
# exactly what searching all the field finds, however far spaces push a sign or a month away.
LOCALES_AND_CURRENCIES = [
    ("pt-BR", "BRL"),
    ("de-DE", "EUR"),
    ("en-US", "USD"),
    ("fr-CA", "CAD"),
    ("ar-SA", "SAR"),
    ("hi-IN", "INR"),
    ("ja-JP", "JPY"),
    ("th-TH", "THB"),
    ("ca-ES", "EUR"),
    ("xx-YY", ""),
]
NUMBERS = ["1", "12", "2027", "0,99", "1.980", "1\u00a0234", "١٩٩", "१२", "１２", "๑๒", "12/06", "2027-06-12"]
GAPS = [" ", "  ", "      ", "\u00a0", "\u202f", "\n", "\u200f", "\u200e", "\u061c", "", ".", ",", "/", "-", "%"]
WORDS = ["º", "°", "st", "er", "de", "日", "x", "Wort", "$", "€", "R$", "US$", "₹", "円", "ر.س.", "USD", "EUR", "euros"]


def _written_around_numbers(locale, currency):
    """Numbers and gaps, the locale's month names, its currency signs and names, other words."""
    known = cldr_locale(locale)
    months, signs = ["June"], ["$"]
    if known is not None:
        for width in ("wide", "abbreviated"):
            months += known.months["format"][width].values()
        months += [name.upper() for name in known.months["format"]["wide"].values()]
        signs += [symbol for code, symbol in sorted(known.currency_symbols.items()) if code in ("USD", "EUR", currency)]
        if currency:
            signs += [get_currency_name(currency, count, known) for count in (1, 2)]
    if currency:
        signs.append(currency)
    pieces = st.one_of(*(st.sampled_from(pool) for pool in (NUMBERS, GAPS, months, signs, WORDS)))
    return st.lists(pieces, max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(data=st.data(), locale_and_currency=st.sampled_from(LOCALES_AND_CURRENCIES))
def test_prices_and_dates_are_found_near_the_digits_as_in_all_the_text(data, locale_and_currency):
    locale, currency = locale_and_currency
    text = data.draw(_written_around_numbers(locale, currency))
    for typed in (price_pattern(locale, currency), date_pattern(locale)):
        assert [(match.span(), match.group(0)) for match in typed.finditer(text)] == [
            (match.span(), match.group(0)) for match in typed.regex.finditer(text)
        ]


DECIMAL_DIGITS = [chr(code) for code in range(0x110000) if chr(code).isdecimal()]


@settings(max_examples=300, deadline=None)
@given(
    fields=st.lists(
        st.text(
            alphabet=st.one_of(
                st.sampled_from(DECIMAL_DIGITS),
                st.characters(max_codepoint=0xFF),
                st.sampled_from("²³¹½ⅫⅣ①万〇߁" + "عربي日本語हिन्दी"),
            ),
            max_size=20,
        ),
        max_size=4,
    )
)
def test_a_copy_has_digits_where_the_patterns_would_find_one(fields):
    copy = CopyUnderCheck(locale="en", variant={"field%d" % index: text for index, text in enumerate(fields)})
    assert copy.has_digits == any(re.search(r"\d", text) for text in fields)
