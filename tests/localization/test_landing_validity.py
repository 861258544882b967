"""Exported landing pages are valid for real clients: the W3C Nu HTML checker (vnu-jar on Debian's
Java) finds no error, and axe-core in Debian's Chromium no serious or critical violation, on every
page of the demo bundle and of a bundle in Portuguese, Arabic and Japanese, and on a reviewer's preview.

The checkers are the pinned npm packages scripts/ensure-validators.sh installs (`make test` runs it);
where they are missing the tests skip on a developer's machine and fail under CI=true.
"""
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from localization import export, quality, review
from localization.models import Campaign, State
from tests.browser.conftest import browser  # noqa: F401 - the Chromium fixture, for the axe tests
from tests.conftest import service_missing
from tests.localization import test_export_fixtures as fixtures
from tests.localization.test_export_fixtures import TODAY, variant_of

pytestmark = pytest.mark.django_db

gifts = fixtures.gifts

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}

# A page with what both checkers must catch: a stray end tag and a duplicate id (Nu), an image
# without a text alternative and a link without a name (axe, both serious or critical).
BROKEN_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Broken</title></head>
<body><main><h1 id="x">Broken</h1><p id="x">One</p></span>
<img src="gift.png"><a href="/buy"><img src="buy.png"></a></main></body></html>
"""


def needs_vnu():
    if shutil.which("java") is None:
        service_missing("Java is not installed, so the Nu HTML checker cannot run: run scripts/ensure-validators.sh as root (make test does)")
    if not VNU_JAR.exists():
        service_missing(f"{VNU_JAR.relative_to(ROOT)} is missing: run scripts/ensure-validators.sh (npm ci; make test does)")


def needs_axe():
    if not AXE_SCRIPT.exists():
        service_missing(f"{AXE_SCRIPT.relative_to(ROOT)} is missing: run scripts/ensure-validators.sh (npm ci; make test does)")


def nu_errors(paths):
    """What the Nu HTML checker calls an error in the files, as 'file:line: message' lines."""
    completed = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--also-check-css", "--format", "json", *map(str, paths)],
        capture_output=True, text=True, timeout=300,
    )
    report = json.loads(completed.stderr or completed.stdout)  # vnu writes its report to stderr
    return [
        f"{'/'.join(message.get('url', '').rsplit('/', 3)[-3:])}:{message.get('lastLine', '?')}: {message['message']}"
        for message in report["messages"]
        if message["type"] in ("error", "non-document-error")
    ]


def axe_violations(driver, url, width, height):
    """axe-core's violations on the page at that window size: [(rule, impact, how many elements, help)]."""
    driver.set_window_size(width, height)
    driver.get(url)
    driver.execute_script(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.length, v.help])))"
        ".catch(e => done('axe failed: ' + e));"
    )
    assert isinstance(result, list), result
    return [tuple(violation) for violation in result]


def unzip(data, folder):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(folder)
    return folder


def approve_what_the_checks_allow(campaign):
    """The demo copy that waits in review, approved by the demo reviewer where the checks allow it
    (as `make audit` does): the demo's Arabic copy names a date Saudi Arabia does not keep and stays out."""
    reviewer = get_user_model().objects.get(username="reviewer")
    for variant in campaign.variants.filter(state=State.IN_REVIEW).select_related("campaign", "market"):
        warnings = quality.warnings(quality.findings_for(variant))
        try:
            review.approve(variant=variant, user=reviewer, acknowledged=[finding["key"] for finding in warnings])
        except review.ChecksBlockApproval:
            pass


@pytest.fixture
def exported_pages(gifts, tmp_path):
    """Every page of the demo bundle and of the Portuguese, Arabic and Japanese bundle, unzipped,
    plus Mexico's preview (copy in review, as a reviewer sees it): {name: path}."""
    call_command("seed_demo", stdout=io.StringIO())
    demo = Campaign.objects.get(slug="valentines-2027")
    approve_what_the_checks_allow(demo)
    export.build_bundle(campaign=demo, out=tmp_path / "demo.zip")
    export.build_bundle(campaign=gifts, out=tmp_path / "gifts.zip", today=TODAY)
    pages = {}
    for name in ("demo", "gifts"):
        folder = unzip((tmp_path / f"{name}.zip").read_bytes(), tmp_path / name)
        pages.update({f"{name}/{page.parent.name}": page for page in sorted(folder.glob("*/index.html"))})
        # The legal pages a market's law wants (the Impressum, the 特定商取引法に基づく表記) are judged too.
        pages.update({f"{name}/{page.parent.name}/{page.stem}": page for page in sorted(folder.glob("*/*.html")) if page.name != "index.html"})
    preview = tmp_path / "preview" / "es-mx.html"
    preview.parent.mkdir()
    preview.write_text(export.preview_page(variant_of(gifts, "MX"), today=TODAY), encoding="utf-8")
    pages["preview/es-mx"] = preview
    assert {"demo/pt-br", "demo/es-mx", "gifts/pt-br", "gifts/ar-sa", "gifts/ja-jp", "gifts/ja-jp/tokushoho"} <= set(pages)
    return pages


def test_the_nu_html_checker_finds_no_error_on_any_exported_page(exported_pages, tmp_path):
    needs_vnu()
    stylesheets = sorted(tmp_path.glob("*/assets/landing.css"))
    errors = nu_errors([*exported_pages.values(), *stylesheets])
    assert errors == [], "The Nu HTML checker finds errors:\n" + "\n".join(errors)
    print(f"Nu HTML checker: 0 errors in {len(exported_pages)} pages and {len(stylesheets)} stylesheets")


@pytest.mark.browser
def test_axe_finds_no_serious_or_critical_violation_on_any_exported_page(exported_pages, browser):  # noqa: F811
    needs_axe()
    browser.set_script_timeout(60)
    blocking, minor = [], []
    for name, path in exported_pages.items():
        for form, (width, height) in WIDTHS.items():
            for rule, impact, count, help_text in axe_violations(browser, path.as_uri(), width, height):
                line = f"{name} ({form}): {rule} [{impact}] x{count}: {help_text}"
                (blocking if impact in BLOCKING_IMPACTS else minor).append(line)
    assert blocking == [], "axe-core finds serious or critical violations:\n" + "\n".join(blocking)
    print(f"axe-core: no serious or critical violation in {len(exported_pages)} pages at {len(WIDTHS)} widths; "
          f"{len(minor)} moderate or minor" + "".join(f"\n  {line}" for line in minor))


def test_the_nu_html_checker_would_catch_a_broken_page(tmp_path):
    needs_vnu()
    page = tmp_path / "broken.html"
    page.write_text(BROKEN_PAGE, encoding="utf-8")
    errors = nu_errors([page])
    assert any("Stray end tag" in error for error in errors), errors
    assert any("Duplicate ID" in error for error in errors), errors
    assert any("alt" in error for error in errors), errors


@pytest.mark.browser
def test_axe_would_catch_a_broken_page(tmp_path, browser):  # noqa: F811
    needs_axe()
    page = tmp_path / "broken.html"
    page.write_text(BROKEN_PAGE, encoding="utf-8")
    found = {rule: impact for rule, impact, _count, _help in axe_violations(browser, page.as_uri(), 1280, 900)}
    assert found.get("image-alt") in BLOCKING_IMPACTS and found.get("link-name") in BLOCKING_IMPACTS, found
