"""Landing pages that read well in each market: Japanese headings break at phrases, no space between a
number and 日, each way to pay listed once (cash on delivery, said above the list, not in it again),
Spanish copy with its article."""
import zipfile
from types import SimpleNamespace

import pytest

from localization import export
from localization.demo import SAMPLE_COPY
from localization.export.collect import _payment_methods, delivery_time, page_format
from localization.export.render import stylesheet
from tests.localization import test_export_fixtures as fixtures
from tests.localization.test_export_fixtures import TODAY

gifts = fixtures.gifts


def market(**fields):
    return SimpleNamespace(currency="JPY", native_digits=False, show_minor_units=True, calendar_era="gregorian", time_zone="Asia/Tokyo", **fields)


def test_japanese_and_chinese_write_the_delivery_days_without_a_space():
    assert delivery_time(3, page_format(market(), "ja-JP")) == "3日"
    assert delivery_time(3, page_format(market(), "zh-CN")) == "3天"
    assert delivery_time(3, page_format(market(), "de-DE")) == "3 Tage"  # the space stays where the language has one


def test_japanese_headings_break_at_phrase_boundaries():
    css = stylesheet()
    assert ":lang(ja) :is(h1, h2, .subheadline, .button) { word-break: auto-phrase; }" in css


def test_each_way_to_pay_is_listed_once():
    labels = {"payment_credit_card": "Kreditkarte"}
    methods, _cash = _payment_methods(["Credit card", "PayPal", "Credit card (Visa, Mastercard)", "PayPal"], labels)
    assert methods == ["Kreditkarte", "PayPal"]


def test_the_demos_spanish_copy_takes_its_article_before_the_occasion():
    assert "antes del {occasion}" in SAMPLE_COPY["MX"]["body"] and "antes de {occasion}" not in SAMPLE_COPY["MX"]["body"]


@pytest.mark.django_db
def test_cash_on_delivery_said_above_the_list_is_not_listed_again(gifts, tmp_path):
    out = tmp_path / "bundle.zip"
    export.build_bundle(campaign=gifts, out=out, today=TODAY)
    with zipfile.ZipFile(out) as archive:
        japan = archive.read("ja-jp/index.html").decode()
        notice = archive.read("ja-jp/tokushoho.html").decode()
    assert '<p class="cash-on-delivery">代金引換がご利用いただけます</p>' in japan
    methods = japan.split('<ul class="payment-methods">')[1].split("</ul>")[0]
    assert "代金引換" not in methods and "PayPay" in methods
    assert "代金引換" in notice  # the legal page lists every way to pay
