"""Demo data for the embedded default: people per role and one sample campaign in several states."""

import io
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw

from calendars.models import Market, Occasion

from . import access, brands, campaigns, review
from .models import Brand, Campaign, CopyVariant, MarketAssignment, Role, SellerDetails
from .export.labels import load_page_catalogue

DEMO_MARKETS = ["BR", "MX", "DE", "SA", "IN", "JP"]

# username -> (password, group, markets they write, markets they review)
DEMO_USERS = {
    "copywriter": ("glocal-copywriter", access.COPYWRITERS, DEMO_MARKETS, []),
    "reviewer": ("glocal-reviewer", access.REVIEWERS, [], DEMO_MARKETS),
    "manager": ("glocal-manager", access.MANAGERS, [], []),
    "admin": ("glocal-admin", None, [], []),
}

# The demo brand's legal details: one row for every market, and the markets whose law wants more
# (catalogue/legal.py): a German Impressum, the Japanese 特定商取引法に基づく表記, a Brazilian CNPJ,
# a Saudi commercial registration.
DEMO_SELLERS = {
    None: {
        "legal_name": "Lumen Gifts (Shenzhen) Co., Ltd.", "represented_by": "Chen Wei",
        "address": "Room 1808, Block A, Tianan Cyber Park\nFutian District, Shenzhen 518040\nChina",
        "email": "service@lumen-gifts.example", "phone": "+86 755 8888 6666",
    },
    "DE": {
        "legal_name": "Lumen Gifts Europe GmbH", "represented_by": "Geschäftsführerin: Anna Keller",
        "address": "Friedrichstraße 68\n10117 Berlin\nDeutschland", "email": "service-de@lumen-gifts.example",
        "phone": "+49 30 1234 5678", "register": "Amtsgericht Charlottenburg, HRB 234567 B", "vat_id": "DE312345678",
        "returns": "Widerrufsrecht: 14 Tage ab Erhalt der Ware. Rücksendung an die obige Anschrift.",
    },
    "JP": {
        "legal_name": "ルーメンギフト株式会社", "represented_by": "山田 花子",
        "address": "〒150-0002 東京都渋谷区渋谷2-21-1", "email": "service-jp@lumen-gifts.example", "phone": "03-1234-5678",
        "shipping": "全国一律 550円（5,000円以上のご注文で送料無料）",
        "returns": "商品到着後8日以内にご連絡ください。未使用品に限り返品・交換を承ります。",
    },
    "BR": {
        "legal_name": "Lumen Presentes do Brasil Ltda.", "company_id": "12.345.678/0001-90",
        "address": "Av. Paulista, 1000, conj. 101\nBela Vista, São Paulo - SP, 01310-100", "email": "atendimento@lumen-gifts.example",
    },
    "SA": {"legal_name": "Lumen Gifts Trading Est.", "commercial_registration": "1010123456", "email": "service-sa@lumen-gifts.example"},
}

SAMPLE_SOURCE = {
    "headline": "Love is in the details",
    "subheadline": "Gifts they will keep, delivered in time",
    "body": "Find the gift that says it best. Order by {last_order_date} to receive it before {occasion}.",
    "call_to_action": "Shop gifts",
    "seo_title": "Valentine's gifts that arrive in time",
    "seo_description": "Thoughtful gifts with fast delivery. {discount} off until {campaign_end}.",
    "image_alt": "A red gift box with a silver heart pendant on its ribbon",
}

