"""The registry of checks as the workflow uses it, and the promise that checks never raise."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from localization.checks import (
    CHECKS,
    CHECKS_BY_CODE,
    SEO_LENGTH_LIMITS,
    Check,
    CopyUnderCheck,
    Finding,
    Glossary,
    SensitiveTopic,
    SensitiveTopics,
    Severity,
    blocks_approval,
    run_checks,
)

FIELDS = ("headline", "subheadline", "body", "call_to_action", "seo_title", "seo_description")
LOCALES = (
    "en-US",
    "pt-BR",
    "es-MX",
    "de-DE",
    "de-CH",
    "fr-FR",
    "fr-CA",
    "ar-SA",
    "ar-AE",
    "hi-IN",
    "ja-JP",
    "zh-CN",
    "ko-KR",
    "th-TH",
    "tr-TR",
    "vi-VN",
    "id-ID",
    "pt_BR",
    "xx-YY",
    "",
    "de-DE-u-co-phonebk",
)
GLOSSARY = Glossary(
    [
        ("gemütlich", "de-DE", None, "forbidden", "bequem", "reads as lazy"),
        ("billig", "de", None, "caution", "günstig", ""),
        ("comfortable", "de-DE", None, "preferred", "bequem", ""),
        ("セール", "ja-JP", None, "caution", "", ""),
        ("خمر", "ar-SA", "SA", "forbidden", "", ""),
        ("सस्ता", "hi-IN", None, "caution", "", ""),
        ("ano", "es", None, "forbidden", "", ""),
    ]
)
TOPICS = SensitiveTopics([SensitiveTopic("alcohol", {"ar": ["نبيذ"], "en": ["wine"], "hi": ["शराब"]}, Severity.ERROR)])


def test_every_check_has_a_unique_code_a_name_and_a_description():
    assert len(CHECKS_BY_CODE) == len(CHECKS)
    for check in CHECKS:
        assert isinstance(check, Check)
        assert check.code and check.name and check.description
        assert check.severity in Severity


def test_clean_copy_has_no_findings_in_six_locales():
    clean = {
        "pt-BR": {"headline": "Dia dos Namorados: presentes a partir de {price}", "call_to_action": "Comprar agora"},
        "de-DE": {"headline": "Bequem ins Wochenende: ab {price}", "call_to_action": "Jetzt kaufen"},
        "fr-FR": {"headline": "Prêt pour l'été\u202f? Dès {price}", "call_to_action": "J'en profite"},
        "ar-SA": {"headline": "عروض اليوم الوطني ابتداءً من {price}", "call_to_action": "تسوق الآن"},
        "hi-IN": {"headline": "दिवाली के तोहफ़े {price} से शुरू", "call_to_action": "अभी ख़रीदें"},
        "ja-JP": {"headline": "母の日ギフト {price}から", "call_to_action": "今すぐ購入"},
    }
    source = {"headline": "Gifts from {price}", "call_to_action": "Shop now"}
    for locale, variant in clean.items():
        copy = CopyUnderCheck(
            locale=locale,
            market=locale[-2:],
            source=source,
            variant=variant,
            glossary=GLOSSARY,
            sensitive_topics=TOPICS,
            length_limits={**SEO_LENGTH_LIMITS, "headline": 60},
        )
        assert run_checks(copy) == [], locale


def test_findings_list_errors_first_and_an_error_blocks_approval():
    copy = CopyUnderCheck(
        locale="de-DE",
        source={"headline": "So comfortable, from {price}"},
        variant={"headline": 'So "gemütlich", ab 19,99 €'},
        glossary=GLOSSARY,
    )
    findings = run_checks(copy)
    severities = [finding.severity for finding in findings]
    assert severities == sorted(severities, key=lambda severity: severity != Severity.ERROR)
    assert {finding.code for finding in findings} == {
        "placeholders_differ",
        "forbidden_term",
        "handwritten_price",
        "preferred_term_missing",
        "german_quotes",
    }
    assert blocks_approval(findings)
    assert not blocks_approval([finding for finding in findings if finding.severity == Severity.WARNING])


def test_run_checks_takes_a_selection_of_checks():
    copy = CopyUnderCheck(locale="pt-BR", variant={"headline": "Só {preco} por R$ 10"})
    assert [finding.code for finding in run_checks(copy, [CHECKS_BY_CODE["unknown_placeholder"]])] == [
        "unknown_placeholder"
    ]


def test_blank_fields_from_the_model_are_judged_as_empty_text():
    copy = CopyUnderCheck(locale="ar-SA", source={"headline": None}, variant={"headline": None, "body": 42})
    assert run_checks(copy) == []


FRAGMENTS = st.sampled_from(
    [
        "{",
        "}",
        "{price}",
        "{price",
        "price}",
        "{ price }",
        "{{old_price}}",
        "<",
        ">",
        "<b>",
        "</b>",
        "<script>",
        "&",
        '"',
        "“",
        "”",
        "„",
        "?",
        "!",
        "¿",
        "¡",
        ":",
        ";",
        " ",
        "\u00a0",
        "\u202f",
        "\u200f",
        "\n",
        "R$",
        "$",
        "€",
        "円",
        "19,99",
        "١٩٩",
        "12/06/2027",
        "12 de junho",
        "6月12日",
        "gemütlich",
        "GEMÜTLICH",
        "ß",
        "İ",
        "ı",
        "خمر",
        "والخمر",
        "सस्ता",
        "ि",
        "セール",
        "https://x.com/?a=1",
        "a@b.co",
        "@",
        "\u0301",
        "\U0001f600",
        "\x00",
        "\ufeff",
    ]
)
TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=30).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    locale=st.sampled_from(LOCALES),
    source_locale=st.sampled_from(LOCALES),
    variant=st.dictionaries(st.sampled_from(FIELDS), TEXT, max_size=6),
    source=st.dictionaries(st.sampled_from(FIELDS), TEXT, max_size=6),
    limits=st.dictionaries(st.sampled_from(FIELDS), st.integers(min_value=-5, max_value=200), max_size=6),
    market=st.sampled_from(["", "SA", "DE", "IN", "JP", "br"]),
    currency=st.sampled_from(["", "BRL", "SAR", "JPY", "EUR", "XXX", "nope"]),
)
def test_checks_never_raise_on_any_text(locale, source_locale, variant, source, limits, market, currency):
    copy = CopyUnderCheck(
        locale=locale,
        source_locale=source_locale,
        source=source,
        variant=variant,
        length_limits=limits,
        market=market,
        currency=currency,
        glossary=GLOSSARY,
        sensitive_topics=TOPICS,
    )
    for finding in run_checks(copy):
        assert isinstance(finding, Finding)
        assert finding.severity in (Severity.ERROR, Severity.WARNING)
        assert finding.field in variant or finding.field in source
        assert finding.message


@pytest.mark.parametrize(
    "text",
    [
        "a" * 200_000,
        "1" * 200_000,
        "{" * 100_000,
        "}" * 100_000,
        "<" * 100_000,
        "x@" * 100_000,
        "?" * 100_000,
        "Prêt ? " * 20_000,
        "R$ 199,90 " * 10_000,
        "12 de junho " * 10_000,
        "gemütlich " * 20_000,
        "ß" * 100_000,
    ],
)
def test_checks_finish_on_very_long_text(text):
    for locale in ("de-DE", "fr-FR", "es-MX", "pt-BR", "ar-SA", "ja-JP"):
        copy = CopyUnderCheck(
            locale=locale,
            source={"body": text},
            variant={"body": text, "seo_title": text},
            glossary=GLOSSARY,
            sensitive_topics=TOPICS,
        )
        assert isinstance(run_checks(copy), list)


# run_checks asks each check's cheap first look (may_find) before its findings, and leaves out
# the checks of other languages without asking: what it reports must be what every check that
# applies finds when simply asked for its findings.
OFFER_FRAGMENTS = st.sampled_from(
    ["{occasion}", "{occasion_date}", "{old_price}", "{preco}", "Valentine's Day", "VALENTINE'S DAY", "valentines day"]
    + ["母の日ギフト", "大促销", "세일 세일", "ｾｰﾙ", "Sale"]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    locale=st.sampled_from(LOCALES),
    source_locale=st.sampled_from(["en", "en-US", "pt-BR"]),
    variant=st.dictionaries(
        st.sampled_from(FIELDS), st.lists(st.one_of(OFFER_FRAGMENTS, FRAGMENTS, st.text(max_size=8)), max_size=12).map("".join)
    ),
    source=st.one_of(
        st.just({"headline": "Gifts from {price}", "body": "For {occasion}, order by {last_order_date}.", "call_to_action": "Shop now"}),
        st.dictionaries(st.sampled_from(FIELDS), TEXT, max_size=6),
    ),
    limits=st.dictionaries(st.sampled_from(FIELDS), st.integers(min_value=-5, max_value=40), max_size=6),
    values=st.none() | st.dictionaries(st.sampled_from(["price", "old_price", "occasion", "occasion_date"]), st.none() | st.just("x")),
    local_name=st.sampled_from([None, "", "Dia dos Namorados", "Valentine's Day"]),
    dates=st.sampled_from([(None, None, None), (date(2027, 2, 10), date(2027, 2, 14), date(2027, 2, 12)), (date(2027, 3, 1), None, date(2027, 2, 12))]),
    copy_of_source=st.booleans(),
)
def test_first_looks_never_hide_a_finding(locale, source_locale, variant, source, limits, values, local_name, dates, copy_of_source):
    if copy_of_source:
        variant = {**source, **variant}

    def copy():
        offer_ends_on, occasion_starts_on, last_order_date = dates
        return CopyUnderCheck(
            locale=locale,
            source_locale=source_locale,
            source=source,
            variant=variant,
            length_limits=limits,
            market="SA",
            currency="SAR",
            glossary=GLOSSARY,
            sensitive_topics=TOPICS,
            placeholder_values=values,
            missing_value_reasons={"old_price": "no_price"},
            occasion_local_name=local_name,
            occasion_english_name="Valentine's Day",
            offer_ends_on=offer_ends_on,
            occasion_starts_on=occasion_starts_on,
            last_order_date=last_order_date,
        )

    asked_plainly = []
    for check in CHECKS:
        if check.applies_to(copy()):
            found = list(check.findings(copy()))
            assert check.may_find(copy()) or not found, check.code
            asked_plainly.extend(found)
    asked_plainly.sort(key=lambda finding: finding.severity != Severity.ERROR)
    assert [finding.as_dict() for finding in run_checks(copy())] == [finding.as_dict() for finding in asked_plainly]
