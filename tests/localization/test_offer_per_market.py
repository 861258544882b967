"""Each market's offer runs in its own window: Germany's Valentine's offer ends on 14 February, Brazil's
on its Dia dos Namorados, 12 June; the page, its JSON-LD and the placeholders say the market's date."""
import importlib
import io
import json
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command

from calendars import occurrences
from calendars.loading import load_occasions
from calendars.models import Occasion, Occurrence
from localization import access, campaigns, export, quality, rendering, scheduling
from localization.export.check import read_page
from localization.export.labels import load_page_catalogue
from localization.models import CampaignMarket, SellerDetails
from tests.conftest import make_person
from tests.localization.test_export_fixtures import COPY, SELLER, SOURCE, TODAY, approve, brand_and_image, media_root, variant_of, write_and_submit

pytestmark = pytest.mark.django_db

UNTIL = {"body": "Beautiful gifts from {price}, until {campaign_end}."}
GERMAN = {
    "headline": "Ein Geschenk, das rechtzeitig ankommt",
    "body": "Schöne Geschenke ab {price}, bis {campaign_end}.",
    "call_to_action": "Geschenke ansehen",
    "seo_title": "Geschenke, die rechtzeitig ankommen",
    "seo_description": "Geschenke ab {price}, rechtzeitig geliefert.",
    "specifications": "Material: Sterlingsilber\nGewicht: 12 g",
    "certifications": "Nickelfrei (EN 1811)",
    "usage_scenes": "Jahrestage\nGeburtstage",
    "image_alt": "Ein silberner Herzanhänger in einer geöffneten roten Geschenkbox",
}


@pytest.fixture
def valentines(people, markets, settings, tmp_path):
    """Valentine's 2027 in Germany (14 February) and Brazil (Dia dos Namorados, 12 June), approved; the
    campaign's default end is 12 June, as the one end date of the campaign used to be."""
    load_occasions()
    chosen = [markets["DE"], markets["BR"]]
    occurrences.materialize([2027], markets=chosen)
    load_page_catalogue()
    writer = make_person("lena", access.COPYWRITERS, writes=[markets["DE"]])
    reviewer = make_person("jonas", access.REVIEWERS, reviews=[markets["DE"]])
    campaign = campaigns.create_campaign(
        user=people["manager"], markets=chosen, slug="valentines-2027", name="Valentine's 2027",
        occasion=Occasion.objects.get(slug="valentines-day"), discount_percent=15, ends_on=date(2027, 6, 12), year=2027,
        **{**SOURCE, **UNTIL},
    )
    SellerDetails.objects.get_or_create(market=None, region="", defaults=SELLER)
    settings.MEDIA_ROOT = media_root(tmp_path)
    brand_and_image(campaign)
    campaign.campaign_markets.update(shop_url="https://shop.example/valentines")
    campaign.campaign_markets.filter(market__code="DE").update(price=Decimal("39.99"), prior_price=Decimal("44.99"))
    campaign.campaign_markets.filter(market__code="BR").update(
        price=Decimal("199.90"), occasion=Occasion.objects.get(slug="dia-dos-namorados")
    )
    write_and_submit(variant_of(campaign, "DE"), writer, GERMAN)
    write_and_submit(variant_of(campaign, "BR"), people["copywriter"], {**COPY["BR"], "body": "Presentes a partir de {price}, até {campaign_end}."})
    approve(variant_of(campaign, "DE"), reviewer)
    approve(variant_of(campaign, "BR"), people["reviewer"])
    campaign.refresh_from_db()
    return campaign


def exported_files(campaign, tmp_path):
    out = tmp_path / "bundle.zip"
    export.build_bundle(campaign=campaign, out=out, today=TODAY)
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def offer_of(files, folder):
    (product,) = [json.loads(text) for text in read_page(files[f"{folder}/index.html"].decode()).json_ld]
    return product["offers"]


def test_each_market_page_and_its_json_ld_end_the_offer_with_its_own_occasion(valentines, tmp_path):
    files = exported_files(valentines, tmp_path)
    assert offer_of(files, "de-de")["priceValidUntil"] == "2027-02-14"
    assert offer_of(files, "pt-br")["priceValidUntil"] == "2027-06-12"
    german, brazilian = json.loads(files["de-de/copy.json"]), json.loads(files["pt-br/copy.json"])
    assert german["values"]["campaign_end"] == {"raw": "2027-02-14", "formatted": "14. Februar 2027"}
    assert brazilian["values"]["campaign_end"] == {"raw": "2027-06-12", "formatted": "12 de junho de 2027"}
    page = files["de-de/index.html"].decode()
    assert "bis 14. Februar 2027" in page and "Juni" not in page


