"""format_preview: a price and a date as each market's pages show them, and what it refuses.

Expected strings are CLDR's as ICU prints them, written out by hand. Invisible characters
are escaped: U+00A0 no-break space, U+200F right-to-left mark.
"""
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def preview(*args):
    out = StringIO()
    call_command("format_preview", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    "market, price, day",
    [
        # CLDR pt: "¤ #,##0.00" with a no-break space, as Brazilian storefronts print it.
        ("BR", "R$\u00a01.234,50", "12 de junho de 2027"),
        # The catalogue shows no cents on rupiah prices: 1234.5 rounds half up to 1.235.
        ("ID", "Rp\u00a01.235", "12 Juni 2027"),
        ("SA", "\u200f1,234.50\u00a0ر.س.\u200f", "12 يونيو 2027"),
        # The yen has no minor units in CLDR; Japanese storefronts use the full-width sign.
        ("JP", "￥1,235", "2027年6月12日"),
        # Thai storefronts count years in the Buddhist era: 2027 CE is 2570 BE.
        ("TH", "฿1,234.50", "12 มิถุนายน 2570"),
    ],
)
def test_prints_the_price_and_the_date_as_the_market_reads_them(markets, market, price, day):
    assert preview("--market", market, "--amount", "1234.5", "--date", "2027-06-12") == f"price: {price}\ndate: {day}\n"


def test_the_market_code_may_be_lower_case(markets):
    assert preview("--market", "br", "--amount", "0", "--date", "2027-06-12") == "price: R$\u00a00,00\ndate: 12 de junho de 2027\n"


def test_without_a_date_it_shows_today_in_the_market_time_zone(markets, monkeypatch):
    # 02:00 UTC on 12 June is still 11 June in São Paulo, already 12 June in Tokyo.
    monkeypatch.setattr("django.utils.timezone.now", lambda: datetime(2027, 6, 12, 2, 0, tzinfo=UTC))
    assert preview("--market", "BR", "--amount", "10").splitlines()[1] == "date: 11 de junho de 2027"
    assert preview("--market", "JP", "--amount", "10").splitlines()[1] == "date: 2027年6月12日"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--market", "XX", "--amount", "1"], "Unknown market 'XX'; use one of: AE, AR, AU, BR,"),
        (["--market", "BR", "--amount", "abc"], "Amount 'abc' is not a number; write it like 1234.5."),
        (["--market", "BR", "--amount", "1.234,50"], "Amount '1.234,50' is not a number; write it like 1234.5."),
        (["--market", "BR", "--amount", "-5"], "Amount '-5' is negative; a price is zero or more."),
        (["--market", "BR", "--amount", "NaN"], "Amount 'NaN' is not a finite number; write it like 1234.5."),
        (["--market", "BR", "--amount", "inf"], "Amount 'inf' is not a finite number; write it like 1234.5."),
        (["--market", "BR", "--amount", "1e40"], "Amount '1e40' is too large to show as a price."),
        (["--market", "BR", "--amount", "1", "--date", "2027-13-01"], "Date '2027-13-01' is not a date; write it as YYYY-MM-DD."),
        (["--market", "BR", "--amount", "1", "--date", "12/06/2027"], "Date '12/06/2027' is not a date; write it as YYYY-MM-DD."),
        (["--market", "BR", "--amount", "1", "--date", "20270612"], "Date '20270612' is not a date; write it as YYYY-MM-DD."),
    ],
)
def test_refuses_bad_input_with_a_message_that_says_what_to_write(markets, args, message):
    with pytest.raises(CommandError) as refused:
        preview(*args)
    assert str(refused.value).startswith(message)
    assert refused.value.returncode != 0


def test_market_and_amount_are_required(markets):
    with pytest.raises(CommandError, match="--amount"):
        preview("--market", "BR")
