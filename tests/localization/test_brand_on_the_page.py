"""A brand on the page: a brand kit (name, logo cleaned as it is saved, colours readable on the page) and
product images described in each market's copy, reviewed like the rest of it; the export refuses a
campaign without them, and an image a market's copy does not describe."""
import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from localization import brands, demo, export, review
from localization.models import Brand, CampaignImage
from tests.localization import test_export_fixtures as fixtures
from tests.localization.test_export_fixtures import TODAY, variant_of

pytestmark = pytest.mark.django_db

gifts = fixtures.gifts

HOSTILE_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)" viewBox="0 0 10 10">'
    b'<script>alert(2)</script><rect width="10" height="10" fill="#8a1538"/>'
    b'<a xlink:href="javascript:alert(3)"><circle r="3"/></a><foreignObject><p>x</p></foreignObject></svg>'
)


def exported(campaign, tmp_path):
    out = tmp_path / "bundle.zip"
    export.build_bundle(campaign=campaign, out=out, today=TODAY)
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_an_svg_logo_is_cleaned_of_scripts_handlers_and_outside_links():
    cleaned = brands.cleaned_logo(SimpleUploadedFile("logo.svg", HOSTILE_SVG)).read()
    assert b"<rect" in cleaned
    for hostile in (b"<script", b"onload", b"javascript:", b"foreignObject", b"alert"):
        assert hostile not in cleaned


@pytest.mark.parametrize("name, data, message", [
    ("logo.svg", b"not an svg at all", "not an SVG that can be read"),
    ("logo.png", b"\x89PNG but broken", "not a PNG image that can be read"),
    ("logo.gif", b"GIF89a", "as an SVG or PNG file"),
    ("logo.png", b"x" * (1024 * 1024 + 1), "larger than 1 MB"),
])
def test_a_logo_that_is_not_a_clean_svg_or_png_is_refused_saying_what_to_give(name, data, message):
    with pytest.raises(ValidationError, match=message):
        brands.cleaned_logo(SimpleUploadedFile(name, data))


def test_colours_the_page_cannot_read_are_refused():
    brand = Brand(name="Pale", logo="brands/x.svg", accent="#ffcc00", accent_ink="#ffffff")
    with pytest.raises(ValidationError) as error:
        brand.full_clean()
    assert "on white has a contrast of 1.5:1" in str(error.value.message_dict["accent"])
    assert "buttons need at least 4.5:1" in str(error.value.message_dict["accent_ink"])
    Brand(name="Deep", logo="brands/x.svg", accent="#8a1538", accent_ink="#ffffff").full_clean()


def test_the_pages_carry_the_brand_the_product_image_and_each_markets_description(gifts, tmp_path):
    files = exported(gifts, tmp_path)
    japan, brazil = files["ja-jp/index.html"].decode(), files["pt-br/index.html"].decode()
    assert '<img class="logo" src="../assets/brand/logo.svg" alt="Lumen Gifts">' in japan
    assert '<img src="../assets/images/1-gift-box.png" alt="赤いギフトボックスに入ったシルバーのハートペンダント" width="1200" height="800">' in japan
    assert 'alt="Um pingente de coração de prata numa caixa de presente vermelha aberta"' in brazil
    assert "<style>:root { --accent: #8a1538; --accent-ink: #ffffff; }</style>" in brazil
    assert files["assets/images/1-gift-box.png"] == demo.demo_product_image()
    assert b"<svg" in files["assets/brand/logo.svg"] and b"<script" not in files["assets/brand/logo.svg"]
    listed = json.loads(files["manifest.json"])["files"]
    assert {"assets/brand/logo.svg", "assets/images/1-gift-box.png"} <= set(listed)


def test_an_image_a_markets_copy_does_not_describe_is_refused(gifts, people, tmp_path):
    brands.add_product_image(campaign=gifts, name="second.png", data=demo.demo_product_image(), position=2)
    with pytest.raises(export.ExportRefused) as refusal:
        exported(gifts, tmp_path)
    found = {(problem.code, problem.market) for problem in refusal.value.problems}
    assert found == {("image_alt", "BR"), ("image_alt", "JP"), ("image_alt", "SA")}
    assert "Product image 2 has no description in pt-BR: write one line per image in the copy's image descriptions" in str(refusal.value)
    assert list(tmp_path.iterdir()) == []


def test_a_campaign_without_brand_or_images_is_refused(gifts, tmp_path):
    gifts.brand = None
    gifts.save(update_fields=["brand"])
    CampaignImage.objects.all().delete()
    with pytest.raises(export.ExportRefused) as refusal:
        exported(gifts, tmp_path)
    codes = [problem.code for problem in refusal.value.problems]
    assert "no_brand" in codes and "no_images" in codes
    assert "choose, on the campaign's page, the brand whose name, logo and colours its pages carry" in str(refusal.value)


def test_image_descriptions_are_copy_written_and_reviewed_like_the_rest(gifts, people):
    brazil = variant_of(gifts, "BR")
    review.save_copy(variant=brazil, user=people["copywriter"], expected_version=brazil.version, image_alt="Uma caixa vermelha")
    brazil = variant_of(gifts, "BR")
    assert brazil.state == "draft"  # editing approved copy withdraws the approval, descriptions too
    assert brazil.reviews.order_by("-id").first().copy["image_alt"] == "Uma caixa vermelha"


def test_a_manager_uploads_a_logo_in_the_admin_and_it_is_cleaned(client, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["manager"])
    response = client.post(reverse("admin:localization_brand_add"), {
        "name": "Lumen", "logo": SimpleUploadedFile("lumen.svg", HOSTILE_SVG, content_type="image/svg+xml"),
        "accent": "#8a1538", "accent_ink": "#ffffff",
    })
    assert response.status_code == 302
    brand = Brand.objects.get(name="Lumen")
    assert b"<script" not in brand.logo.read() and brand.logo.name.endswith(".svg")
    refused = client.post(reverse("admin:localization_brand_add"), {
        "name": "Other", "logo": SimpleUploadedFile("other.svg", b"<html>no</html>", content_type="image/svg+xml"),
        "accent": "#8a1538", "accent_ink": "#ffffff",
    })
    assert "not an SVG that can be read" in refused.content.decode() and not Brand.objects.filter(name="Other").exists()