def test_a_markets_own_dates_win_and_the_window_starts_on_its_launch_day(valentines):
    germany = valentines.campaign_markets.select_related("campaign").get(market__code="DE")
    valentine = Occurrence.objects.get(occasion__slug="valentines-day", market__code="DE", year=2027)
    assert germany.offer_window(valentine) == (date(2027, 1, 15), date(2027, 2, 14))  # 30 days ahead
    germany.offer_starts_on, germany.offer_ends_on = date(2027, 2, 1), date(2027, 2, 10)
    germany.save()
    assert germany.offer_window(valentine) == (date(2027, 2, 1), date(2027, 2, 10))
    values = rendering.market_values(variant_of(valentines, "DE"), today=TODAY)
    assert values.offer_ends_on == date(2027, 2, 10) and values.values["campaign_end"] == rendering.format_date(
        date(2027, 2, 10), rendering.market_format(germany.market, "de-DE")
    )


def test_a_market_that_keeps_no_occasion_takes_the_campaigns_default_end(valentines, markets):
    saudi = CampaignMarket.objects.create(campaign=valentines, market=markets["SA"])
    assert saudi.offer_window(None) == (None, date(2027, 6, 12))


def test_the_offer_ends_early_check_and_the_campaign_page_judge_each_market_by_its_own_end(valentines):
    # Germany ends with its Valentine's Day, Brazil with its own: neither ends before customers order.
    assert campaigns.offer_date_problems(campaign=valentines, today=TODAY) == []
    valentines.campaign_markets.filter(market__code="BR").update(offer_ends_on=date(2027, 2, 14))
    assert [market for market, _finding in campaigns.offer_date_problems(campaign=valentines, today=TODAY)] == ["BR"]
    findings = quality.findings_for(variant_of(valentines, "DE"), today=TODAY)
    assert [f for f in findings if f["code"] == "offer_ends_early"] == []


def test_an_offer_that_ends_before_it_starts_is_refused_and_says_what_to_give(valentines):
    germany = valentines.campaign_markets.get(market__code="DE")
    germany.offer_starts_on, germany.offer_ends_on = date(2027, 2, 10), date(2027, 2, 1)
    with pytest.raises(ValidationError, match="end on or after 2027-02-10"):
        germany.full_clean()


def test_next_years_campaign_carries_a_markets_own_dates_a_year_later(valentines):
    valentines.campaign_markets.filter(market__code="DE").update(offer_starts_on=date(2027, 2, 1), offer_ends_on=date(2027, 2, 14))
    following = scheduling.repeat_campaign(campaign=valentines)
    germany = following.campaign_markets.get(market__code="DE")
    assert (germany.offer_starts_on, germany.offer_ends_on) == (date(2028, 2, 1), date(2028, 2, 14))


def test_the_migration_keeps_an_early_end_and_lets_a_late_one_go(valentines):
    """A campaign's one end date, migrated: kept by a market whose occasion ends later (a brand's early
    end), not by a market whose occasion was over by then (Germany reading 12 June)."""
    migration = importlib.import_module("localization.migrations.0012_offer_per_market")
    migration.keep_earlier_ends(apps, None)
    ends = dict(valentines.campaign_markets.values_list("market__code", "offer_ends_on"))
    assert ends == {"DE": None, "BR": date(2027, 6, 12)}
    CampaignMarket.objects.update(offer_ends_on=None)
    valentines.ends_on = date(2027, 2, 10)
    valentines.save()
    migration.keep_earlier_ends(apps, None)
    ends = dict(valentines.campaign_markets.values_list("market__code", "offer_ends_on"))
    assert ends == {"DE": date(2027, 2, 10), "BR": date(2027, 2, 10)}


def test_the_demos_valentines_offer_ends_on_each_markets_own_date(settings, tmp_path):
    settings.MEDIA_ROOT = media_root(tmp_path)
    call_command("seed_demo", stdout=io.StringIO())
    ends = {}
    for offer in CampaignMarket.objects.filter(campaign__slug="valentines-2027").select_related("campaign", "market"):
        kept = rendering.next_occurrence(offer.occasion_in_market_id, offer.market, date(2026, 12, 1))
        observes = offer.market.observances.filter(occasion_id=offer.occasion_in_market_id).exists()
        ends[offer.market.code] = offer.offer_window(kept if observes else None)[1]
    assert ends["DE"] == ends["MX"] == ends["JP"] == date(2027, 2, 14)
    assert ends["BR"] == date(2027, 6, 12)  # Dia dos Namorados
    assert ends["SA"] == date(2027, 2, 14)  # no Valentine's Day there: the Saudi row's own dates
