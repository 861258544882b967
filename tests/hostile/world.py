"""One small world for the hostile tests: Brazil's and Germany's copy in review, a campaign for each, and one of
every other thing an admin page shows (a glossary term, an occurrence, an export, a brand, seller details ...)."""
from dataclasses import dataclass, field
from datetime import timedelta

from django.apps import apps
from django.core.files.base import ContentFile
from django.utils import timezone

from calendars import occurrences
from calendars.models import Observance, Occasion, Occurrence
from localization import access, campaigns, feeds, review
from localization.export.labels import load_page_catalogue
from localization.models import (
    AssignmentChange, Brand, BundleExport, CopyVariant, GlossaryTerm, MarketAssignment, PageLabel, RegionalPlaybook, Review,
    Role, SellerDetails,
)
from tests.conftest import make_person

# The roles of the matrix: someone not logged in, and tests/conftest.py's people.
ROLES = ("anonymous", "copywriter", "reviewer", "manager", "admin")


@dataclass
class World:
    people: dict
    # Objects of the copywriter's and reviewer's market (Brazil), and of a market they do not work in (Germany).
    own: dict = field(default_factory=dict)
    foreign: dict = field(default_factory=dict)
    # Everything else an object URL may need, by model label ("localization.brand").
    objects: dict = field(default_factory=dict)
    feed_token: str = ""


def write_and_submit(variant, writer, **copy):
    review.save_copy(variant=variant, user=writer, expected_version=variant.version, **copy)
    review.submit(variant=variant, user=writer)
    return CopyVariant.objects.select_related("campaign", "market").get(pk=variant.pk)


def build_world(people, markets):
    br, de = markets["BR"], markets["DE"]
    people = dict(people)
    people["de_copywriter"] = make_person("erik", access.COPYWRITERS, writes=[de])
    people["de_reviewer"] = make_person("frida", access.REVIEWERS, reviews=[de])
    manager = people["manager"]

    valentines = campaigns.create_campaign(
        user=manager, markets=[br, markets["MX"]], slug="valentines", name="Valentine's",
        headline="Love is in the details", body="Find the gift that says it best.",
    )
    oktober = campaigns.create_campaign(
        user=manager, markets=[de], slug="oktober", name="Oktober", headline="Cheers to autumn", body="Gifts for the season.",
    )
    br_variant = write_and_submit(
        CopyVariant.objects.get(campaign=valentines, market=br), people["copywriter"],
        headline="O amor está nos detalhes", body="Encontre o presente perfeito.",
    )
    de_variant = write_and_submit(
        CopyVariant.objects.get(campaign=oktober, market=de), people["de_copywriter"],
        headline="Prost auf den Herbst", body="Geschenke für die Saison.",
    )

    occasion = Occasion.objects.create(slug="valentines-day", name="Valentine's Day", kind="commercial", rule={"kind": "fixed", "month": 2, "day": 14})
    for market in (br, de):
        Observance.objects.create(occasion=occasion, market=market)
    occurrences.materialize([2027], markets=[br, de])

    brand = Brand.objects.create(name="Lumen", accent="#8a1538", accent_ink="#ffffff")
    seller = SellerDetails.objects.create(market=de, legal_name="Lumen GmbH", email="legal@lumen.example")
    export = BundleExport.objects.create(campaign=valentines, markets=["BR"], state=BundleExport.Status.DONE, requested_by=manager, sha256="0" * 64)
    export.file.save("valentines.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18), save=True)
    term = GlossaryTerm.objects.create(locale="pt-BR", term="barato", kind=GlossaryTerm.Kind.CAUTION, note="Reads as cheap.")
    load_page_catalogue()

    world = World(people=people)
    world.own = {
        "localization.copyvariant": br_variant,
        "localization.campaign": valentines,
        "localization.review": Review.objects.filter(variant=br_variant).latest("id"),
        "localization.marketassignment": MarketAssignment.objects.get(user=people["copywriter"], market=br, role=Role.COPYWRITER),
    }
    world.foreign = {
        "localization.copyvariant": de_variant,
        "localization.campaign": oktober,
        "localization.review": Review.objects.filter(variant=de_variant).latest("id"),
        "localization.marketassignment": MarketAssignment.objects.get(user=people["de_copywriter"], market=de, role=Role.COPYWRITER),
    }
    world.objects = {
        "auth.group": people["copywriter"].groups.get(),
        "auth.user": people["de_copywriter"],
        "calendars.market": de,
        "calendars.occasion": occasion,
        "calendars.occurrence": Occurrence.objects.filter(market=de).first(),
        "localization.glossaryterm": term,
        "localization.bundleexport": export,
        "localization.pagelabel": PageLabel.objects.order_by("pk").first(),
        "localization.regionalplaybook": RegionalPlaybook.objects.order_by("pk").first(),
        "localization.sellerdetails": seller,
        "localization.brand": brand,
        "localization.assignmentchange": AssignmentChange.objects.order_by("pk").first(),
    }
    if apps.is_installed("axes"):  # login throttling's records (django-axes), one of each
        attempt = {"user_agent": "curl", "ip_address": "203.0.113.9", "username": "ana", "http_accept": "*/*", "path_info": "/admin/login/"}
        for name, extra in (("AccessAttempt", {"get_data": "", "post_data": "", "failures_since_start": 3}), ("AccessLog", {}), ("AccessFailureLog", {})):
            model = apps.get_model("axes", name)
            world.objects[model._meta.label_lower] = model.objects.create(**attempt, **extra)
    world.feed_token = feeds.new_calendar_address(user=people["copywriter"])
    # An export that is done keeps no "running" refresh; its time is past.
    BundleExport.objects.filter(pk=export.pk).update(finished_at=timezone.now() - timedelta(minutes=5))
    return world
