"""The export gate: the bundle reads its pages back and refuses, saying what to fix, before writing."""
from decimal import Decimal

import pytest

from localization import export, quality
from localization.export.check import gate
from localization.export.collect import collect
from localization.export.render import render_pages
from localization.models import PageLabel
from tests.localization.test_export_fixtures import TODAY
from tests.localization import test_export_fixtures as fixtures

pytestmark = pytest.mark.django_db

gifts = fixtures.gifts  # the fixtures these tests use


@pytest.fixture
def collected(gifts):
    bundle = collect(gifts, today=TODAY)
    return bundle, render_pages(bundle)


def problems_of(bundle, rendered):
    return gate(bundle, rendered, glossary=quality.current_glossary())


def edit_page(rendered, folder, old, new):
    part = next(part for part in rendered if part.folder == folder)
    path = f"{folder}/index.html"
    assert old in part.files[path]
    part.files[path] = part.files[path].replace(old, new)


def test_a_sound_bundle_passes(collected):
    assert problems_of(*collected) == []


def test_a_json_ld_price_other_than_the_shown_one_is_refused(collected):
    bundle, rendered = collected
    edit_page(rendered, "pt-br", '"price":"199.90"', '"price":"189.90"')
    (problem,) = problems_of(bundle, rendered)
    assert (problem.code, problem.market) == ("price_mismatch", "BR")
    assert "189.90 BRL" in problem.message and "R$\xa0199,90" in problem.message


def test_a_missing_or_one_sided_hreflang_alternate_is_refused(collected):
    bundle, rendered = collected
    edit_page(rendered, "ja-jp", '<link rel="alternate" hreflang="ar-SA" href="https://landing.example/gifts/ar-sa/">\n', "")
    codes = {(problem.code, problem.market) for problem in problems_of(bundle, rendered)}
    assert ("hreflang_incomplete", "JP") in codes
    assert ("hreflang_not_reciprocal", "SA") in codes  # Saudi Arabia links to Japan, which does not link back


def test_the_same_wrong_alternate_on_every_page_is_refused_on_every_page(collected):
    # The gate reads each distinct run of links once a bundle: the same wrong links on all pages are
    # still found on each, and a link outside the bundle is not taken for a reciprocal one.
    bundle, rendered = collected
    stray = '<link rel="alternate" hreflang="fr-FR" href="https://landing.example/gifts/fr-fr/">\n'
    for part in rendered:
        edit_page(rendered, part.folder, '<link rel="alternate" hreflang="x-default"', stray + '<link rel="alternate" hreflang="x-default"')
    codes = {(problem.code, problem.market) for problem in problems_of(bundle, rendered)}
    for market in ("BR", "JP", "SA"):
        assert ("hreflang_incomplete", market) in codes
        assert ("hreflang_unknown_page", market) in codes


def test_a_raw_placeholder_left_on_the_page_is_refused(collected):
    bundle, rendered = collected
    edit_page(rendered, "ar-sa", "<h1>", "<h1>{old_price} ")
    (problem,) = problems_of(bundle, rendered)
    assert problem.code == "raw_placeholder" and "{old_price}" in problem.message


def test_a_check_error_standing_is_refused(collected):
    bundle, rendered = collected
    brazil = next(page for page in bundle.pages if page.market == "BR")
    brazil.copy["body"] += " Antes {old_pricee}."
    codes = [problem.code for problem in problems_of(bundle, rendered)]
    assert any(code.startswith("check:unknown_placeholder:body") for code in codes)


def test_a_market_without_a_price_is_refused_with_what_to_fix(gifts, tmp_path):
    gifts.campaign_markets.filter(market__code="JP").update(price=None)
    with pytest.raises(export.ExportRefused) as refusal:
        export.build_bundle(campaign=gifts, out=tmp_path / "gifts.zip", today=TODAY)
    messages = [str(problem) for problem in refusal.value.problems]
    assert "JP (ja-JP): There is no price for JP: set it in the campaign's markets." in messages
    assert any("JP (ja-JP): [body]" in message for message in messages)  # {price} has no value there
    assert list(tmp_path.iterdir()) == []


def test_untranslated_page_labels_are_refused(gifts, tmp_path):
    PageLabel.objects.filter(key="buy_now").update(text_ja="")
    with pytest.raises(export.ExportRefused) as refusal:
        export.build_bundle(campaign=gifts, out=tmp_path / "gifts.zip", today=TODAY)
    (problem,) = refusal.value.problems
    assert problem.code == "labels_untranslated" and "buy_now" in problem.message and "ja-JP" in problem.message


