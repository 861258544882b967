"""The landing-page preview on each variant's admin page: the market's page from the copy as saved,
in sandboxed frames at a desktop's and a phone's width, served by an admin view that lets it run
nothing, only to those who may see the variant."""
import re

import pytest
from django.urls import reverse

from localization import export, review
from tests.localization import test_export_fixtures as fixtures
from tests.localization.test_export_fixtures import TODAY, variant_of

pytestmark = pytest.mark.django_db

gifts = fixtures.gifts

SCRIPT_IN_COPY = {
    "headline": 'Regalos <script>window.parent.document.title="pwned"</script></script><script>alert(1)</script>',
    "body": '<b>Hola</b> <img src=x onerror="alert(1)"> <a href="javascript:alert(1)">aquí</a> desde {price}.',
    "call_to_action": '<svg onload="alert(1)">Ver</svg>',
    "seo_title": "</title><script>alert(1)</script>",
}


def preview_url(variant):
    return reverse("admin:localization_copyvariant_landing_preview", args=[variant.pk])


def change_url(variant):
    return reverse("admin:localization_copyvariant_change", args=[variant.pk])


def test_the_variant_page_frames_the_landing_page_at_desktop_and_phone_widths(client, gifts, people):
    client.force_login(people["mx_reviewer"])
    html = client.get(change_url(variant_of(gifts, "MX"))).content.decode()
    frames = re.findall(r"<iframe ([^>]*)>", html)
    assert len(frames) == 2
    for frame in frames:
        assert f'src="{preview_url(variant_of(gifts, "MX"))}"' in frame
        assert 'sandbox=""' in frame  # the strictest: no script, no form, no same origin, no navigation out
    assert [re.search(r'width="(\d+)"', frame)[1] for frame in frames] == ["1280", "390"]
    assert "Desktop, 1280 pixels wide" in html and "Phone, 390 pixels wide" in html
    assert "glocal/landing_preview.css" in html
    assert 'class="glocal-serp-title"' in html  # the search result's look stays beside the page


def test_the_preview_is_the_markets_page_marked_as_not_approved(client, gifts, people):
    client.force_login(people["mx_reviewer"])
    response = client.get(preview_url(variant_of(gifts, "MX")))
    assert response.status_code == 200 and response["Content-Type"] == "text/html; charset=utf-8"
    page = response.content.decode()
    assert '<html lang="es-MX" dir="ltr">' in page
    assert "Vista previa: este texto aún no está aprobado." in page
    assert "Regalos hermosos desde $899.00." in page and '<meta name="robots" content="noindex, nofollow">' in page
    client.force_login(people["reviewer"])
    approved = client.get(preview_url(variant_of(gifts, "BR"))).content.decode()
    assert "R$\xa0199,90" in approved and "Pré-visualização" not in approved


def test_the_preview_marks_a_value_the_market_lacks_in_the_text_only(client, gifts, people):
    mexico = variant_of(gifts, "MX")
    review.request_changes(variant=mexico, user=people["mx_reviewer"], note="Say when to order")
    review.save_copy(variant=mexico, user=people["copywriter"], expected_version=mexico.version,
                     body="Antes {old_price}, hoy {price}.", seo_title="Regalos, antes {old_price}")
    page = export.preview_page(variant_of(gifts, "MX"), today=TODAY)  # Mexico has no old price
    assert "<p>Antes <mark class=\"missing-value\">{old_price}</mark>, hoy $899.00.</p>" in page.split("<body>")[1]
    assert "<title>Regalos, antes {old_price}</title>" in page  # no markup inside the title


def test_the_preview_is_served_with_a_policy_that_lets_it_run_nothing(client, gifts, people):
    client.force_login(people["mx_reviewer"])
    response = client.get(preview_url(variant_of(gifts, "MX")))
    policy = dict(part.strip().split(" ", 1) if " " in part.strip() else (part.strip(), "") for part in response["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'none'"  # no script, no fetch, no font, no frame of its own
    assert "script-src" not in policy and "connect-src" not in policy
    # Only its own inlined stylesheet and the brand's colours; its images are inlined too (data:).
    assert re.fullmatch(r"'sha256-[A-Za-z0-9+/]+=*' 'sha256-[A-Za-z0-9+/]+=*'", policy["style-src"])
    assert policy["img-src"] == "data:"
    assert policy["form-action"] == "'none'" and policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'self'" and "sandbox" in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Referrer-Policy"] == "no-referrer" and "no-store" in response["Cache-Control"]


def test_the_preview_policy_allows_exactly_the_inlined_stylesheet_and_the_brands_colours(client, gifts, people):
    import base64
    import hashlib

    client.force_login(people["mx_reviewer"])
    response = client.get(preview_url(variant_of(gifts, "MX")))
    styles = re.findall(r"<style>(.*?)</style>", response.content.decode(), re.DOTALL)
    assert len(styles) == 2 and styles[1] == ":root { --accent: #8a1538; --accent-ink: #ffffff; }"
    digests = [base64.b64encode(hashlib.sha256(style.encode()).digest()).decode() for style in styles]
    assert f"style-src 'sha256-{digests[0]}' 'sha256-{digests[1]}';" in response["Content-Security-Policy"]


def test_a_script_typed_in_copy_stays_inert_in_the_preview(client, gifts, people):
    mexico = variant_of(gifts, "MX")
    review.request_changes(variant=mexico, user=people["mx_reviewer"], note="Try the page")
    review.save_copy(variant=mexico, user=people["copywriter"], expected_version=mexico.version, **SCRIPT_IN_COPY)
    client.force_login(people["mx_reviewer"])
    page = client.get(preview_url(mexico)).content.decode()
    # The one script element is the JSON-LD, which no browser runs (and the policy forbids scripts).
    assert re.findall(r"<script[^>]*>", page) == ['<script type="application/ld+json">']
    assert not re.search(r"<(svg|iframe|object|embed)\b", page)
    # The only images are the brand's logo and the product image, inlined: none from the copy.
    assert re.findall(r"<img\b[^>]*>", page) == re.findall(r'<img (?:class="logo" )?src="data:image/(?:svg\+xml|png);base64,[^"]+"[^>]*>', page)
    assert len(re.findall(r"<img\b", page)) == 2
    assert not re.search(r"\son\w+\s*=", page) and "javascript:" not in page
    assert "<b>Hola</b>" in page  # allowed markup stays


def test_only_those_who_may_see_the_variant_see_its_preview(client, gifts, people):
    brazil = variant_of(gifts, "BR")
    client.force_login(people["mx_reviewer"])  # reviews Mexico, not Brazil
    assert client.get(preview_url(brazil)).status_code == 404
    assert client.get(preview_url(variant_of(gifts, "MX"))).status_code == 200
    client.force_login(people["reviewer"])  # Brazil's reviewer
    assert client.get(preview_url(brazil)).status_code == 200
    assert client.get("/admin/localization/copyvariant/not-a-number/landing-preview/").status_code == 404
    assert client.post(preview_url(brazil)).status_code == 405
    client.logout()
    response = client.get(preview_url(brazil))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
