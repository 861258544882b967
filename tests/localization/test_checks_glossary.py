"""Glossary checks: forbidden terms block approval, caution terms warn, preferred terms are used."""

import pytest
from django.utils import translation

from localization.checks import CHECKS_BY_CODE, CopyUnderCheck, Glossary, Severity, run_checks

GLOSSARY = Glossary(
    [
        ("bequem", "de-DE", None, "forbidden", "gemütlich", "reads as 'lazy' to German shoppers"),
        ("billig", "de", None, "caution", "günstig", "sounds low-quality"),
        ("ano", "es", None, "forbidden", "", ""),
        ("barato", "pt-BR", None, "caution", "em conta", "sounds low-quality"),
        ("خمر", "ar-SA", "SA", "forbidden", "", "alcohol may not be advertised"),
        ("رخيص", "ar", None, "caution", "بسعر مناسب", "sounds low-quality"),
        ("सस्ता", "hi-IN", None, "caution", "किफ़ायती", "sounds low-quality"),
        ("गाय", "hi-IN", "IN", "forbidden", "", "the cow is sacred to many Hindus"),
        ("激安", "ja-JP", None, "caution", "お得", "sounds low-quality"),
        ("死", "zh-CN", None, "forbidden", "", "death is unlucky in festive copy"),
        ("comfortable", "de-DE", None, "preferred", "gemütlich", "bequem reads as lazy"),
        ("Valentine's Day", "pt-BR", None, "preferred", "Dia dos Namorados", "12 June in Brazil"),
        ("sale", "ar-SA", None, "preferred", "تخفيضات", ""),
        ("Diwali", "hi-IN", None, "preferred", "दीवाली", ""),
        ("sale", "ja-JP", None, "preferred", "セール", ""),
        ("free shipping", "fr-FR", None, "preferred", "livraison offerte", ""),
    ]
)


def findings(code, locale, variant, market="", source=None):
    copy = CopyUnderCheck(locale=locale, market=market, source=source or {}, variant=variant, glossary=GLOSSARY)
    return run_checks(copy, [CHECKS_BY_CODE[code]])


@pytest.mark.parametrize(
    "locale, market, headline, named",
    [
        ("de-DE", "DE", "So bequem wie nie", "\"bequem\", which is forbidden in de-DE: reads as 'lazy'"),
        ("es-MX", "MX", "Feliz ano nuevo", '"ano", which is forbidden in es-MX'),
        ("ar-SA", "SA", "عروض والخمر", '"خمر", which is forbidden in ar-SA'),
        ("hi-IN", "IN", "गाय के चमड़े के जूते", '"गाय", which is forbidden in hi-IN'),
        ("zh-CN", "CN", "买到死", '"死", which is forbidden in zh-CN'),
        ("de-AT", "AT", "Bequem? Nein: gemütlich.", None),
    ],
)
def test_forbidden_term_is_an_error_that_says_what_to_write(locale, market, headline, named):
    found = findings("forbidden_term", locale, {"headline": headline}, market=market)
    if named is None:  # de-AT is not bound by the de-DE entry
        assert found == []
        return
    [finding] = found
    assert finding.severity == Severity.ERROR
    assert named in finding.message


def test_forbidden_term_suggests_its_replacement():
    [finding] = findings("forbidden_term", "de-DE", {"body": "Bequem und schön."})
    assert finding.field == "body"
    assert finding.message.endswith('Write "gemütlich" instead.')


@pytest.mark.parametrize(
    "code, body",
    [
        ("forbidden_term", "Bequem und schön."),  # a note and a suggestion
        ("caution_term", "Billig und schön."),
    ],
)
def test_a_term_finding_read_in_chinese_is_one_sentence_without_ascii_spaces_between_clauses(code, body):
    # Each case is one translated sentence: Chinese puts no space after 。 as English does after ".".
    [finding] = findings(code, "de-DE", {"body": body})
    with translation.override("zh-hans"):
        message = finding.message
    assert "。请改用“gemütlich”。" in message or "。可考虑改用“günstig”。" in message
    assert "。 " not in message and "） " not in message


@pytest.mark.parametrize(
    "locale, market, headline",
    [
        ("de-DE", "DE", "So gemütlich wie nie"),
        ("es-MX", "MX", "Feliz año nuevo"),
        ("ar-SA", "AE", "خمر"),  # an SA-only term, in another market
        ("hi-IN", "IN", "गायक का नया गाना"),  # "singer", not "cow"
        ("zh-CN", "CN", "欢乐购"),
        ("pt-BR", "BR", "Presentes para o Dia dos Namorados"),
    ],
)
def test_copy_without_forbidden_terms_passes(locale, market, headline):
    assert findings("forbidden_term", locale, {"headline": headline}, market=market) == []


