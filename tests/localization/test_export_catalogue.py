"""The landing pages' reference data: labels in every language the markets read, regional playbooks."""
import re

import pytest
from django.core.exceptions import ValidationError
from modeltranslation.utils import build_localized_fieldname

from calendars.catalogue.markets import MARKETS
from calendars.names import translation_language
from localization.catalogue.page_labels import PAGE_LABELS
from localization.catalogue.playbooks import PLAYBOOKS
from localization.export.collect import _payment_methods
from localization.export.labels import load_page_catalogue
from localization.models import PageBlock, PageLabel, RegionalPlaybook

pytestmark = pytest.mark.django_db


def test_every_label_is_written_in_every_language_the_markets_shop_in():
    languages = {translation_language(market["primary_locale"]) for market in MARKETS}
    assert "en" in languages and "ar" in languages and "ja" in languages
    for key, (_note, texts) in PAGE_LABELS.items():
        assert languages <= set(texts), f"{key} lacks {sorted(languages - set(texts))}"
        values = set(re.findall(r"\{(\w+)\}", texts["en"]))
        for language, text in texts.items():
            assert set(re.findall(r"\{(\w+)\}", text)) == values, f"{key} in {language} names other values"


def test_loading_the_catalogue_again_keeps_what_people_edited():
    assert load_page_catalogue() == len(PAGE_LABELS) + len(PLAYBOOKS)
    PageLabel.objects.filter(key="buy_now").update(text_pt="Compre já")
    RegionalPlaybook.objects.filter(region="europe").update(blocks=["offer"])
    assert load_page_catalogue() == 0
    label = PageLabel.objects.get(key="buy_now")
    assert (label.text_pt, getattr(label, build_localized_fieldname("text", "id"))) == ("Compre já", "Beli sekarang")
    europe = RegionalPlaybook.objects.get(region="europe")
    assert europe.ordered_blocks()[:2] == ["offer", "specifications"]  # what it leaves out follows in the usual order
    assert set(europe.ordered_blocks()) == set(PageBlock.values)


def test_a_playbook_names_known_blocks_once():
    playbook = RegionalPlaybook(region="europe", blocks=["offer", "reviews"])
    with pytest.raises(ValidationError, match="Unknown page blocks: reviews"):
        playbook.full_clean()
    playbook.blocks = ["offer", "offer"]
    with pytest.raises(ValidationError, match="Name each page block once"):
        playbook.full_clean()


def test_seed_demo_loads_the_labels_and_playbooks():
    from django.core.management import call_command

    call_command("seed_demo", stdout=None)
    assert PageLabel.objects.count() == len(PAGE_LABELS)
    assert RegionalPlaybook.objects.count() == len(PLAYBOOKS)


ENGLISH_PLANNERS_WORDS = re.compile(
    r"bank transfer|credit card|debit card|card \(|online banking|net banking|instal?lments|cash on delivery|"
    r"convenience store|direct debit|pay later|\bcash at\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("market", MARKETS, ids=[market["code"] for market in MARKETS])
def test_a_markets_payment_methods_read_in_its_shoppers_language(market):
    # The catalogue writes them in English for the people who plan campaigns; the page shows each
    # generic one in its own language and any other by the name shoppers know, with no note.
    language = translation_language(market["primary_locale"])
    labels = {key: texts.get(language, texts["en"]) for key, (_note, texts) in PAGE_LABELS.items()}
    shown, _cash_on_delivery = _payment_methods(market["payment_methods"], labels)
    assert len(shown) == len(market["payment_methods"]) and all(shown)
    assert not [name for name in shown if "(" in name and name not in labels.values()], shown  # a label may say "(COD)"
    if language != "en":
        assert not [name for name in shown if ENGLISH_PLANNERS_WORDS.search(name)], shown
