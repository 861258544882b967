"""Debian's Chromium driven by Selenium, and the steps every browser test takes."""
import os
from pathlib import Path

import pytest

SCREENSHOTS = Path(os.environ.get("GLOCAL_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots"))


def chromium():
    """Debian's Chromium, headless, driven by Selenium; the caller quits it."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1100",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(5)
    return driver


@pytest.fixture
def browser():
    driver = chromium()
    yield driver
    driver.quit()


def log_in(browser, live_server, username):
    from selenium.webdriver.common.by import By

    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys("pw")
    browser.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    browser.find_element(By.ID, "user-tools")  # waits until the admin index has loaded


def click_and_wait(browser, button):
    """Click, then wait until the browser has left the page (the next page's elements are real)."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    button.click()
    WebDriverWait(browser, 15).until(expected_conditions.staleness_of(button))
