"""Fixtures of the export tests: a campaign in Brazil, Saudi Arabia, Japan and Mexico with its copy
approved by each market's reviewer, except Mexico's, still in review. Imported by test_export_*.py."""
from datetime import date
from decimal import Decimal

import pytest

from calendars import occurrences
from calendars.loading import load_occasions
from calendars.models import Occasion
from localization import access, brands, campaigns, demo, quality, review
from localization.export.labels import load_page_catalogue
from localization.models import CopyVariant, SellerDetails
from tests.conftest import make_person

TODAY = date(2027, 1, 10)

SOURCE = {
    "headline": "A gift that arrives in time",
    "body": "Beautiful gifts from {price}.",
    "call_to_action": "Shop gifts",
    "seo_title": "Gifts that arrive in time",
    "seo_description": "Gifts from {price}, delivered in time.",
    "specifications": "Material: sterling silver\nWeight: 12 g",
    "certifications": "Nickel-free (EN 1811)",
    "usage_scenes": "Anniversaries\nBirthdays",
    "image_alt": "A silver heart pendant in an open red gift box",
}

COPY = {
    "BR": {
        "headline": "Um presente que chega a tempo",
        "body": "Presentes lindos a partir de {price}.",
        "call_to_action": "Ver presentes",
        "seo_title": "Presentes que chegam a tempo",
        "seo_description": "Presentes a partir de {price}, entregues a tempo.",
        "specifications": "Material: prata de lei\nPeso: 12 g",
        "certifications": "Sem níquel (EN 1811)",
        "usage_scenes": "Aniversários de namoro\nAniversários",
        "image_alt": "Um pingente de coração de prata numa caixa de presente vermelha aberta",
    },
    "SA": {
        "headline": "هدية تصل في الوقت المناسب",
        "body": "هدايا جميلة ابتداءً من {price}.",
        "call_to_action": "تسوق الهدايا",
        "seo_title": "هدايا تصل في الوقت المناسب",
        "seo_description": "هدايا ابتداءً من {price} تصل في الوقت المناسب.",
        "specifications": "المادة: فضة استرليني\nالوزن: ١٢ غرامًا",
        "usage_scenes": "الذكرى السنوية\nأعياد الميلاد",
        "image_alt": "قلادة على شكل قلب من الفضة في علبة هدايا حمراء مفتوحة",
    },
    "JP": {
        "headline": "記念日に間に合う贈り物",
        "body": "{price}から選べる素敵なギフト。",
        "call_to_action": "ギフトを見る",
        "seo_title": "記念日に間に合うギフト",
        "seo_description": "{price}からのギフトを記念日に間に合うようお届けします。",
        "specifications": "素材：スターリングシルバー\n重さ：12グラム",
        "certifications": "ニッケルフリー",
        "usage_scenes": "記念日\n誕生日",
        "image_alt": "赤いギフトボックスに入ったシルバーのハートペンダント",
    },
    "MX": {
        "headline": "Un regalo que llega a tiempo",
        "body": "Regalos hermosos desde {price}.",
        "call_to_action": "Ver regalos",
        "seo_title": "Regalos que llegan a tiempo",
        "seo_description": "Regalos desde {price}, entregados a tiempo.",
    },
}

# The brand's legal details, one row for every market: all that each market's law asks (catalogue/legal.py).
SELLER = {
    "legal_name": "Gifts Trading Ltd.", "represented_by": "Mei Lin", "address": "1 Harbour Road\nShenzhen 518000",
    "email": "service@gifts.example", "phone": "+86 755 0000 0000", "company_id": "12.345.678/0001-90",
    "commercial_registration": "1010123456", "shipping": "Free shipping", "returns": "Returns within 14 days",
}

PRICES = {"BR": ("199.90", "249.90"), "SA": ("149", None), "JP": ("4980", None), "MX": ("899", None)}


def variant_of(campaign, code):
    return CopyVariant.objects.select_related("campaign", "market").get(campaign=campaign, market__code=code)


def write_and_submit(variant, writer, copy):
    review.save_copy(variant=variant, user=writer, expected_version=variant.version, **copy)
    review.submit(variant=variant, user=writer)


def approve(variant, reviewer):
    warnings = quality.warnings(quality.findings_for(variant))
    review.approve(variant=variant, user=reviewer, acknowledged=[finding["key"] for finding in warnings])


def media_root(tmp_path):
    """The test's MEDIA_ROOT: beside its tmp_path, which tests expect to hold only what they write."""
    return tmp_path.parent / f"{tmp_path.name}-media"


def brand_and_image(campaign):
    """The demo's brand and product image for the campaign (files in the test's MEDIA_ROOT)."""
    campaign.brand = demo.seed_brand()
    campaign.save(update_fields=["brand"])
    brands.add_product_image(campaign=campaign, name="gift-box.png", data=demo.demo_product_image())


@pytest.fixture
def gifts(people, markets, settings, tmp_path):
    """The campaign, its copy approved in BR, SA and JP and in review in MX; the page catalogue loaded."""
    load_occasions()
    chosen = [markets[code] for code in ("BR", "SA", "JP", "MX")]
    occurrences.materialize([2027], markets=chosen)
    load_page_catalogue()
    SellerDetails.objects.get_or_create(market=None, region="", defaults=SELLER)
    settings.MEDIA_ROOT = media_root(tmp_path)  # the brand's logo and the product image
    writer = make_person("yuki", access.COPYWRITERS, writes=[markets["SA"], markets["JP"]])
    reviewer = make_person("samir", access.REVIEWERS, reviews=[markets["SA"], markets["JP"]])
    campaign = campaigns.create_campaign(
        user=people["manager"], markets=chosen, slug="gifts", name="Gifts", occasion=Occasion.objects.get(slug="valentines-day"),
        discount_percent=15, ends_on=date(2027, 6, 12), **SOURCE,
    )
    for code, (price, old_price) in PRICES.items():
        campaign.campaign_markets.filter(market__code=code).update(
            price=Decimal(price), old_price=Decimal(old_price) if old_price else None, shop_url=f"https://shop.example/{code.lower()}/gifts",
            occasion=Occasion.objects.get(slug="dia-dos-namorados") if code == "BR" else None,
        )
    brand_and_image(campaign)
    writers = {"BR": people["copywriter"], "MX": people["copywriter"], "SA": writer, "JP": writer}
    reviewers = {"BR": people["reviewer"], "SA": reviewer, "JP": reviewer}
    for code, copy in COPY.items():
        write_and_submit(variant_of(campaign, code), writers[code], copy)
    for code, person in reviewers.items():
        approve(variant_of(campaign, code), person)
    campaign.refresh_from_db()
    return campaign


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = media_root(tmp_path)
    return settings.MEDIA_ROOT
