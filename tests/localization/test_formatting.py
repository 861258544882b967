"""Prices, dates and percentages per market.

Expected strings are CLDR's as ICU prints them (the formats browsers show), written out
here by hand. Invisible characters are escaped: U+00A0 no-break space, U+202F narrow
no-break space, U+200F right-to-left mark, U+200E left-to-right mark, U+061C Arabic
letter mark.
"""

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from localization.formatting import (
    MarketFormat,
    format_date,
    format_percent,
    format_price,
    render_placeholders,
)

JUNE_12 = date(2027, 6, 12)


@pytest.mark.parametrize(
    "locale, currency, expected",
    [
        ("en-US", "USD", "$1,234,567.89"),
        ("en-GB", "GBP", "£1,234,567.89"),
        ("pt-BR", "BRL", "R$\u00a01.234.567,89"),
        ("es-MX", "MXN", "$1,234,567.89"),
        ("de-DE", "EUR", "1.234.567,89\u00a0€"),
        ("fr-FR", "EUR", "1\u202f234\u202f567,89\u00a0€"),
        ("it-IT", "EUR", "1.234.567,89\u00a0€"),
        ("nl-NL", "EUR", "€\u00a01.234.567,89"),
        ("pl-PL", "PLN", "1\u00a0234\u00a0567,89\u00a0zł"),
        ("tr-TR", "TRY", "₺1.234.567,89"),
        ("ar-SA", "SAR", "\u200f1,234,567.89\u00a0ر.س.\u200f"),
        ("ar-AE", "AED", "\u200f1,234,567.89\u00a0د.إ.\u200f"),
        ("hi-IN", "INR", "₹12,34,567.89"),
        ("id-ID", "IDR", "Rp\u00a01.234.567,89"),
        ("ja-JP", "JPY", "￥1,234,568"),
        ("zh-CN", "CNY", "¥1,234,567.89"),
        ("ko-KR", "KRW", "₩1,234,568"),
        ("th-TH", "THB", "฿1,234,567.89"),
        ("vi-VN", "VND", "1.234.568\u00a0₫"),
    ],
)
def test_price_is_written_as_the_market_reads_it(locale, currency, expected):
    assert format_price(Decimal("1234567.891"), MarketFormat(locale, currency)) == expected


def test_price_without_minor_units_drops_the_cents_of_rupiah():
    indonesia = MarketFormat("id-ID", "IDR", show_minor_units=False)
    assert format_price(Decimal("1234567.5"), indonesia) == "Rp\u00a01.234.568"


def test_price_keeps_a_no_break_space_between_a_letter_symbol_and_the_number():
    # CLDR currency spacing: "SAR" touches the digits in the en pattern "¤#,##0.00".
    assert format_price(Decimal("199"), MarketFormat("en-US", "SAR")) == "SAR\u00a0199.00"
    assert format_price(Decimal("199"), MarketFormat("en-US", "USD")) == "$199.00"


def test_price_rounds_half_up():
    assert format_price(Decimal("0.125"), MarketFormat("en-US", "USD")) == "$0.13"
    assert format_price(Decimal("2.5"), MarketFormat("ja-JP", "JPY")) == "￥3"
    assert format_price(Decimal("19.995"), MarketFormat("pt-BR", "BRL")) == "R$\u00a020,00"


def test_price_accepts_a_float_without_its_binary_error():
    assert format_price(19.99, MarketFormat("en-US", "USD")) == "$19.99"


def test_price_in_arabic_indic_digits_for_a_saudi_market_that_wants_them():
    saudi = MarketFormat("ar-SA", "SAR", native_digits=True)
    assert format_price(Decimal("1234.5"), saudi) == "\u200f١٬٢٣٤٫٥٠\u00a0ر.س.\u200f"


def test_price_in_devanagari_digits_keeps_indian_grouping():
    india = MarketFormat("hi-IN", "INR", native_digits=True)
    assert format_price(Decimal("1234567.5"), india) == "₹१२,३४,५६७.५०"


def test_price_in_thai_digits():
    assert format_price(Decimal("1234.5"), MarketFormat("th-TH", "THB", native_digits=True)) == "฿๑,๒๓๔.๕๐"


