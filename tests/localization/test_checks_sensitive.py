"""Sensitive topics per market: alcohol and revealing clothing in the Gulf, beef in India."""

import pytest

from localization.checks import CHECKS_BY_CODE, CopyUnderCheck, SensitiveTopic, SensitiveTopics, Severity, run_checks

GULF = SensitiveTopics(
    [
        SensitiveTopic(
            "alcohol",
            {"ar": ["نبيذ", "خمر", "بيرة"], "en": ["wine", "beer", "cocktail"]},
            severity=Severity.ERROR,
            advice="Alcohol may not be advertised here; show another product.",
        ),
        SensitiveTopic("pork", {"ar": ["لحم الخنزير"], "en": ["pork", "bacon"]}, severity=Severity.ERROR),
        SensitiveTopic("revealing clothing", {"ar": ["بكيني"], "en": ["off-shoulder", "bikini", "crop top"]}),
    ]
)
INDIA = SensitiveTopics([SensitiveTopic("beef", {"hi": ["बीफ़", "गोमांस"], "en": ["beef"]})])
INDONESIA = SensitiveTopics([SensitiveTopic("pork", {"id": ["babi"]}, severity=Severity.ERROR)])


def findings(locale, market, body, topics):
    copy = CopyUnderCheck(locale=locale, market=market, variant={"body": body}, sensitive_topics=topics)
    return run_checks(copy, [CHECKS_BY_CODE["sensitive_topic"]])


@pytest.mark.parametrize(
    "locale, market, topics, body, written, topic, severity",
    [
        ("ar-SA", "SA", GULF, "أفضل نبيذ للعيد", "نبيذ", "alcohol", Severity.ERROR),
        ("ar-AE", "AE", GULF, "هدايا والبيرة", "بيرة", "alcohol", Severity.ERROR),
        ("en-AE", "AE", GULF, "Our new Off-Shoulder dresses", "Off-Shoulder", "revealing clothing", Severity.WARNING),
        ("en-SA", "SA", GULF, "Crispy BACON bits", "BACON", "pork", Severity.ERROR),
        ("hi-IN", "IN", INDIA, "बीफ़ बर्गर अब आधे दाम", "बीफ़", "beef", Severity.WARNING),
        ("en-IN", "IN", INDIA, "Beef jerky gift box", "Beef", "beef", Severity.WARNING),
        ("id-ID", "ID", INDONESIA, "Sate babi spesial", "babi", "pork", Severity.ERROR),
    ],
)
def test_sensitive_topic_is_reported_with_the_topics_severity(locale, market, topics, body, written, topic, severity):
    [finding] = findings(locale, market, body, topics)
    assert finding.severity == severity
    assert f'mentions "{written}" ({topic}), a sensitive topic in {market}' in finding.message


def test_the_topics_advice_is_the_message():
    [finding] = findings("ar-SA", "SA", "نبيذ", GULF)
    assert finding.message.endswith("Alcohol may not be advertised here; show another product.")


@pytest.mark.parametrize(
    "locale, market, topics, body",
    [
        ("ar-SA", "SA", GULF, "عطور فاخرة للعيد"),
        ("ar-AE", "AE", GULF, "عبايات أنيقة"),
        ("en-AE", "AE", GULF, "Modest maxi dresses; swine-free kitchen? no: winemaker's grapes"),
        ("hi-IN", "IN", INDIA, "पनीर बर्गर अब आधे दाम"),
        ("en-IN", "IN", INDIA, "Beefy discounts"),  # a different word
        ("id-ID", "ID", INDONESIA, "Sate ayam spesial"),
    ],
)
def test_copy_without_sensitive_words_passes(locale, market, topics, body):
    assert findings(locale, market, body, topics) == []


def test_keywords_are_matched_in_the_copys_language_only():
    assert findings("fr-FR", "FR", "wine", GULF) == []


def test_a_plain_list_of_topics_works_too():
    topics = [SensitiveTopic("alcohol", {"ar": ["نبيذ"]})]
    assert len(findings("ar-SA", "SA", "نبيذ", topics)) == 1


def test_no_topics_no_findings():
    assert findings("ar-SA", "SA", "نبيذ", ()) == []


def test_topic_names_as_people_write_them_are_understood():
    from localization.checks.topics import topics_for_market

    assert [topic.name for topic in topics_for_market("AE", ("Revealing clothing", " alcohol ")).topics] == ["revealing clothing", "alcohol"]
