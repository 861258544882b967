"""Prices and dates typed into copy instead of {price} and {occasion_date}."""

import pytest

from localization.checks import CHECKS_BY_CODE, CopyUnderCheck, Severity, run_checks


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
