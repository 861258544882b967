"""A reviewer, in Debian's Chromium, opens the copy and approves it; a copywriter sees the source beside it."""
import pytest
from django.urls import reverse

from localization import campaigns, review
from localization.models import CopyVariant, SourceRevision, State
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
    assert success == "Valentine's · BR (pt-BR) approved."
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
    assert "Valentine's · BR (pt-BR) submitted for review." in browser.find_element(By.CSS_SELECTOR, "ul.messagelist").text
    variant = CopyVariant.objects.get(pk=br_variant.pk)
    assert (variant.headline, variant.state) == ("O amor mora nos detalhes", State.IN_REVIEW)


def test_findings_and_counters_follow_the_copywriters_typing(browser, live_server, br_variant, people):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    log_in(browser, live_server, "ana")
    browser.get(live_server.url + reverse("admin:localization_copyvariant_change", args=[br_variant.pk]))
    counter = browser.find_element(By.CSS_SELECTOR, '[data-width-of="seo_title"]')
    assert counter.text == "0 / 60"
    long_title = "Presentes de Dia dos Namorados para quem você ama, entregues a tempo"
    browser.find_element(By.ID, "id_seo_title").send_keys(long_title)
    WebDriverWait(browser, 10).until(lambda _driver: counter.text == f"{len(long_title)} / 60")
    assert "glocal-width-over" in counter.get_attribute("class")
    findings = browser.find_element(By.CSS_SELECTOR, "#checks-panel ul.glocal-findings")
    WebDriverWait(browser, 10).until(lambda _driver: "Longer than the field allows" in findings.text)
    browser.save_screenshot(str(SCREENSHOTS / "copywriter-live-checks.png"))
    title = browser.find_element(By.ID, "id_seo_title")
    title.clear()
    title.send_keys("Dia dos Namorados")
    WebDriverWait(browser, 10).until(lambda _driver: counter.text == "17 / 60")
    WebDriverWait(browser, 10).until(lambda _driver: "Longer than the field allows" not in findings.text)
    assert CopyVariant.objects.get(pk=br_variant.pk).seo_title == ""  # checking saves nothing


def test_the_reviewer_sees_why_approve_is_disabled_and_the_note_on_top(browser, live_server, br_variant, people):
    from selenium.webdriver.common.by import By

    review.save_copy(variant=br_variant, user=people["copywriter"], expected_version=br_variant.version, body="Só R$ 199,90 hoje!")
    review.submit(variant=br_variant, user=people["copywriter"])
    log_in(browser, live_server, "bruno")
    browser.get(live_server.url + reverse("admin:localization_copyvariant_change", args=[br_variant.pk]))
    approve = browser.find_element(By.NAME, "_approve")
    assert not approve.is_enabled()
    reason = browser.find_element(By.ID, "approve-blocked")
    assert reason.is_displayed() and "blocked while the checks find an error" in reason.text
    assert abs(reason.location["y"] - approve.location["y"]) < 40  # next to the button
    browser.save_screenshot(str(SCREENSHOTS / "reviewer-approve-blocked.png"))


def test_the_kind_of_a_source_change_is_asked_once_the_source_is_edited(browser, live_server, in_review, campaign, people):
    from selenium.webdriver.common.by import By

    review.approve(variant=in_review, user=people["reviewer"])
    campaigns.change_source(campaign=campaign, user=people["manager"], kind=SourceRevision.Kind.CORRECTION, body="Find the gift that says it all.")
    log_in(browser, live_server, "dora")
    browser.get(live_server.url + reverse("admin:localization_campaign_change", args=[campaign.pk]))
    kind = browser.find_element(By.CSS_SELECTOR, ".form-row.field-change_kind")
    assert not kind.is_displayed()
    browser.find_element(By.ID, "id_headline").send_keys("!")
    assert kind.is_displayed()
    assert not any(radio.is_selected() for radio in kind.find_elements(By.CSS_SELECTOR, "input[type=radio]"))
    history = browser.find_element(By.CSS_SELECTOR, ".glocal-copy-text").text
    assert "Body" in history and "Find the gift that says it all." in history
    browser.save_screenshot(str(SCREENSHOTS / "manager-source-change.png"))
    click_and_wait(browser, browser.find_element(By.NAME, "_continue"))
    assert "say whether its meaning changed" in browser.find_element(By.CSS_SELECTOR, ".field-change_kind .errorlist").text
    assert CopyVariant.objects.get(pk=in_review.pk).state == State.APPROVED
