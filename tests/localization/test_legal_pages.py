"""Each market's law on the page: the seller's details in the footer, an Impressum page in Germany and a
特定商取引法に基づく表記 page in Japan, the prior price of an EU reduction; the export refuses a market whose
details are missing, naming what to add, and export_bundle exits 1 leaving no file."""
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from localization import export
from localization.catalogue.legal import requirements_for
from localization.models import SellerDetails
from tests.localization import test_export_fixtures as fixtures
from tests.localization import test_offer_per_market as offers
from tests.localization.test_export_fixtures import TODAY

pytestmark = pytest.mark.django_db

gifts, valentines = fixtures.gifts, offers.valentines  # BR, SA, JP, MX; and DE, BR


def files_of(campaign, tmp_path):
    tmp_path.mkdir(exist_ok=True)
    out = tmp_path / "bundle.zip"
    export.build_bundle(campaign=campaign, out=out, today=TODAY)
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist() if name.endswith((".html", ".json", ".xml"))}


def refused(campaign, tmp_path):
    """export_bundle's message; it exits 1 and leaves no file."""
    with pytest.raises(CommandError) as error:
        call_command("export_bundle", campaign.slug, "--out", str(tmp_path / "x.zip"), stdout=io.StringIO())
    assert error.value.returncode == 1
    assert list(tmp_path.iterdir()) == []
    return str(error.value)


def test_the_catalogue_names_the_law_behind_each_requirement():
    german = {requirement.key: requirement for requirement in requirements_for("DE")}
    assert german["impressum"].source.startswith("§ 5 DDG") and german["impressum"].own_page == "impressum"
    assert "Art. 6a" in german["eu_prior_price"].source and "2011/83/EU" in german["eu_withdrawal"].source
    assert [r.key for r in requirements_for("JP")] == ["contact", "tokushoho"]
    assert "特定商取引法" in requirements_for("JP")[1].source
    assert "7.962/2013" in requirements_for("BR")[1].source
    assert [r.key for r in requirements_for("MX")] == ["contact"]  # elsewhere: a name and a contact


def test_german_and_japanese_pages_carry_their_legal_notice_and_page(valentines, gifts, tmp_path):
    german = files_of(valentines, tmp_path / "de")
    page = german["de-de/index.html"]
    assert '<h2 id="legal-title">Impressum</h2>' in page and "Vertreten durch" in page and "Mei Lin" in page
    assert "binnen vierzehn Tagen" in page  # the EU right of withdrawal, in German
    assert 'href="impressum.html"' in page and "de-de/impressum.html" in german
    assert "Niedrigster Preis der letzten 30 Tage vor der Preisermäßigung: 44,99\xa0€" in page
    japanese = files_of(gifts, tmp_path / "jp")
    notice = japanese["ja-jp/tokushoho.html"]
    assert "<h1>特定商取引法に基づく表記</h1>" in notice
    for label in ("販売業者", "運営統括責任者", "所在地", "電話番号", "送料", "返品・交換について"):
        assert f"<dt>{label}</dt>" in notice
    assert "￥4,980" in notice  # the price the offer page shows
    # Outside the EU no right of withdrawal is promised; Brazil's footer names the CNPJ.
    assert "14" not in japanese["ja-jp/index.html"].split('<footer class="legal"')[1]
    assert "<dt>CNPJ</dt><dd>12.345.678/0001-90</dd>" in japanese["pt-br/index.html"]


def test_a_german_page_without_impressum_details_is_refused_naming_what_to_add(valentines, tmp_path):
    SellerDetails.objects.update(represented_by="", address="")
    message = refused(valentines, tmp_path)
    assert "DE (de-DE): Impressum (§ 5 DDG (Digitale-Dienste-Gesetz)) needs the seller's represented by, address" in message
    assert "add them in Seller details, for DE, its region or every market" in message
    assert "BR (pt-BR): Razão social, CNPJ e endereço (Decreto nº 7.962/2013, art. 2º) needs the seller's address" in message


def test_a_japanese_page_without_its_tokushoho_details_is_refused(gifts, tmp_path):
    SellerDetails.objects.update(phone="", shipping="")
    message = refused(gifts, tmp_path)
    assert "JP (ja-JP): 特定商取引法に基づく表記 (特定商取引法 第11条" in message and "needs the seller's phone, shipping costs" in message
    # A Japanese row of its own serves Japan; the others keep the row for every market.
    SellerDetails.objects.create(**{**fixtures.SELLER, "market": gifts.campaign_markets.get(market__code="JP").market})
    assert "ja-jp/tokushoho.html" in files_of(gifts, tmp_path / "again")


def test_an_eu_reduction_without_its_30_day_prior_price_is_refused(valentines, tmp_path):
    valentines.campaign_markets.filter(market__code="DE").update(prior_price=None)
    message = refused(valentines, tmp_path)
    assert "DE (de-DE): The offer is a reduction, and an EU page shows the lowest price of the 30 days before it" in message
    assert "set it in DE's row of the campaign's markets" in message
    assert "BR (pt-BR)" not in message  # Brazil's law asks no prior price


def test_no_seller_details_at_all_names_every_market(gifts, tmp_path):
    SellerDetails.objects.all().delete()
    message = refused(gifts, tmp_path)
    for market in ("BR (pt-BR)", "JP (ja-JP)", "SA (ar-SA)"):
        assert f"{market}: " in message


def test_managers_keep_the_seller_details_in_the_admin_beside_what_the_law_asks(client, people, markets):
    client.force_login(people["manager"])
    response = client.post(reverse("admin:localization_sellerdetails_add"), {
        "market": markets["DE"].pk, "region": "", "legal_name": "Lumen Gifts Europe GmbH", "represented_by": "Anna Keller",
        "address": "Friedrichstraße 68\r\n10117 Berlin", "email": "de@lumen.example",
    })
    assert response.status_code == 302
    details = SellerDetails.objects.get(market=markets["DE"])
    page = client.get(reverse("admin:localization_sellerdetails_change", args=[details.pk])).content.decode()
    assert "<strong>Impressum</strong> (§ 5 DDG (Digitale-Dienste-Gesetz))" in page and "represented by, address" in page
    assert "Directive 98/6/EC, Art. 6a" in page
    both = client.post(reverse("admin:localization_sellerdetails_add"), {
        "market": markets["JP"].pk, "region": "east-asia", "legal_name": "X",
    })
    assert "Give a market or a region, not both." in both.content.decode()
    client.force_login(people["copywriter"])  # not a copywriter's to see or change
    assert client.get(reverse("admin:localization_sellerdetails_changelist")).status_code == 403
