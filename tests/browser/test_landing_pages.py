"""The exported landing pages in Debian's Chromium: the Portuguese, Arabic and Japanese pages of an
unzipped bundle show the market's price and dates in the reading direction of their language; the
variant page frames the preview at desktop and phone widths, and a script typed into copy stays inert.
Screenshots go to var/screenshots/landing-pages/ (GLOCAL_SCREENSHOTS moves var/screenshots/)."""
import io
import zipfile

import pytest
from django.urls import reverse

from localization import export, review
from tests.browser.conftest import SCREENSHOTS, log_in
from tests.localization import test_export_fixtures as fixtures
from tests.localization.test_export_fixtures import TODAY, variant_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

gifts = fixtures.gifts
SHOTS = SCREENSHOTS / "landing-pages"

# What a shopper must see on each page: the price and a date as the market writes them, and the direction.
EXPECTED = {
    "pt-br": {"dir": "ltr", "price": "R$\xa0199,90", "date": ("order-by", "Peça até 31 de maio de 2027 para receber a tempo.")},
    "ar-sa": {"dir": "rtl", "price": "\u200f149.00\xa0ر.س.\u200f", "date": ("offer-ends", "العرض ساري حتى 12 يونيو 2027")},
    "ja-jp": {"dir": "ltr", "price": "￥4,980", "date": ("order-by", "2027年2月10日までのご注文で間に合います。")},
}


def same_spaces(text):
    """Chromium's visible text has plain spaces where the page has no-break ones, and no direction marks."""
    return text.replace("\xa0", " ").replace("\u200f", "").replace("\u200e", "").strip()


def screenshot(driver, name, width):
    """The whole page at that width (the window grown to the page's height), saved under SHOTS."""
    driver.set_window_size(width, 900)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(height, 600), 4000))
    path = SHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def test_exported_pages_show_the_markets_price_date_and_direction(gifts, browser, tmp_path):
    from selenium.webdriver.common.by import By

    out = tmp_path / "gifts.zip"
    export.build_bundle(campaign=gifts, out=out, today=TODAY)
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as archive:
        archive.extractall(tmp_path / "site")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for folder, expected in EXPECTED.items():
        browser.set_window_size(1280, 900)
        browser.get((tmp_path / "site" / folder / "index.html").as_uri())
        root = browser.find_element(By.TAG_NAME, "html")
        assert root.get_attribute("dir") == expected["dir"]
        assert browser.execute_script("return getComputedStyle(document.body).direction") == expected["dir"]
        price = browser.find_element(By.CSS_SELECTOR, ".price-amount")
        assert price.is_displayed() and same_spaces(price.text) == same_spaces(expected["price"])
        css_class, sentence = expected["date"]
        date = browser.find_element(By.CSS_SELECTOR, f".{css_class}")
        assert date.is_displayed() and same_spaces(date.text) == sentence
        # The stylesheet loaded (one for both directions): the headline starts at the reading side.
        assert browser.execute_script("return getComputedStyle(document.querySelector('.button')).backgroundColor") == "rgb(138, 21, 56)"
        headline = browser.find_element(By.TAG_NAME, "h1").rect
        main = browser.find_element(By.TAG_NAME, "main").rect
        start_gap = (main["x"] + main["width"]) - (headline["x"] + headline["width"]) if expected["dir"] == "rtl" else headline["x"] - main["x"]
        assert 0 <= start_gap < 40, (folder, headline, main)
        shots = [screenshot(browser, f"{folder}-desktop", 1280), screenshot(browser, f"{folder}-phone", 390)]
        assert all(shot.stat().st_size > 10_000 for shot in shots)
    print(f"Landing-page screenshots: {SHOTS}")


def test_the_reviewer_sees_the_landing_page_in_sandboxed_frames_and_typed_script_stays_inert(gifts, browser, live_server, people):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    mexico = variant_of(gifts, "MX")
    review.request_changes(variant=mexico, user=people["mx_reviewer"], note="Try the page")
    review.save_copy(
        variant=mexico, user=people["copywriter"], expected_version=mexico.version,
        headline='Regalos <script>alert(1); window.top.document.title = "pwned"</script>que llegan',
        body='<b>Hola</b> <img src=x onerror="alert(2)"> desde {price}.',
    )
    log_in(browser, live_server, "carla")  # Mexico's reviewer
    browser.set_window_size(1400, 1100)
    browser.get(live_server.url + reverse("admin:localization_copyvariant_change", args=[mexico.pk]))
    frames = browser.find_elements(By.CSS_SELECTOR, "#preview-panel iframe")
    assert [frame.get_attribute("sandbox") for frame in frames] == ["", ""]
    desktop, phone = (viewport.rect for viewport in browser.find_elements(By.CSS_SELECTOR, "#preview-panel .glocal-landing-viewport"))
    assert abs(desktop["y"] - phone["y"]) < 5 and phone["x"] > desktop["x"]  # side by side
    assert round(desktop["width"]) == 642 and round(phone["width"]) == 197  # plus the borders  # 1280 and 390, at half size
    title = browser.title
    for frame in frames:
        browser.switch_to.frame(frame)
        banner = WebDriverWait(browser, 10).until(lambda driver: driver.find_element(By.CSS_SELECTOR, ".preview-banner"))
        assert banner.text == "Vista previa: este texto aún no está aprobado."
        assert browser.find_element(By.TAG_NAME, "h1").text == "Regalos que llegan"
        assert browser.find_element(By.CSS_SELECTOR, ".price-amount").text == "$899.00"
        browser.switch_to.default_content()
    browser.find_element(By.ID, "preview-panel").location_once_scrolled_into_view  # noqa: B018 - scrolls the frames into view
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / "reviewer-landing-preview.png"))
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - nothing the copy typed ran
    assert browser.title == title and "pwned" not in browser.title
