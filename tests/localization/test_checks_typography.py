"""Punctuation and grammar per language: French spacing, Spanish ¿ and ¡, German quotation marks, the article
before a day's name in Spanish and Portuguese."""

import pytest

from localization.checks import CHECKS_BY_CODE, CopyUnderCheck, OccasionArticle, Severity, run_checks


def findings(code, locale, headline):
    return run_checks(CopyUnderCheck(locale=locale, variant={"headline": headline}), [CHECKS_BY_CODE[code]])


@pytest.mark.parametrize(
    "locale, headline, problem",
    [
        ("fr-FR", "Prêt? C'est parti", 'no space before "?"'),
        ("fr-FR", "Soldes !", 'an ordinary space before "!"'),
        ("fr-BE", "Offre spéciale: -20\u00a0%", 'no space before ":"'),
        ("fr-CH", "Livraison offerte ; retours gratuits", 'an ordinary space before ";"'),
        ("fr-CA", "Offre spéciale: -20\u00a0%", 'no space before ":"'),
        ("fr-FR", "Nouveau<b>!</b>", 'no space before "!"'),
    ],
)
def test_french_high_punctuation_without_a_no_break_space_is_a_warning(locale, headline, problem):
    [finding] = findings("french_spacing", locale, headline)
    assert finding.severity == Severity.WARNING
    assert problem in finding.message


@pytest.mark.parametrize(
    "locale, headline",
    [
        ("fr-FR", "Prêt\u202f? C'est parti\u202f!"),
        ("fr-FR", "Offre spéciale\u00a0: livraison à 10:30, sur https://example.fr/promo?x=1"),
        ("fr-CA", "Prêt? C'est parti!"),  # in Canada only ":" takes a space
        ("en-US", "Ready? Let's go!"),
        ("ar-SA", "جاهز؟ Go!"),
        ("hi-IN", "तैयार? चलो!"),
        ("es-MX", "¿Listo? ¡Vamos!"),
    ],
)
def test_french_spacing_passes_and_other_languages_are_not_judged(locale, headline):
    assert findings("french_spacing", locale, headline) == []


@pytest.mark.parametrize(
    "locale, headline, missing",
    [
        ("es-MX", "Listo para el verano?", '"¿"'),
        ("es-ES", "Compra ya!", '"¡"'),
        ("es-AR", "¿Listo? Compra ya!", '"¡"'),
        ("es-CO", "Ofertas. Qué esperas?", '"¿"'),
        ("es-CL", "Envío gratis hoy!", '"¡"'),
        ("es-US", "Regalos para mamá?", '"¿"'),
    ],
)
def test_spanish_question_or_exclamation_without_its_opening_mark_is_a_warning(locale, headline, missing):
    [finding] = findings("spanish_inverted_marks", locale, headline)
    assert finding.severity == Severity.WARNING
    assert f"without its opening {missing}" in finding.message


@pytest.mark.parametrize(
    "locale, headline",
    [
        ("es-MX", "¿Listo para el verano? ¡Compra ya!"),
        ("es-ES", "Hola, ¿qué tal?"),
        ("es-AR", "Más info en https://example.com/?promo=1"),
        ("pt-BR", "Pronto? Compre já!"),
        ("ar-SA", "جاهز? Go!"),
        ("hi-IN", "तैयार? चलो!"),
    ],
)
def test_spanish_marks_pass_and_other_languages_are_not_judged(locale, headline):
    assert findings("spanish_inverted_marks", locale, headline) == []


@pytest.mark.parametrize(
    "locale, headline, expected",
    [
        ("de-DE", 'Unser "Bestseller" ist zurück', "German copy uses „…“"),
        ("de-AT", "Unser “Bestseller” ist zurück", "German copy uses „…“"),
        ("de-CH", 'Unser "Bestseller" ist zurück', "German copy uses «…»"),
        ("de-DE", 'Sagen Sie "Danke', "German copy uses „…“"),
        ("de-LU", "“Gemütlichkeit” für alle", "German copy uses „…“"),
        ("de-LI", "“Gemütlichkeit” für alle", "German copy uses «…»"),
    ],
)
def test_english_or_straight_quotes_in_german_are_a_warning(locale, headline, expected):
    [finding] = findings("german_quotes", locale, headline)
    assert finding.severity == Severity.WARNING
    assert expected in finding.message


@pytest.mark.parametrize(
    "locale, headline",
    [
        ("de-DE", "Unser „Bestseller“ ist zurück"),
        ("de-CH", "Unser «Bestseller» ist zurück"),
        ("de-DE", "<b>Neu</b> und {price}"),
        ("en-US", 'Our "bestseller" is back'),
        ("ar-SA", 'عرض "خاص"'),
        ("hi-IN", '"दिवाली" सेल'),
    ],
)
def test_german_quotes_pass_and_other_languages_are_not_judged(locale, headline):
    assert findings("german_quotes", locale, headline) == []


def _occasion_copy(locale, body, occasion):
    return CopyUnderCheck(locale=locale, variant={"body": body}, placeholder_values={"occasion": occasion})


@pytest.mark.parametrize("locale, body, occasion, written, suggestion", [
    ("es-MX", "Recíbelo antes de {occasion}.", "Día del Amor y la Amistad", "de {occasion}", "del {occasion}"),
    ("es-MX", "Regalos para todos, a {occasion} llegan.", "Día de las Madres", "a {occasion}", "al {occasion}"),
    ("pt-BR", "Receba antes de {occasion}.", "Dia dos Namorados", "de {occasion}", "do {occasion}"),
    ("pt-BR", "Em {occasion}, presenteie.", "Dia dos Namorados", "Em {occasion}", "No {occasion}"),
])
def test_a_days_name_takes_its_article_before_it(locale, body, occasion, written, suggestion):
    [finding] = run_checks(_occasion_copy(locale, body, occasion), [OccasionArticle()])
    assert (finding.subject, finding.params["suggestion"]) == (written, suggestion)
    assert f'write "{suggestion}"' in finding.message


@pytest.mark.parametrize("locale, body, occasion", [
    ("es-MX", "Recíbelo antes del {occasion}.", "Día del Amor y la Amistad"),  # written with its article
    ("es-MX", "Recíbelo antes de {occasion}.", "Navidad"),  # not a day's name: no article asked
    ("pt-BR", "Receba antes do {occasion}.", "Dia dos Namorados"),
    ("de-DE", "Vor dem {occasion}.", "Valentinstag"),  # another language
])
def test_copy_that_reads_right_has_no_article_finding(locale, body, occasion):
    assert run_checks(_occasion_copy(locale, body, occasion), [OccasionArticle()]) == []
