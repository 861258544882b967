"""Acknowledgements stored before findings had an identity are keyed by code, field and subject."""
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

migration = importlib.import_module("localization.migrations.0006_findings_keyed_by_identity")

OLD_CAUTION = {
    "code": "caution_term",
    "severity": "warning",
    "field": "body",
    "message": 'The body uses "Bequem", a caution term in de-DE (reads as lazy); make sure it reads well here.',
    "key": "3f2a9c1d0b7e",
}


@pytest.mark.parametrize(
    "code, message, subject",
    [
        ("caution_term", OLD_CAUTION["message"], "bequem"),
        ("preferred_term_missing", 'The source body says "comfortable"; in de-DE write "gemütlich".', "gemütlich"),
        ("sensitive_topic", 'The body mentions "Wine" (alcohol), a sensitive topic in SA. Leave it out.', "alcohol/wine"),
        ("handwritten_date", 'The headline has the date "12 de junho" typed in; write {occasion_date} ...', "12 de junho"),
        ("french_spacing", 'The headline has no space before "?" in "Prêt?"; French puts ...', "?"),
        ("german_quotes", 'The body quotes with "…" in "x"; German copy uses „…“.', ""),
    ],
)
def test_the_subject_is_read_back_out_of_the_old_message(code, message, subject):
    converted = migration.keyed({"code": code, "severity": "warning", "field": "body", "message": message, "key": "abc"})
    assert converted["subject"] == subject
    assert converted["key"] == f"{code}:body:{subject}"
    assert converted["params"] == {"message": message}  # worded as it was when it was acknowledged


def test_already_keyed_findings_are_left_alone():
    keyed = {"code": "caution_term", "severity": "warning", "field": "body", "subject": "bequem", "params": {}, "key": "caution_term:body:bequem"}
    assert migration.keyed(keyed) is keyed


@pytest.mark.django_db(transaction=True)
def test_the_migration_rewrites_stored_acknowledgements_and_findings():
    executor = MigrationExecutor(connection)
    executor.migrate([("localization", "0005_findings_identity")])
    old_apps = executor.loader.project_state([("localization", "0005_findings_identity")]).apps
    User = old_apps.get_model("auth", "User")
    Market = old_apps.get_model("calendars", "Market")
    Campaign = old_apps.get_model("localization", "Campaign")
    CopyVariant = old_apps.get_model("localization", "CopyVariant")
    Review = old_apps.get_model("localization", "Review")
    user = User.objects.create(username="old-reviewer")
    market = Market.objects.create(code="DE", name="Germany", region="europe", primary_locale="de-DE", currency="EUR", time_zone="Europe/Berlin")
    campaign = Campaign.objects.create(slug="old", name="Old")
    variant = CopyVariant.objects.create(campaign=campaign, market=market, locale="de-DE", findings=[OLD_CAUTION])
    review = Review.objects.create(
        variant=variant, action="approve", actor=user, from_state="in_review", to_state="approved",
        variant_version=2, source_version=1, copy={}, acknowledged=[OLD_CAUTION],
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from localization import quality
    from localization.models import CopyVariant as CurrentVariant
    from localization.models import Review as CurrentReview

    [acknowledged] = CurrentReview.objects.get(pk=review.pk).acknowledged
    assert acknowledged["key"] == "caution_term:body:bequem"
    assert quality.readable(acknowledged)["message"] == OLD_CAUTION["message"]
    assert [f["key"] for f in CurrentVariant.objects.get(pk=variant.pk).findings] == ["caution_term:body:bequem"]