@pytest.mark.parametrize(
    "locale, headline, written",
    [
        ("de-DE", "Billig und gut", "Billig"),
        ("de-CH", "Richtig billig!", "billig"),
        ("pt-BR", "Tudo barato", "barato"),
        ("ar-SA", "كل شيء رخيص", "رخيص"),
        ("ar-AE", "عرض رخيص", "رخيص"),
        ("hi-IN", "सबसे सस्ता", "सस्ता"),
        ("ja-JP", "激安セール", "激安"),
    ],
)
def test_caution_term_is_a_warning_naming_the_term_and_an_alternative(locale, headline, written):
    [finding] = findings("caution_term", locale, {"headline": headline})
    assert finding.severity == Severity.WARNING
    assert f'uses "{written}", a caution term in {locale}' in finding.message
    assert "Consider" in finding.message


@pytest.mark.parametrize(
    "locale, headline",
    [
        ("de-DE", "Günstig und gut"),
        ("pt-BR", "Tudo em conta"),
        ("ar-SA", "بسعر مناسب"),
        ("hi-IN", "किफ़ायती दाम"),
        ("ja-JP", "お得なセール"),
        ("fr-FR", "billig"),  # a German term, in French copy
    ],
)
def test_copy_without_caution_terms_passes(locale, headline):
    assert findings("caution_term", locale, {"headline": headline}) == []


def test_the_same_term_twice_in_a_field_is_reported_once():
    assert len(findings("caution_term", "de-DE", {"body": "Billig, billig, BILLIG"})) == 1


@pytest.mark.parametrize(
    "locale, source, headline, preferred",
    [
        ("de-DE", "So comfortable", "So bequem", "gemütlich"),
        ("pt-BR", "Valentine's Day gifts", "Presentes de Valentine's Day", "Dia dos Namorados"),
        ("ar-SA", "Summer sale", "عروض الصيف", "تخفيضات"),
        ("hi-IN", "Diwali offers", "Deepavali ऑफ़र", "दीवाली"),
        ("ja-JP", "Big sale", "大バーゲン", "セール"),
        ("fr-FR", "Free shipping today", "Livraison gratuite aujourd'hui", "livraison offerte"),
    ],
)
def test_preferred_term_not_used_is_a_warning_naming_both_terms(locale, source, headline, preferred):
    [finding] = findings("preferred_term_missing", locale, {"headline": headline}, source={"headline": source})
    assert finding.severity == Severity.WARNING
    assert f'in {locale} write "{preferred}"' in finding.message


@pytest.mark.parametrize(
    "locale, source, headline",
    [
        ("de-DE", "So comfortable", "So gemütlich"),
        ("pt-BR", "Valentine's Day gifts", "Presentes para o Dia dos Namorados"),
        ("ar-SA", "Summer sale", "تخفيضات الصيف"),
        ("hi-IN", "Diwali offers", "दीवाली ऑफ़र"),
        ("ja-JP", "Big sale", "大セール"),
        ("fr-FR", "Free shipping today", "Livraison offerte aujourd'hui"),
        ("de-DE", "Summer is here", "Der Sommer ist da"),  # no preferred term in the source
    ],
)
def test_preferred_term_used_passes(locale, source, headline):
    assert findings("preferred_term_missing", locale, {"headline": headline}, source={"headline": source}) == []


def test_copy_without_a_glossary_has_no_glossary_findings():
    copy = CopyUnderCheck(locale="de-DE", source={"headline": "comfortable"}, variant={"headline": "bequem"})
    codes = {"forbidden_term", "caution_term", "preferred_term_missing"}
    assert [finding for finding in run_checks(copy) if finding.code in codes] == []


def test_preferred_term_written_with_an_inflectional_ending_counts_as_used():
    glossary = Glossary([("comfortable", "de", None, "preferred", "gemütlich", "cosy, not lazy")])
    inflected = CopyUnderCheck(locale="de-DE", source={"body": "A comfortable sofa"}, variant={"body": "Ein gemütliches Sofa"}, glossary=glossary)
    other_word = CopyUnderCheck(locale="de-DE", source={"body": "A comfortable sofa"}, variant={"body": "Ein schönes Sofa"}, glossary=glossary)
    assert not [f for f in run_checks(inflected) if f.code == "preferred_term_missing"]
    assert [f.code for f in run_checks(other_word) if f.code == "preferred_term_missing"] == ["preferred_term_missing"]
