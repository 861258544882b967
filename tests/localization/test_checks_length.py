"""Field widths: SEO limits and each market's headline and button, East Asian wide as two."""

import pytest

from localization.checks import CHECKS_BY_CODE, SEO_LENGTH_LIMITS, CopyUnderCheck, Severity, display_width, run_checks

LIMITS = {**SEO_LENGTH_LIMITS, "headline": 30, "call_to_action": 16}


def findings(locale, **fields):
    copy = CopyUnderCheck(locale=locale, variant=fields, length_limits=LIMITS)
    return run_checks(copy, [CHECKS_BY_CODE["too_long"]])


def test_east_asian_wide_characters_count_as_two_columns():
    assert display_width("セール") == 6
    assert display_width("ｾｰﾙ") == 3  # half-width katakana
    assert display_width("大促销") == 6
    assert display_width("세일") == 4
    assert display_width("Sale") == 4


def test_combining_marks_and_bidi_marks_take_no_column():
    assert display_width("\u200fمرحبا\u200f") == 5
    assert display_width("कुछ") == 2  # क, ु (a vowel sign under it), छ


@pytest.mark.parametrize(
    "locale, fields, limit_named",
    [
        ("en-US", {"seo_title": "x" * 61}, "61 characters long; the limit is 60. Shorten it by 1"),
        ("ja-JP", {"seo_title": "セール" * 11}, "66 characters long (wide characters"),
        ("zh-CN", {"headline": "情人节大促销，全场五折起，限时三天"}, "the limit is 30"),
        ("ko-KR", {"call_to_action": "지금 바로 구매하세요"}, "the limit is 16"),
        ("ar-SA", {"seo_description": "عرض " * 41}, "the limit is 160"),
        ("hi-IN", {"headline": "दिवाली की सबसे बड़ी सेल अभी शुरू हो गई है, जल्दी करें"}, "the limit is 30"),
        ("de-DE", {"call_to_action": "Jetzt versandkostenfrei bestellen"}, "the limit is 16"),
    ],
)
def test_field_over_its_limit_is_an_error_naming_the_limit(locale, fields, limit_named):
    [finding] = findings(locale, **fields)
    assert finding.severity == Severity.ERROR
    assert finding.field == next(iter(fields))
    assert limit_named in finding.message


@pytest.mark.parametrize(
    "locale, fields",
    [
        ("en-US", {"seo_title": "x" * 60}),
        ("ja-JP", {"seo_title": "セール" * 10}),
        ("zh-CN", {"headline": "情人节大促销"}),
        ("ko-KR", {"call_to_action": "지금 구매"}),
        ("ar-SA", {"seo_description": "\u200fعرض خاص\u200f" * 10}),
        ("hi-IN", {"headline": "दिवाली सेल शुरू"}),
        ("de-DE", {"body": "Ein sehr langer Text " * 100}),
    ],
)
def test_field_within_its_limit_or_without_one_passes(locale, fields):
    assert findings(locale, **fields) == []


def test_a_wide_character_in_one_field_does_not_hide_one_in_another():
    # The first look asks once whether any field may hold a wide character: a Latin headline
    # beside Japanese in the button is still counted by its own width.
    [finding] = findings("ja-JP", headline="Sale", call_to_action="今すぐ購入する今すぐ購入")
    assert (finding.field, finding.params["width"]) == ("call_to_action", 24)
    # Latin-1 copy (no character of it can be wide) is settled by its length alone.
    assert findings("de-DE", headline="Versandkostenfrei für Sie, süß") == []
    [finding] = findings("de-DE", headline="Versandkostenfrei für Sie, süß!")
    assert (finding.params["width"], finding.params["wide"]) == (31, False)
