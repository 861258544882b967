"""Landing-page bundles: what ships (only approved copy), how it reads (language, direction, prices,
dates, hreflang) and that the same inputs give the same bytes."""
import hashlib
import io
import json
import re
import zipfile
from decimal import Decimal

import pytest

from localization import campaigns, export, review
from localization.export.bundle import write_bundle
from localization.export.check import read_page
from localization.export.collect import collect
from localization.export.render import render_pages
from localization.models import CopyVariant, Review, SourceRevision, State
from tests.localization.test_export_fixtures import TODAY, approve, variant_of
from tests.localization import test_export_fixtures as fixtures

pytestmark = pytest.mark.django_db

gifts = fixtures.gifts  # the fixture these tests use


def exported(campaign, tmp_path, name="bundle.zip", **options):
    out = tmp_path / name
    result = export.build_bundle(campaign=campaign, out=out, today=TODAY, **options)
    return result, out.read_bytes()


def unzipped(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_bundle_has_a_folder_per_market_locale_the_assets_sitemap_and_manifest(gifts, tmp_path):
    result, data = exported(gifts, tmp_path)
    files = unzipped(data)
    assert sorted(files) == [
        "ar-sa/copy.json", "ar-sa/index.html", "assets/brand/logo.svg", "assets/images/1-gift-box.png", "assets/landing.css",
        "ja-jp/copy.json", "ja-jp/index.html",
        "ja-jp/tokushoho.html", "manifest.json", "pt-br/copy.json", "pt-br/index.html", "sitemap.xml",
    ]
    manifest = json.loads(files["manifest.json"])
    assert list(manifest) == ["campaign", "generated_at", "markets", "files", "skipped"]
    assert manifest["campaign"] == "gifts"
    assert [(m["market"], m["locale"], m["dir"]) for m in manifest["markets"]] == [
        ("BR", "pt-BR", "ltr"), ("JP", "ja-JP", "ltr"), ("SA", "ar-SA", "rtl"),
    ]
    assert manifest["skipped"] == [{"market": "MX", "locale": "es-MX", "reason": "in_review"}]
    for entry in manifest["markets"]:
        assert list(entry) == ["market", "locale", "dir", "files", "variant_version", "approved_by", "approved_at"]
        for path, digest in entry["files"].items():
            assert hashlib.sha256(files[path]).hexdigest() == digest
        approval = Review.objects.filter(variant__campaign=gifts, variant__market__code=entry["market"], action=Review.Action.APPROVE).get()
        assert entry["variant_version"] == approval.variant_version
        assert entry["approved_by"] == approval.actor.username
        assert entry["approved_at"] == approval.created_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    # Stable: the campaign's last approval, not the time of the export.
    assert manifest["generated_at"] == max(entry["approved_at"] for entry in manifest["markets"])
    assert result.sha256 == hashlib.sha256(data).hexdigest()


def test_every_file_in_the_zip_has_its_sha256_in_the_manifest(gifts, tmp_path):
    _result, data = exported(gifts, tmp_path)
    files = unzipped(data)
    listed = json.loads(files.pop("manifest.json"))["files"]
    assert sorted(listed) == sorted(files)  # the assets and the sitemap too; the manifest cannot hold its own
    assert {"assets/landing.css", "sitemap.xml"} <= set(listed)
    for path, data in files.items():
        assert listed[path] == hashlib.sha256(data).hexdigest(), path


def test_copy_json_holds_raw_and_formatted_values(gifts, tmp_path):
    _result, data = exported(gifts, tmp_path)
    copy = json.loads(unzipped(data)["pt-br/copy.json"])
    assert copy["values"]["price"] == {"raw": "199.90", "formatted": "R$\xa0199,90"}
    assert copy["values"]["last_order_date"] == {"raw": "2027-05-31", "formatted": "31 de maio de 2027"}
    # Copy is formatted as the page carries it: HTML, sanitized.
    assert copy["copy"]["body"] == {"raw": "Presentes lindos a partir de {price}.", "formatted": "Presentes lindos a partir de R$&nbsp;199,90."}


def test_pages_show_the_markets_price_date_payment_and_delivery_promise(gifts, tmp_path):
    _result, data = exported(gifts, tmp_path)
    brazil = unzipped(data)["pt-br/index.html"].decode()
    assert '<data class="price-amount" value="199.90">R$\xa0199,90</data>' in brazil
    assert "Peça até 31 de maio de 2027 para receber a tempo." in brazil  # 12 June less 12 delivery days
    assert "Dia dos Namorados: 12 de junho de 2027" in brazil
    assert "De <s>R$\xa0249,90</s>" in brazil
    assert "<li>Pix</li>" in brazil and "Comprar agora" in brazil
    # The catalogue's "Credit card in installments (parcelado)", as Brazilian shoppers read it.
    assert "<li>Cartão de crédito parcelado</li>" in brazil and "installments" not in brazil
    saudi = unzipped(data)["ar-sa/index.html"].decode()
    assert "الدفع عند الاستلام متاح" in saudi  # Saudi shoppers pay cash on delivery
    japan = unzipped(data)["ja-jp/index.html"].decode()
    assert "今すぐ購入" in japan and "<dt>素材</dt><dd>スターリングシルバー</dd>" in japan


def test_regional_playbooks_order_the_blocks(gifts, tmp_path):
    _result, data = exported(gifts, tmp_path)
    files = unzipped(data)

    def blocks(path):
        return re.findall(r'<section id="(\w+)" class="block block-\w+( is-emphasized)?"', files[path].decode())

    # Japan (east Asia): specifications first and emphasized; Brazil (Latin America): the offer and payment first.
    assert blocks("ja-jp/index.html")[0] == ("specifications", " is-emphasized")
    assert [kind for kind, _emphasis in blocks("pt-br/index.html")][:2] == ["offer", "payment"]


def test_arabic_pages_read_right_to_left_with_the_one_stylesheet(gifts, tmp_path):
    _result, data = exported(gifts, tmp_path)
    files = unzipped(data)
    assert read_page(files["ar-sa/index.html"].decode()).dir == "rtl"
    assert files["ar-sa/index.html"].decode().startswith('<!DOCTYPE html>\n<html lang="ar-SA" dir="rtl">')
    assert '<html lang="pt-BR" dir="ltr">' in files["pt-br/index.html"].decode()
    stylesheet = files["assets/landing.css"].decode()
    physical = re.findall(r"(?:margin|padding|border)-(?:left|right)|text-align:\s*(?:left|right)|(?<![-\w])(?:left|right)\s*:", stylesheet)
    assert physical == []
    assert "margin-inline" in stylesheet and "border-inline-start" in stylesheet


def test_hreflang_alternates_are_complete_and_reciprocal(gifts, tmp_path):
    _result, data = exported(gifts, tmp_path)
    files = unzipped(data)
    base = "https://landing.example/gifts/"
    pages = {"pt-BR": base + "pt-br/", "ja-JP": base + "ja-jp/", "ar-SA": base + "ar-sa/"}
    readings = {folder: read_page(files[f"{folder}/index.html"].decode()) for folder in ("pt-br", "ja-jp", "ar-sa")}
    for folder, reading in readings.items():
        assert reading.canonical == base + folder + "/"
        alternates = dict(reading.alternates)
        assert alternates == {**pages, "x-default": alternates["x-default"]}
        assert alternates["x-default"] in pages.values()
    # Reciprocal: each page another links to links back.
    for folder, reading in readings.items():
        for tag, href in reading.alternates:
            target = href.rstrip("/").rsplit("/", 1)[-1]
            assert base + folder + "/" in dict(readings[target].alternates).values()
    sitemap = files["sitemap.xml"].decode()
    assert sitemap.count("<url>") == 3
    assert sitemap.count('<xhtml:link rel="alternate" hreflang="ar-SA" href="https://landing.example/gifts/ar-sa/"/>') == 3


def test_json_ld_offers_the_price_and_currency_the_page_shows(gifts, tmp_path):
    _result, data = exported(gifts, tmp_path)
    reading = read_page(unzipped(data)["ja-jp/index.html"].decode())
    (product,) = [json.loads(text) for text in reading.json_ld]
    assert product["@type"] == "Product"
    assert (product["offers"]["price"], product["offers"]["priceCurrency"]) == ("4980", "JPY")
    assert "".join(reading.price_text) == "￥4,980"


def test_unapproved_copy_never_ships(gifts, tmp_path):
    _result, data = exported(gifts, tmp_path)
    everything = b"".join(unzipped(data).values()).decode("utf-8", "replace")  # the images are bytes
    assert "Regalos hermosos" not in everything and "es-mx/" not in everything


def test_copy_edited_after_approval_is_left_out(gifts, people, tmp_path):
    brazil = variant_of(gifts, "BR")
    review.save_copy(variant=brazil, user=people["copywriter"], expected_version=brazil.version, headline="Um presente novo")
    result, data = exported(gifts, tmp_path)
    assert {"market": "BR", "locale": "pt-BR", "reason": "draft"} in json.loads(unzipped(data)["manifest.json"])["skipped"]
    assert "Um presente" not in b"".join(unzipped(data).values()).decode("utf-8", "replace")


def test_stale_copy_never_ships(gifts, people, tmp_path):
    stale = campaigns.change_source(
        campaign=gifts, user=people["manager"], kind=SourceRevision.Kind.MEANING, headline="A new promise"
    )
    assert {variant.market.code for variant in stale} == {"BR", "SA", "JP", "MX"}
    with pytest.raises(export.ExportRefused) as refusal:
        exported(gifts, tmp_path)
    assert [problem.code for problem in refusal.value.problems] == ["nothing_approved"]
    assert "BR (pt-BR): stale" in str(refusal.value)
    assert list(tmp_path.iterdir()) == []  # no file, not even a partial one


def test_a_script_typed_into_copy_is_inert(gifts, people, tmp_path):
    mexico = variant_of(gifts, "MX")
    review.request_changes(variant=mexico, user=people["mx_reviewer"], note="Try the page")
    review.save_copy(
        variant=mexico, user=people["copywriter"], expected_version=mexico.version,
        headline='Regalos <script>alert("x")</script></script><script>alert(1)</script>',
        body='<b>Hola</b> <img src=x onerror="alert(1)"> desde {price}.',
        seo_title="</title><script>alert(1)</script>",
    )
    # The checks stop it at review ...
    review.submit(variant=mexico, user=people["copywriter"])
    with pytest.raises(review.ChecksBlockApproval):
        approve(mexico, people["mx_reviewer"])
    # ... and the page it would make carries none of it: the one script is the JSON-LD, escaped.
    page = export.preview_page(mexico, today=TODAY)
    assert page.count("<script") == 1 and '<script type="application/ld+json">' in page
    assert "alert" not in page.split('<script type="application/ld+json">')[0] + page.split("</script>", 1)[1]
    # The only images are the brand's logo and the product image, inlined: none from the copy.
    assert "onerror" not in page and "src=x" not in page
    assert re.findall(r'<img (?:class="logo" )?src="([a-z:/+]+);', page) == ["data:image/svg+xml", "data:image/png"]
    assert "<b>Hola</b>" in page  # allowed markup stays
    json_ld = read_page(page).json_ld[0]
    assert "<" not in json_ld and json.loads(json_ld)["name"] == "Regalos"


def test_two_exports_of_the_same_approved_copy_are_byte_identical(gifts, tmp_path):
    first, first_bytes = exported(gifts, tmp_path, "first.zip")
    # The first export published the copy; the second reads it published, at a later time.
    assert {variant_of(gifts, code).state for code in ("BR", "SA", "JP")} == {State.PUBLISHED}
    second, second_bytes = exported(gifts, tmp_path, "second.zip")
    assert first_bytes == second_bytes and first.sha256 == second.sha256
    with zipfile.ZipFile(io.BytesIO(first_bytes)) as archive:
        infos = archive.infolist()
    assert [info.filename for info in infos] == sorted(info.filename for info in infos)
    assert {(info.date_time, info.external_attr >> 16) for info in infos} == {(infos[0].date_time, 0o100644)}


def test_exporting_publishes_the_shipped_copy_naming_the_bundle(gifts, tmp_path):
    result, _data = exported(gifts, tmp_path)
    assert result.published == 3
    for code in ("BR", "SA", "JP"):
        latest = variant_of(gifts, code).reviews.order_by("-id").first()
        assert (latest.action, latest.from_state, latest.to_state) == (Review.Action.PUBLISH, State.APPROVED, State.PUBLISHED)
        assert result.sha256 in latest.note
    assert variant_of(gifts, "MX").state == State.IN_REVIEW


def test_publish_refuses_copy_that_is_not_approved(gifts, people):
    with pytest.raises(review.TransitionNotAllowed):
        review.publish(variant=variant_of(gifts, "MX"), user=people["manager"], bundle_sha256="0" * 64)
    with pytest.raises(review.WorkflowError):
        review.publish(variant=variant_of(gifts, "BR"), user=people["manager"], bundle_sha256="not a digest")


def test_copy_publishes_together_in_the_same_queries_for_any_number_of_markets(gifts, people, django_assert_num_queries):
    brazil, arabia, japan = (variant_of(gifts, code) for code in ("BR", "SA", "JP"))
    with django_assert_num_queries(5):  # savepoint, lock and read, update, insert the reviews, release
        reviews = review.publish_many(versions={brazil.pk: brazil.version}, user=people["manager"], bundle_sha256="a" * 64)
    assert [r.variant_id for r in reviews] == [brazil.pk]
    with django_assert_num_queries(5):
        review.publish_many(versions={arabia.pk: arabia.version, japan.pk: japan.version}, user=people["manager"], bundle_sha256="b" * 64)
    for variant, sha256 in ((brazil, "a"), (arabia, "b"), (japan, "b")):
        before = variant.version
        variant.refresh_from_db()
        latest = variant.reviews.order_by("-id").first()
        assert (variant.state, variant.version, variant.updated_by) == (State.PUBLISHED, before + 1, people["manager"])
        assert (latest.action, latest.from_state, latest.to_state, latest.variant_version) == (
            Review.Action.PUBLISH, State.APPROVED, State.PUBLISHED, before + 1)
        assert sha256 * 64 in latest.note and latest.copy == variant.copy_fields()


def test_publishing_together_is_all_or_nothing(gifts, people):
    brazil, arabia, mexico = (variant_of(gifts, code) for code in ("BR", "SA", "MX"))
    reviews_before = Review.objects.count()
    # Arabia's copy moved on since the bundle read it; Mexico's is still in review.
    versions = {brazil.pk: brazil.version, arabia.pk: arabia.version - 1, mexico.pk: mexico.version}
    with pytest.raises(review.PublishRefused) as refused:
        review.publish_many(versions=versions, user=people["manager"], bundle_sha256="c" * 64)
    assert refused.value.variant_ids == sorted([arabia.pk, mexico.pk])
    assert variant_of(gifts, "BR").state == State.APPROVED and Review.objects.count() == reviews_before
    with pytest.raises(review.WorkflowError):
        review.publish_many(versions={brazil.pk: brazil.version}, user=people["manager"], bundle_sha256="C" * 64)


def test_copy_changed_while_the_bundle_was_made_stops_the_export(gifts, people, tmp_path):
    bundle = collect(gifts, today=TODAY)
    arabia = variant_of(gifts, "SA")
    CopyVariant.objects.filter(pk=arabia.pk).update(version=arabia.version + 1)  # another session's save, say
    with pytest.raises(export.ExportRefused) as refusal:
        write_bundle(bundle, render_pages(bundle), out=tmp_path / "bundle.zip", user=people["manager"])
    assert [(problem.code, problem.market) for problem in refusal.value.problems] == [("changed_during_export", "SA")]
    assert "export again" in str(refusal.value)
    assert list(tmp_path.iterdir()) == []  # no file, not even a partial one
    assert variant_of(gifts, "BR").state == State.APPROVED  # nothing published: all or nothing


def test_only_the_markets_asked_for_are_exported(gifts, tmp_path):
    _result, data = exported(gifts, tmp_path, markets=["sa", "MX"])
    manifest = json.loads(unzipped(data)["manifest.json"])
    assert [entry["market"] for entry in manifest["markets"]] == ["SA"]
    assert [entry["market"] for entry in manifest["skipped"]] == ["MX"]


def test_the_preview_shows_unapproved_copy_marked_as_such(gifts):
    page = export.preview_page(variant_of(gifts, "MX"), today=TODAY)
    assert "Vista previa: este texto aún no está aprobado." in page
    assert '<meta name="robots" content="noindex, nofollow">' in page and "<style>" in page
    assert "Regalos hermosos desde $899.00." in page
    approved = export.preview_page(variant_of(gifts, "BR"), today=TODAY)
    assert "Pré-visualização" not in approved and "noindex" not in approved


def test_labels_fall_back_to_english_marked_as_english(gifts, markets, people, tmp_path):
    """Pakistan's shoppers also read Urdu, which the label catalogue does not keep yet."""
    from localization.models import CampaignMarket, CopyVariant

    CampaignMarket.objects.create(campaign=gifts, market=markets["PK"], price=Decimal("4999"))
    variant = CopyVariant.objects.create(campaign=gifts, market=markets["PK"], locale="ur-PK", headline="تحفہ", body="{price} سے")
    page = export.preview_page(variant, today=TODAY)
    assert '<html lang="ur-PK" dir="rtl">' in page
    assert '<h2 id="offer-title" lang="en">The offer</h2>' in page
    # The generic payment methods are labels, in English too; the brands are in no language. Cash on
    # delivery is said above the list (in English, marked so), not in it again.
    assert '<p class="cash-on-delivery" lang="en">' in page
    methods = re.search(r'<ul class="payment-methods">\n(.*?)</ul>', page, re.DOTALL)[1]
    assert methods.splitlines() == ["<li>JazzCash</li>", "<li>Easypaisa</li>", '<li lang="en">Credit or debit card</li>']
