"""A reviewer, in Debian's Chromium, opens the copy and approves it; a copywriter sees the source beside it."""
import pytest
from django.urls import reverse

from localization.models import CopyVariant, State
from tests.browser.conftest import SCREENSHOTS, click_and_wait, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def test_reviewer_approves_in_the_browser(browser, live_server, in_review, people):
    from selenium.webdriver.common.by import By

    log_in(browser, live_server, "bruno")
    browser.get(live_server.url + reverse("admin:localization_copyvariant_change", args=[in_review.pk]))
    assert "Love is in the details" in browser.page_source  # the source beside the copy
    browser.find_element(By.ID, "id_review_note").send_keys("Natural, warm, right for Dia dos Namorados.")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / "reviewer-variant.png"))
    click_and_wait(browser, browser.find_element(By.NAME, "_approve"))
    success = browser.find_element(By.CSS_SELECTOR, "ul.messagelist li.success").text
    assert "is now approved" in success
    variant = CopyVariant.objects.get(pk=in_review.pk)
    assert variant.state == State.APPROVED
    assert variant.reviews.first().note == "Natural, warm, right for Dia dos Namorados."


def test_copywriter_edits_beside_the_source_and_submits(browser, live_server, br_variant, people):
    from selenium.webdriver.common.by import By

    log_in(browser, live_server, "ana")
    browser.get(live_server.url + reverse("admin:localization_copyvariant_change", args=[br_variant.pk]))
    source = browser.find_element(By.CSS_SELECTOR, ".field-source_headline .readonly")
    headline = browser.find_element(By.ID, "id_headline")
    assert source.text == "Love is in the details"
    assert abs(source.location["y"] - headline.location["y"]) < 40  # side by side, not one below the other
    assert headline.location["x"] > source.location["x"]
    headline.clear()
    headline.send_keys("O amor mora nos detalhes")
    browser.save_screenshot(str(SCREENSHOTS / "copywriter-variant.png"))
    click_and_wait(browser, browser.find_element(By.NAME, "_submit_for_review"))
    assert "is now in review" in browser.find_element(By.CSS_SELECTOR, "ul.messagelist").text
    variant = CopyVariant.objects.get(pk=br_variant.pk)
    assert (variant.headline, variant.state) == ("O amor mora nos detalhes", State.IN_REVIEW)