@pytest.mark.parametrize(
    "locale, expected",
    [
        ("en-US", "June 12, 2027"),
        ("en-GB", "12 June 2027"),
        ("pt-BR", "12 de junho de 2027"),
        ("es-MX", "12 de junio de 2027"),
        ("de-DE", "12. Juni 2027"),
        ("fr-FR", "12 juin 2027"),
        ("it-IT", "12 giugno 2027"),
        ("nl-NL", "12 juni 2027"),
        ("pl-PL", "12 czerwca 2027"),
        ("tr-TR", "12 Haziran 2027"),
        ("ar-SA", "12 يونيو 2027"),
        ("ar-AE", "12 يونيو 2027"),
        ("hi-IN", "12 जून 2027"),
        ("id-ID", "12 Juni 2027"),
        ("ja-JP", "2027年6月12日"),
        ("zh-CN", "2027年6月12日"),
        ("ko-KR", "2027년 6월 12일"),
        ("th-TH", "12 มิถุนายน ค.ศ. 2027"),
        ("vi-VN", "12 tháng 6, 2027"),
    ],
)
def test_date_is_the_locales_long_date(locale, expected):
    assert format_date(JUNE_12, MarketFormat(locale, "USD")) == expected


def test_thai_buddhist_era_adds_543_years_and_drops_the_gregorian_era_name():
    thailand = MarketFormat("th-TH", "THB", era="buddhist")
    assert format_date(JUNE_12, thailand) == "12 มิถุนายน 2570"


def test_thai_buddhist_date_in_thai_digits():
    thailand = MarketFormat("th-TH", "THB", era="buddhist", native_digits=True)
    assert format_date(JUNE_12, thailand) == "๑๒ มิถุนายน ๒๕๗๐"


def test_date_in_arabic_indic_digits():
    saudi = MarketFormat("ar-SA", "SAR", native_digits=True)
    assert format_date(JUNE_12, saudi) == "١٢ يونيو ٢٠٢٧"


def test_datetime_is_dated_in_the_markets_time_zone():
    two_am_utc = datetime(2027, 6, 12, 2, 0, tzinfo=timezone.utc)
    assert format_date(two_am_utc, MarketFormat("pt-BR", "BRL", time_zone="America/Sao_Paulo")) == "11 de junho de 2027"
    eight_pm_utc = datetime(2027, 6, 11, 20, 0, tzinfo=timezone.utc)
    assert format_date(eight_pm_utc, MarketFormat("ja-JP", "JPY", time_zone="Asia/Tokyo")) == "2027年6月12日"


@pytest.mark.parametrize(
    "locale, expected",
    [
        ("en-US", "25%"),
        ("de-DE", "25\u00a0%"),
        ("fr-FR", "25\u00a0%"),
        ("tr-TR", "%25"),
        ("ar-SA", "25٪"),
        ("ar-AE", "25\u200e%\u200e"),
        ("ja-JP", "25%"),
    ],
)
def test_percent_takes_a_fraction_and_writes_the_locales_percent(locale, expected):
    assert format_percent(Decimal("0.25"), MarketFormat(locale, "USD")) == expected


def test_percent_rounds_half_up():
    assert format_percent(Decimal("0.125"), MarketFormat("de-DE", "EUR")) == "13\u00a0%"


def test_percent_in_arabic_indic_digits_uses_the_arabic_percent_sign():
    assert format_percent(Decimal("0.25"), MarketFormat("ar-SA", "SAR", native_digits=True)) == "٢٥٪\u061c"


def test_market_format_refuses_an_unknown_era():
    with pytest.raises(ValueError, match="use 'gregorian' or 'buddhist'"):
        MarketFormat("th-TH", "THB", era="hijri")


def test_market_format_refuses_an_unknown_time_zone():
    with pytest.raises(ValueError, match="IANA time zone"):
        MarketFormat("pt-BR", "BRL", time_zone="Brazil/Nowhere")


def test_market_format_refuses_an_unknown_currency():
    with pytest.raises(ValidationError):
        MarketFormat("pt-BR", "REAL")


def test_market_format_refuses_a_babel_style_locale():
    with pytest.raises(ValidationError):
        MarketFormat("pt_BR", "BRL")


def test_placeholders_are_filled_with_the_formatted_values():
    text = "{occasion}: agora {price} (antes {old_price}), até {last_order_date}."
    values = {
        "occasion": "Dia dos Namorados",
        "price": "R$\u00a0199,90",
        "old_price": "R$\u00a0249,90",
        "last_order_date": "9 de junho",
    }
    assert (
        render_placeholders(text, values)
        == "Dia dos Namorados: agora R$\u00a0199,90 (antes R$\u00a0249,90), até 9 de junho."
    )


def test_unknown_missing_and_broken_placeholders_are_left_as_written():
    text = "{preco} {price {discount} {campaign_end} price}"
    assert render_placeholders(text, {"preco": "x", "price": "$1", "campaign_end": None}) == text


def test_render_placeholders_never_raises_on_odd_input():
    assert render_placeholders("{{price}}", {"price": "$1"}) == "{$1}"
    assert render_placeholders("", {}) == ""
    assert render_placeholders(None, {}) == ""
