"""The board in Debian's Chromium: a campaign's launch window and its occasion drawn on the same days of
a market's row, overdue in red; screenshots for each role in var/screenshots/board/."""
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from localization import review
from tests.browser.conftest import SCREENSHOTS, browser, log_in  # noqa: F401 (fixture)
from tests.localization.test_board import submitted, valentines  # noqa: F401 (fixture)
from tests.localization.test_scheduling import calendar  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOW = datetime(2027, 5, 25, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)


def test_the_board_draws_each_markets_next_60_days(browser, live_server, valentines, people):  # noqa: F811
    from selenium.webdriver.common.by import By

    copy = submitted(valentines, "BR", people["copywriter"])
    review.request_changes(variant=copy, user=people["reviewer"], note="Diga presente, não lembrança.")
    SCREENSHOTS.joinpath("board").mkdir(parents=True, exist_ok=True)
    for username in ("ana", "bruno", "dora"):
        browser.delete_all_cookies()
        log_in(browser, live_server, username)
        brazil = browser.find_element(By.XPATH, "//div[contains(@class, 'glocal-timeline-market')][bdi='BR']/..")
        window = brazil.find_element(By.CSS_SELECTOR, ".glocal-span-campaign")
        occasion = brazil.find_element(By.XPATH, ".//a[contains(@class, 'glocal-span-cultural')]")
        # Both end on 12 June: the window runs from its launch day to the occasion's last day.
        assert abs((window.location["x"] + window.size["width"]) - (occasion.location["x"] + occasion.size["width"])) <= 3
        assert window.location["x"] < occasion.location["x"]
        browser.save_screenshot(str(SCREENSHOTS / "board" / f"board-{username}.png"))
    overdue = browser.find_element(By.CSS_SELECTOR, ".glocal-matrix .glocal-overdue")
    assert overdue.value_of_css_property("color") == "rgba(186, 33, 33, 1)"

    browser.get(f"{live_server.url}{reverse('admin:localization_campaign_change', args=[valentines.pk])}")
    markets = browser.find_element(By.ID, "glocal-campaign-markets")
    assert "Copy due" in markets.find_element(By.CSS_SELECTOR, ".glocal-row-overdue .glocal-overdue").text
    browser.execute_script("arguments[0].scrollIntoView()", browser.find_element(By.CSS_SELECTOR, ".glocal-milestone-days"))
    browser.save_screenshot(str(SCREENSHOTS / "board" / "campaign-page-milestones.png"))
    browser.execute_script("window.scrollTo(0, 0)")
    browser.save_screenshot(str(SCREENSHOTS / "board" / "campaign-page-markets.png"))