def test_the_values_collected_are_those_the_reviewers_saw(gifts):
    """collect reads every market at once; its values are rendering.market_values', market by market."""
    from localization import rendering
    from tests.localization.test_export_fixtures import variant_of

    bundle = collect(gifts, today=TODAY)
    for page in bundle.pages:
        assert page.values == rendering.market_values(variant_of(gifts, page.market), today=TODAY).values
    assert next(page.price for page in bundle.pages if page.market == "BR") == "199.90"
    gifts.campaign_markets.filter(market__code="JP").update(price=Decimal("4980.4"))
    assert next(page.price for page in collect(gifts, today=TODAY).pages if page.market == "JP") == "4980"


def test_collecting_takes_the_same_queries_for_more_markets(gifts, markets, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from localization import access, campaigns
    from tests.conftest import make_person
    from tests.localization.test_export_fixtures import approve, variant_of, write_and_submit

    with CaptureQueriesContext(connection) as three_markets:
        assert len(collect(gifts, today=TODAY).pages) == 3
    writer = make_person("wim", access.COPYWRITERS, writes=[markets["DE"], markets["FR"]])
    reviewer = make_person("rita", access.REVIEWERS, reviews=[markets["DE"], markets["FR"]])
    for code, copy in {
        "DE": {"headline": "Ein Geschenk, das rechtzeitig ankommt", "body": "Schöne Geschenke ab {price}.",
               "seo_description": "Geschenke ab {price}, pünktlich geliefert."},
        "FR": {"headline": "Un cadeau qui arrive à temps", "body": "De beaux cadeaux dès {price}.",
               "seo_description": "Des cadeaux dès {price}, livrés à temps."},
    }.items():
        gifts.campaign_markets.create(market=markets[code], price=Decimal("39.99"))
        campaigns.ensure_variants(campaign=gifts)
        write_and_submit(variant_of(gifts, code), writer, copy)
        approve(variant_of(gifts, code), reviewer)
    with CaptureQueriesContext(connection) as five_markets:
        assert len(collect(gifts, today=TODAY).pages) == 5
    assert len(five_markets.captured_queries) == len(three_markets.captured_queries)


def test_two_markets_writing_one_locale_folder_are_refused(collected):
    bundle, rendered = collected
    japan = next(page for page in bundle.pages if page.market == "JP")
    japan.locale, japan.folder = "pt-BR", "pt-br"
    codes = {(problem.code, problem.market) for problem in problems_of(bundle, rendered)}
    assert {("same_locale", "BR"), ("same_locale", "JP")} <= codes


def sitemap_of(bundle, rendered):
    from localization.export.write import bundle_files

    return bundle_files(bundle, rendered)["sitemap.xml"].decode()


def test_a_sitemap_missing_a_pages_alternate_or_not_well_formed_is_refused(collected):
    bundle, rendered = collected
    sitemap = sitemap_of(bundle, rendered)
    assert gate(bundle, rendered, glossary=quality.current_glossary(), sitemap_xml=sitemap) == []
    link = '<xhtml:link rel="alternate" hreflang="ar-SA" href="https://landing.example/gifts/ar-sa/"/>'
    first_url_end = sitemap.index("</url>")
    one_short = sitemap[:first_url_end].replace(link, "", 1) + sitemap[first_url_end:]
    problems = gate(bundle, rendered, glossary=quality.current_glossary(), sitemap_xml=one_short)
    assert [(problem.code, problem.market) for problem in problems] == [("sitemap", "BR")]  # the first entry listed
    broken = sitemap.replace("</loc>", "</lock>", 1)
    (problem,) = gate(bundle, rendered, glossary=quality.current_glossary(), sitemap_xml=broken)
    assert problem.code == "sitemap" and "not well-formed" in problem.message


def test_a_button_that_leads_nowhere_is_refused_on_its_page(collected):
    bundle, rendered = collected
    edit_page(rendered, "ar-sa", 'href="https://shop.example/sa/gifts"', 'href="#offer"')
    (problem,) = problems_of(bundle, rendered)
    assert (problem.code, problem.market) == ("no_shop_link", "SA")
    assert "set the shop page (https://...) of SA in the campaign's market row" in problem.message