SAMPLE_COPY = {
    "BR": {
        "headline": "O amor está nos detalhes",
        "subheadline": "Presentes para guardar, entregues a tempo",
        "body": "Encontre o presente perfeito. Peça até {last_order_date} para receber antes do {occasion}.",
        "call_to_action": "Ver presentes",
        "seo_title": "Presentes de Dia dos Namorados que chegam a tempo",
        "seo_description": "Presentes especiais com entrega rápida. {discount} de desconto até {campaign_end}.",
        "image_alt": "Uma caixa de presente vermelha com um pingente de coração prateado na fita",
    },
    "MX": {
        "headline": "El amor está en los detalles",
        "subheadline": "Regalos para siempre, a tiempo",
        "body": "Encuentra el regalo ideal. Pide antes del {last_order_date} y recíbelo antes del {occasion}.",
        "call_to_action": "Ver regalos",
        "seo_title": "Regalos de San Valentín que llegan a tiempo",
        "seo_description": "Regalos especiales con envío rápido. {discount} de descuento hasta {campaign_end}.",
        "image_alt": "Una caja de regalo roja con un dije de corazón plateado en el listón",
    },
    "DE": {
        "headline": "Liebe steckt im Detail",
        "subheadline": "Geschenke, die bleiben – pünktlich geliefert",
        "body": "Finden Sie das passende Geschenk, bequem von zu Hause. Bestellen Sie bis {last_order_date}, damit es vor {occasion} ankommt.",
        "call_to_action": "Geschenke ansehen",
        "seo_title": "Valentinstagsgeschenke, die garantiert rechtzeitig bei Ihrem Schatz ankommen",
        "seo_description": "Besondere Geschenke mit schneller Lieferung. {discount} Rabatt bis {campaign_end}.",
        "image_alt": "Eine rote Geschenkbox mit einem silbernen Herzanhänger an der Schleife",
    },
    "SA": {
        "headline": "الحب في التفاصيل",
        "subheadline": "هدايا تدوم وتصل في الوقت المناسب",
        # Saudi Arabia keeps no Valentine's Day: the copy leaves out its name and its last order date.
        "body": "اعثر على الهدية المثالية لمن تحب، مع توصيل سريع إلى باب بيتك.",
        "call_to_action": "تسوق الهدايا",
        "seo_title": "هدايا تصل في الوقت المناسب",
        "seo_description": "هدايا مميزة مع توصيل سريع. خصم {discount} حتى {campaign_end}.",
        "image_alt": "علبة هدايا حمراء مع قلادة على شكل قلب فضي على الشريط",
    },
    "JP": {
        "headline": "想いは、細部に宿る",
        "subheadline": "ずっと残る贈り物を、記念日に間に合うように",
        "body": "大切な人にぴったりのギフトを。{last_order_date}までのご注文で{occasion}に間に合います。",
        "call_to_action": "ギフトを見る",
        "seo_title": "記念日に間に合うバレンタインギフト",
        "seo_description": "特別なギフトをスピード配送で。{campaign_end}まで{discount}オフ。",
        "image_alt": "リボンにシルバーのハートペンダントを添えた赤いギフトボックス",
    },
}


DEMO_BRAND = {"name": "Lumen Gifts", "accent": "#8a1538", "accent_ink": "#ffffff"}


def demo_logo():
    """The demo brand's logo, an SVG: a heart and the brand's name."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 48" width="200" height="48">'
        '<path d="M24 40 C6 28 4 14 14 10 C19 8 23 11 24 15 C25 11 29 8 34 10 C44 14 42 28 24 40 Z" fill="#8a1538"/>'
        '<text x="52" y="32" font-family="sans-serif" font-size="24" font-weight="700" fill="#1b1b1f">Lumen Gifts</text></svg>'
    ).encode("utf-8")


def demo_product_image():
    """A PNG of the demo's product, drawn with Pillow: a red gift box with a ribbon and a silver heart."""
    image = Image.new("RGB", (1200, 800), "#f4f1ec")
    draw = ImageDraw.Draw(image)
    draw.rectangle((400, 300, 800, 650), fill="#8a1538")
    draw.rectangle((370, 250, 830, 330), fill="#a51c45")
    draw.rectangle((575, 250, 625, 650), fill="#d8c9a3")
    draw.ellipse((520, 150, 600, 260), outline="#d8c9a3", width=18)
    draw.ellipse((600, 150, 680, 260), outline="#d8c9a3", width=18)
    draw.polygon([(600, 560), (540, 500), (545, 470), (575, 460), (600, 485), (625, 460), (655, 470), (660, 500)], fill="#c0c4cc")
    stream = io.BytesIO()
    image.save(stream, format="PNG", optimize=True)
    return stream.getvalue()


def seed_brand():
    """The demo brand, its logo cleaned as an upload's would be; created once."""
    brand = Brand.objects.filter(name=DEMO_BRAND["name"]).first()
    if brand is None:
        brand = Brand(**DEMO_BRAND)
        brand.logo.save("lumen-gifts.svg", brands.cleaned_logo(ContentFile(demo_logo(), name="lumen-gifts.svg")), save=False)
        brand.full_clean()
        brand.save()
    return brand


