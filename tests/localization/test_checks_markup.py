"""Only a few inline tags, with no attributes, may be in copy."""

import pytest

from localization.checks import CHECKS_BY_CODE, CopyUnderCheck, Severity, run_checks


def findings(locale, body):
    return run_checks(CopyUnderCheck(locale=locale, variant={"body": body}), [CHECKS_BY_CODE["disallowed_markup"]])


@pytest.mark.parametrize(
    "locale, body, named",
    [
        ("pt-BR", "Oferta<script>alert(1)</script>", "has <script>, which copy may not contain"),
        ("de-DE", 'Mehr <a href="https://example.com">hier</a>', "has <a>"),
        ("fr-FR", '<img src=x onerror="alert(1)">Promo', "has <img>"),
        ("ja-JP", "<div>セール</div>", "has <div>"),
        ("ar-SA", '<b class="red">عرض</b>', "an attribute, an unclosed tag"),
        ("hi-IN", "<b>दिवाली सेल", "an attribute, an unclosed tag"),
        ("es-MX", "<!-- borrador -->Oferta", "or a comment"),
    ],
)
def test_markup_beyond_the_allowed_tags_is_an_error(locale, body, named):
    [finding] = findings(locale, body)
    assert finding.severity == Severity.ERROR
    assert named in finding.message
    assert "<b>, <br>, <em>" in finding.message


@pytest.mark.parametrize(
    "locale, body",
    [
        ("pt-BR", "<strong>Só hoje</strong>: frete grátis"),
        ("de-DE", "Zeile eins<br>Zeile zwei<br/>"),
        ("fr-FR", "H&M &amp; vous, <em>toujours</em>"),
        ("ja-JP", "1 < 2 なので<b>お得</b>"),
        ("ar-SA", "<b>عرض</b> خاص"),
        ("hi-IN", "<i>दिवाली</i> सेल<sup>*</sup>"),
    ],
)
def test_allowed_tags_and_plain_ampersands_pass(locale, body):
    assert findings(locale, body) == []
