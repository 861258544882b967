"""Demo data for the embedded default: people per role and one sample campaign in several states."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from calendars.models import Market, Occasion

from . import access, campaigns, review
from .models import Campaign, CopyVariant, MarketAssignment, Role
from .export.labels import load_page_catalogue

DEMO_MARKETS = ["BR", "MX", "DE", "SA", "IN", "JP"]

# username -> (password, group, markets they write, markets they review)
DEMO_USERS = {
    "copywriter": ("glocal-copywriter", access.COPYWRITERS, DEMO_MARKETS, []),
    "reviewer": ("glocal-reviewer", access.REVIEWERS, [], DEMO_MARKETS),
    "manager": ("glocal-manager", access.MANAGERS, [], []),
    "admin": ("glocal-admin", None, [], []),
}

SAMPLE_SOURCE = {
    "headline": "Love is in the details",
    "subheadline": "Gifts they will keep, delivered in time",
    "body": "Find the gift that says it best. Order by {last_order_date} to receive it before {occasion}.",
    "call_to_action": "Shop gifts",
    "seo_title": "Valentine's gifts that arrive in time",
    "seo_description": "Thoughtful gifts with fast delivery. {discount} off until {campaign_end}.",
}

SAMPLE_COPY = {
    "BR": {
        "headline": "O amor está nos detalhes",
        "subheadline": "Presentes para guardar, entregues a tempo",
        "body": "Encontre o presente perfeito. Peça até {last_order_date} para receber antes do {occasion}.",
        "call_to_action": "Ver presentes",
        "seo_title": "Presentes de Dia dos Namorados que chegam a tempo",
        "seo_description": "Presentes especiais com entrega rápida. {discount} de desconto até {campaign_end}.",
    },
    "MX": {
        "headline": "El amor está en los detalles",
        "subheadline": "Regalos para siempre, a tiempo",
        "body": "Encuentra el regalo ideal. Pide antes del {last_order_date} y recíbelo antes del {occasion}.",
        "call_to_action": "Ver regalos",
        "seo_title": "Regalos de San Valentín que llegan a tiempo",
        "seo_description": "Regalos especiales con envío rápido. {discount} de descuento hasta {campaign_end}.",
    },
    "DE": {
        "headline": "Liebe steckt im Detail",
        "subheadline": "Geschenke, die bleiben – pünktlich geliefert",
        "body": "Finden Sie das passende Geschenk, bequem von zu Hause. Bestellen Sie bis {last_order_date}, damit es vor {occasion} ankommt.",
        "call_to_action": "Geschenke ansehen",
        "seo_title": "Valentinstagsgeschenke, die garantiert rechtzeitig bei Ihrem Schatz ankommen",
        "seo_description": "Besondere Geschenke mit schneller Lieferung. {discount} Rabatt bis {campaign_end}.",
    },
    "SA": {
        "headline": "الحب في التفاصيل",
        "subheadline": "هدايا تدوم وتصل في الوقت المناسب",
        "body": "اعثر على الهدية المثالية. اطلب قبل {last_order_date} لتصلك قبل {occasion}.",
        "call_to_action": "تسوق الهدايا",
        "seo_title": "هدايا تصل في الوقت المناسب",
        "seo_description": "هدايا مميزة مع توصيل سريع. خصم {discount} حتى {campaign_end}.",
    },
}


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


@transaction.atomic
def seed_sample_campaign():
    """One campaign whose variants show the workflow: approved, in review, changes requested, draft.

    Created once; returns None when it already exists.
    """
    load_page_catalogue()  # the labels and playbooks the sample's landing pages need
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
        **SAMPLE_SOURCE,
    )
    prices = {"BR": 199.90, "MX": 899, "DE": 39.99, "SA": 149, "IN": 2499, "JP": 4980}
    for offer in campaign.campaign_markets.select_related("market"):
        offer.price = prices[offer.market.code]
        offer.shop_url = f"https://shop.example/{offer.market.code.lower()}/valentines"  # the demo brand's shop, per market
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