def demo_passwords_allowed():
    """Demo passwords are printed on screen, so they exist only on the embedded default."""
    return settings.EMBEDDED


@transaction.atomic
def seed_people():
    """Create the demo users that are missing; returns {username: password or None}."""
    User = get_user_model()
    logins = {}
    for username, (password, group_name, writes, reviews) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@glocal.localhost", "is_staff": True, "is_superuser": group_name is None},
        )
        if created:
            if demo_passwords_allowed():
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            for code in writes:
                MarketAssignment.objects.get_or_create(user=user, market=Market.objects.get(code=code), role=Role.COPYWRITER)
            for code in reviews:
                MarketAssignment.objects.get_or_create(user=user, market=Market.objects.get(code=code), role=Role.REVIEWER)
        logins[username] = password if user.has_usable_password() and demo_passwords_allowed() else None
    return logins


def seed_seller_details():
    """The demo brand's legal details (DEMO_SELLERS), created once; details people edited are kept."""
    for code, details in DEMO_SELLERS.items():
        market = Market.objects.filter(code=code).first() if code else None
        if code is None or market is not None:
            SellerDetails.objects.get_or_create(market=market, region="", defaults=details)


@transaction.atomic
def seed_sample_campaign():
    """One campaign whose variants show the workflow: approved, in review, changes requested, draft.

    Created once; returns None when it already exists.
    """
    load_page_catalogue()  # the labels and playbooks the sample's landing pages need
    seed_seller_details()  # and the legal details each market's law wants on them
    if Campaign.objects.filter(slug="valentines-2027").exists():
        return None
    User = get_user_model()
    copywriter, reviewer, manager = (User.objects.get(username=name) for name in ("copywriter", "reviewer", "manager"))
    campaign = campaigns.create_campaign(
        user=manager,
        markets=Market.objects.filter(code__in=DEMO_MARKETS),
        slug="valentines-2027",
        name="Valentine's 2027",
        occasion=Occasion.objects.filter(slug="valentines-day").first(),
        discount_percent=15,
        year=2027,
        repeats_yearly=True,  # Valentine's 2028 is created with this year's approved copy when its first market opens
        brand=seed_brand(),
        **SAMPLE_SOURCE,
    )
    brands.add_product_image(campaign=campaign, name="valentines-gift-box.png", data=demo_product_image())
    prices = {"BR": 199.90, "MX": 899, "DE": 39.99, "SA": 149, "IN": 2499, "JP": 4980}
    for offer in campaign.campaign_markets.select_related("market"):
        offer.price = prices[offer.market.code]
        offer.shop_url = f"https://shop.example/{offer.market.code.lower()}/valentines"  # the demo brand's shop, per market
        if offer.market.code == "SA":  # no Valentine's Day to end with: the Saudi offer has dates of its own
            offer.offer_starts_on, offer.offer_ends_on = date(2027, 1, 15), date(2027, 2, 14)
        if offer.market.code == "DE":  # a 15 % reduction in the EU shows the lowest price of the 30 days before it
            offer.prior_price = 46.99
        if offer.market.code == "BR":  # Brazil's day for couples is 12 June
            offer.occasion = Occasion.objects.filter(slug="dia-dos-namorados").first()
        offer.save()
    variants = {v.market.code: v for v in campaign.variants.select_related("market", "campaign")}
    for variant in variants.values():
        CopyVariant.objects.filter(pk=variant.pk).update(copywriter=copywriter)
    for code, copy in SAMPLE_COPY.items():
        variant = variants[code]
        review.save_copy(variant=variant, user=copywriter, expected_version=variant.version, **copy)
    review.submit(variant=variants["BR"], user=copywriter)
    review.approve(variant=variants["BR"], user=reviewer, note="Reads naturally; Dia dos Namorados framing is right.")
    review.submit(variant=variants["MX"], user=copywriter)
    review.submit(variant=variants["DE"], user=copywriter)
    review.request_changes(
        variant=variants["DE"], user=reviewer, note="Use 'Valentinstag' in the headline; the SEO title is over 60 characters."
    )
    review.submit(variant=variants["SA"], user=copywriter)
    return campaign
