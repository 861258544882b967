"""A variant field identical to the source in another language was never adapted."""

import pytest

from localization.checks import CHECKS_BY_CODE, CopyUnderCheck, Severity, run_checks

SOURCE = {"headline": "Valentine's Day: gifts for every love", "call_to_action": "Nike"}


def findings(locale, variant, source_locale="en"):
    copy = CopyUnderCheck(locale=locale, source_locale=source_locale, source=SOURCE, variant=variant)
    return run_checks(copy, [CHECKS_BY_CODE["identical_to_source"]])


@pytest.mark.parametrize("locale", ["pt-BR", "de-DE", "fr-FR", "ar-SA", "hi-IN", "ja-JP"])
def test_source_left_untranslated_is_a_warning(locale):
    [finding] = findings(locale, {"headline": "  Valentine's Day: gifts for every love "})
    assert finding.severity == Severity.WARNING
    assert f"the same as the en source; adapt it for {locale}" in finding.message


@pytest.mark.parametrize(
    "locale, headline",
    [
        ("pt-BR", "Dia dos Namorados: presentes para todo amor"),
        ("de-DE", "Valentinstag: Geschenke für jede Liebe"),
        ("fr-FR", "Saint-Valentin : des cadeaux pour chaque amour"),
        ("ar-SA", "عيد الحب: هدايا لكل حب"),
        ("hi-IN", "वैलेंटाइन डे: हर प्यार के लिए तोहफ़े"),
        ("ja-JP", "バレンタインデー：すべての愛にギフトを"),
    ],
)
def test_adapted_copy_passes(locale, headline):
    assert findings(locale, {"headline": headline}) == []


@pytest.mark.parametrize("locale", ["pt-BR", "de-DE", "ar-SA", "hi-IN", "ja-JP", "ko-KR"])
def test_a_single_word_such_as_a_brand_may_stay_the_same(locale):
    assert findings(locale, {"call_to_action": "Nike"}) == []


@pytest.mark.parametrize("locale", ["en-GB", "en-IN", "en-AE", "en-AU", "en-CA", "en-SG"])
def test_same_language_markets_may_keep_the_source(locale):
    assert findings(locale, {"headline": SOURCE["headline"]}) == []
