"""A campaign manager, in Debian's Chromium, pages through Brazil's and Saudi Arabia's months."""
import pytest
from django.urls import reverse

from calendars.loading import load_occasions
from calendars.models import Occasion
from localization import campaigns
from tests.browser.conftest import SCREENSHOTS, click_and_wait, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def calendar_managers(people):
    """Managers edit the calendar (DESIGN.md): their group may see and confirm occurrences."""
    load_occasions()
    return people


def test_manager_goes_to_next_month_and_sees_dia_dos_namorados_and_the_launch_window(browser, live_server, calendar_managers, markets):
    from selenium.webdriver.common.by import By

    campaigns.create_campaign(
        user=calendar_managers["manager"], markets=[markets["BR"]], slug="namorados", name="Namorados 2027",
        occasion=Occasion.objects.get(slug="dia-dos-namorados"),
    )
    log_in(browser, live_server, "dora")
    browser.get(f"{live_server.url}{reverse('admin:calendars_occurrence_month')}?market=BR&month=2027-05")
    assert "May 2027" in browser.find_element(By.CSS_SELECTOR, ".glocal-month-title").text
    assert "Namorados 2027" in browser.find_element(By.CSS_SELECTOR, ".glocal-bar-campaign").text  # opens 13 May
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / "month-view-br-2027-05.png"))

    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Next month ›"))
    assert "June 2027" in browser.find_element(By.CSS_SELECTOR, ".glocal-month-title").text
    namorados = browser.find_element(
        By.XPATH, """//a[contains(@class, 'glocal-bar') and normalize-space()="Brazilian Valentine's Day (Dia dos Namorados)"]"""
    )
    twelfth = browser.find_element(By.CSS_SELECTOR, "time[datetime='2027-06-12']")
    assert abs(namorados.location["x"] - twelfth.location["x"]) < twelfth.size["width"]  # in the 12th's column
    assert namorados.location["y"] > twelfth.location["y"]  # under its number
    assert "Brazilian Valentine's Day" in namorados.get_attribute("title")
    browser.save_screenshot(str(SCREENSHOTS / "month-view-br-2027-06.png"))


def test_manager_switches_market_and_sees_ramadan_estimated_across_weeks(browser, live_server, calendar_managers):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import Select
    from selenium.webdriver.support.wait import WebDriverWait

    log_in(browser, live_server, "dora")
    browser.get(f"{live_server.url}{reverse('admin:calendars_occurrence_month')}?market=BR&month=2027-02")
    assert "Brazil · Brasil" in browser.find_element(By.CSS_SELECTOR, ".glocal-month-title").text
    select = browser.find_element(By.ID, "glocal-market")
    Select(select).select_by_value("SA")  # submits on change
    WebDriverWait(browser, 15).until(expected_conditions.staleness_of(select))
    ramadan = browser.find_elements(By.CSS_SELECTOR, ".glocal-bar.glocal-estimated[title^='Ramadan · رمضان']")
    assert len(ramadan) >= 3  # one bar per week it runs through
    assert all(bar.value_of_css_property("border-left-style") in ("dashed", "none") for bar in ramadan)
    browser.save_screenshot(str(SCREENSHOTS / "month-view-sa-2027-02.png"))


def test_a_copywriter_reading_chinese_opens_on_her_market_with_names_in_chinese(browser, live_server, calendar_managers):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import Select
    from selenium.webdriver.support.wait import WebDriverWait

    log_in(browser, live_server, "ana")  # writes Brazil's and Mexico's copy
    language = browser.find_element(By.ID, "glocal-language")
    Select(language).select_by_value("zh-hans")  # submits on change
    WebDriverWait(browser, 15).until(expected_conditions.staleness_of(language))
    browser.get(f"{live_server.url}{reverse('admin:calendars_occurrence_month')}?month=2027-06")
    assert "巴西 · Brasil" in browser.find_element(By.CSS_SELECTOR, ".glocal-month-title").text
    namorados = browser.find_element(By.XPATH, "//a[contains(@class, 'glocal-bar') and contains(., '巴西情人节')]")
    assert namorados.text == "巴西情人节 · Dia dos Namorados"
    assert Select(browser.find_element(By.ID, "glocal-market")).first_selected_option.text == "BR · 巴西 · Brasil"
    browser.save_screenshot(str(SCREENSHOTS / "month-view-br-2027-06-zh-hans.png"))
