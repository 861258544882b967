"""A calendar loaded before markets had notes of their own: the migration moves each market's remarks to it."""
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from modeltranslation.utils import build_localized_fieldname

from calendars.loading import load_occasions
from calendars.models import Observance, Occasion

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE, AFTER = ("calendars", "0004_observance_notes"), ("calendars", "0005_market_notes")
MOVED = importlib.import_module("calendars.migrations.0005_market_notes").MOVED


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state(target).apps


def notes_columns(notes):
    return {"notes": notes["en"], **{build_localized_fieldname("notes", language): text for language, text in notes.items()}}


@pytest.fixture
def loaded_before_market_notes(markets):
    """The catalogue as a database loaded before 0005 holds it: market remarks in the occasions' notes."""
    load_occasions()
    old = migrate(BEFORE)
    for slug, moved in MOVED.items():
        old.get_model("calendars", "Occasion").objects.filter(slug=slug).update(**{"notes_zh_hans": None, **notes_columns(moved["was"])})
    old.get_model("calendars", "Observance").objects.update(notes="", notes_en=None, notes_zh_hans=None)
    yield old
    latest = MigrationExecutor(connection)
    latest.migrate(latest.loader.graph.leaf_nodes())  # every app as the code expects it, for the tests after


def test_new_years_japanese_remarks_move_to_japan(loaded_before_market_notes):
    old = loaded_before_market_notes
    assert "Japan" in old.get_model("calendars", "Occasion").objects.get(slug="new-year").notes_en
    migrate(AFTER)
    new_year = Occasion.objects.get(slug="new-year")
    assert new_year.notes_en == "Campaigns run in December, next to Christmas and year-end sales."
    assert "fukubukuro" in Observance.objects.get(occasion=new_year, market__code="JP").notes_en
    assert not Observance.objects.get(occasion=new_year, market__code="BR").notes_en
    spring_festival = Observance.objects.get(occasion__slug="lunar-new-year", market__code="CN")
    assert "快递停工" in spring_festival.notes_zh_hans
    assert "快递停工" not in Occasion.objects.get(slug="lunar-new-year").notes_zh_hans


def test_notes_someone_edited_stay_as_they_are(loaded_before_market_notes):
    old = loaded_before_market_notes
    edited = "Our own notes on Christmas in Japan and Brazil."
    old.get_model("calendars", "Occasion").objects.filter(slug="christmas").update(notes=edited, notes_en=edited)
    old.get_model("calendars", "Observance").objects.filter(occasion__slug="new-year", market__code="JP").update(
        notes="Ours.", notes_en="Ours."
    )
    migrate(AFTER)
    assert Occasion.objects.get(slug="christmas").notes_en == edited
    assert not Observance.objects.filter(occasion__slug="christmas").exclude(notes_en=None).exclude(notes_en="").exists()
    assert Observance.objects.get(occasion__slug="new-year", market__code="JP").notes_en == "Ours."
    assert "fukubukuro" not in Occasion.objects.get(slug="new-year").notes_en  # its own notes still move
