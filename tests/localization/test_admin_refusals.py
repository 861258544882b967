"""Refusals are the admin's own pages: 403 says what happened and leads back; another market's copy is a 404."""
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def change_url(variant):
    return reverse("admin:localization_copyvariant_change", args=[variant.pk])


def page(response):
    return response.content.decode()


def without_tokens(html):
    """The page without its CSRF tokens, which are masked differently on every response."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def in_chinese(client):
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/admin/"})


def assert_admin_page(html, language):
    assert f'<html lang="{language}"' in html
    assert 'id="header"' in html and "glocal/admin.css" in html  # the admin's frame and our styles
    assert f'href="{reverse("admin:index")}"' in html  # a way back


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_permission_denied_is_the_admins_own_page(client, people, language):
    client.force_login(people["copywriter"])  # copywriters do not assign people to markets
    if language == "zh-hans":
        in_chinese(client)
    response = client.get(reverse("admin:localization_marketassignment_changelist"))
    assert response.status_code == 403
    html = page(response)
    assert_admin_page(html, language)
    assert 'id="user-tools"' in html and 'id="glocal-language"' in html  # who is logged in, and the language switch
    if language == "en":
        assert "Not allowed" in html and "Your role does not include this page" in html
        assert "Back to the start page" in html
    else:
        assert "首页" in html  # Django's own "Home", in the breadcrumbs


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_another_markets_variant_is_not_found_like_a_missing_one(client, in_review, people, language):
    client.force_login(people["mx_reviewer"])
    if language == "zh-hans":
        in_chinese(client)
    foreign = client.get(change_url(in_review))
    missing = client.get(reverse("admin:localization_copyvariant_change", args=[in_review.pk + 1000]))
    assert foreign.status_code == missing.status_code == 404
    html = page(foreign)
    same_address = without_tokens(page(missing)).replace(f"/{in_review.pk + 1000}/", f"/{in_review.pk}/")
    assert without_tokens(html) == same_address  # nothing tells them apart
    assert "Brazil" not in html and "pt-BR" not in html and "Valentine" not in html
    assert_admin_page(html, language)
    assert f'href="{reverse("admin:localization_copyvariant_changelist")}"' in html  # back to the list
    if language == "en":
        assert "This copy does not exist, or it belongs to a market you do not work in." in html
        assert "Back to copy variants" in html


def test_a_manager_opens_every_markets_variant(client, in_review, people):
    client.force_login(people["manager"])
    assert client.get(change_url(in_review)).status_code == 200


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_unknown_admin_address_is_the_admins_own_not_found_page(client, people, language):
    client.force_login(people["copywriter"])
    if language == "zh-hans":
        in_chinese(client)
    response = client.get("/admin/localization/no-such-thing/")
    assert response.status_code == 404
    html = page(response)
    assert_admin_page(html, language)
    if language == "en":
        assert "Page not found" in html and "There is nothing at this address" in html
    else:
        with translation.override("zh-hans"):
            assert gettext("Page not found") in html and gettext("Page not found") != "Page not found"


def test_the_not_found_page_serves_someone_not_logged_in(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert 'id="user-tools"' not in page(response) and "Page not found" in page(response)
