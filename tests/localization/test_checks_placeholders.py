"""Placeholders: the same as the source, known to Glocal, and written with both braces."""

import pytest

from localization.checks import CHECKS_BY_CODE, CopyUnderCheck, Severity, run_checks

SOURCE = {"headline": "Now {price}, was {old_price}"}


def findings(code, locale, headline, source=SOURCE):
    copy = CopyUnderCheck(locale=locale, source=source, variant={"headline": headline})
    return run_checks(copy, [CHECKS_BY_CODE[code]])


@pytest.mark.parametrize(
    "locale, headline, named",
    [
        ("pt-BR", "Agora {price}", "lacks {old_price}"),
        ("ar-SA", "الآن فقط {price}", "lacks {old_price}"),
        ("hi-IN", "अभी {price}", "lacks {old_price}"),
        ("ja-JP", "今なら{old_price}", "lacks {price}"),
        ("de-DE", "Jetzt {price}, vorher {old_price}, {discount} Rabatt", "uses {discount}"),
        ("fr-FR", "Maintenant {price}, avant {old_price}, jusqu'au {campaign_end}", "uses {campaign_end}"),
    ],
)
def test_placeholders_that_differ_from_the_source_are_an_error(locale, headline, named):
    [finding] = findings("placeholders_differ", locale, headline)
    assert finding.severity == Severity.ERROR
    assert finding.field == "headline"
    assert named in finding.message


def test_each_missing_placeholder_is_its_own_finding_keyed_by_its_name():
    found = findings("placeholders_differ", "ar-SA", "الآن فقط")
    assert [finding.key for finding in found] == ["placeholders_differ:headline:old_price", "placeholders_differ:headline:price"]


@pytest.mark.parametrize(
    "locale, headline",
    [
        ("pt-BR", "Agora {price}, antes {old_price}"),
        ("ar-SA", "الآن {price} بدلاً من {old_price}"),
        ("hi-IN", "अभी {price}, पहले {old_price}"),
        ("ja-JP", "{old_price}が今なら{price}"),
        ("de-DE", "Jetzt {price} statt {old_price}"),
        ("fr-FR", "{price} au lieu de {old_price}, puis {price}"),
    ],
)
def test_placeholders_in_any_order_or_repeated_match_the_source(locale, headline):
    assert findings("placeholders_differ", locale, headline) == []


def test_a_field_the_source_does_not_have_is_not_compared():
    assert findings("placeholders_differ", "de-DE", "Jetzt {price}", source={}) == []


@pytest.mark.parametrize(
    "locale, headline, hint",
    [
        ("pt-BR", "Só hoje: {preco}", "{preco}, which is not a placeholder Glocal fills in; write {price}"),
        ("de-DE", "Nur {preis}", "write {price}"),
        ("fr-FR", "Seulement {prix}", "write {price}"),
        ("es-MX", "{descuento} de descuento", "write {discount}"),
        ("ar-SA", "فقط {السعر}", "use one of {campaign_end}"),
        ("hi-IN", "सिर्फ {कीमत}", "use one of {campaign_end}"),
        ("ja-JP", "{価格}のみ", "use one of"),
    ],
)
def test_unknown_placeholder_is_an_error_that_suggests_the_known_one(locale, headline, hint):
    [finding] = findings("unknown_placeholder", locale, headline, source={})
    assert finding.severity == Severity.ERROR
    assert hint in finding.message


@pytest.mark.parametrize(
    "locale, headline",
    [
        ("pt-BR", "Só {price}"),
        ("de-DE", "Bis {campaign_end}"),
        ("ar-SA", "{occasion} سعيد"),
        ("hi-IN", "{occasion_date} तक"),
        ("ja-JP", "{last_order_date}までにご注文"),
        ("es-MX", "{discount} de descuento"),
    ],
)
def test_known_placeholders_pass(locale, headline):
    assert findings("unknown_placeholder", locale, headline, source={}) == []


@pytest.mark.parametrize(
    "locale, headline, hint",
    [
        ("pt-BR", "Só {price hoje", "write {price}"),
        ("de-DE", "Nur price} heute", "write {price}"),
        ("fr-FR", "Seulement { price }", "write {price}"),
        ("es-MX", "Solo {{price}}", "write placeholders as {name}"),
        ("ar-SA", "فقط {price", "write {price}"),
        ("hi-IN", "{old_price कीमत", "write {old_price}"),
        ("ja-JP", "今なら｛price}", "write placeholders as {name}"),
    ],
)
def test_broken_placeholder_is_an_error_that_shows_where(locale, headline, hint):
    found = findings("broken_placeholder", locale, headline, source={})
    assert found, headline
    assert all(finding.severity == Severity.ERROR for finding in found)
    assert hint in found[0].message


@pytest.mark.parametrize(
    "locale, headline",
    [
        ("pt-BR", "Só {price} hoje"),
        ("de-DE", "Nur {price}, statt {old_price}"),
        ("fr-FR", "Seulement {price}"),
        ("ar-SA", "فقط {price}"),
        ("hi-IN", "{old_price} की जगह {price}"),
        ("ja-JP", "今なら{price}"),
    ],
)
def test_well_formed_placeholders_are_not_broken(locale, headline):
    assert findings("broken_placeholder", locale, headline, source={}) == []


def market_copy(headline, values, reasons=None, locale="ar-SA"):
    copy = CopyUnderCheck(
        locale=locale,
        market="SA",
        source={"headline": headline},
        variant={"headline": headline},
        placeholder_values=values,
        missing_value_reasons=reasons or {},
    )
    return run_checks(copy, [CHECKS_BY_CODE["placeholder_without_value"]])


def test_a_placeholder_the_market_has_no_value_for_is_an_error_naming_it_and_why():
    values = {"price": "149 ر.س.", "occasion_date": None, "last_order_date": None}
    reasons = {"occasion_date": "not_observed", "last_order_date": "not_observed"}
    found = market_copy("اطلب قبل {last_order_date} · {price}", values, reasons)
    [finding] = found
    assert finding.severity == Severity.ERROR and finding.key == "placeholder_without_value:headline:last_order_date"
    assert "{last_order_date}" in finding.message
    assert "SA does not keep the campaign's occasion" in finding.message


def test_a_price_placeholder_without_a_price_says_where_to_set_it():
    [finding] = market_copy("{price}", {"price": None}, {"price": "no_price"}, locale="pt-BR")
    assert "no price for SA; set it in the campaign's market row" in finding.message


def test_placeholders_with_values_or_checked_without_a_market_find_nothing():
    assert market_copy("{price}", {"price": "R$ 1"}) == []
    # Without a market's values (plain checks of text), the check does not apply.
    assert run_checks(CopyUnderCheck(locale="ar-SA", variant={"headline": "{price}"}), [CHECKS_BY_CODE["placeholder_without_value"]]) == []


def test_a_placeholder_moved_to_the_next_field_differs_in_both():
    # The same placeholders in the same order over the whole copy, but one field's {price}
    # written in the field after it: both fields differ from the source.
    source = {"headline": "Gifts from {price}", "subheadline": "Until {campaign_end}"}
    copy = CopyUnderCheck(
        locale="pt-BR", source=source, variant={"headline": "Presentes", "subheadline": "{price} até {campaign_end}"}
    )
    assert copy.placeholders_as_source is None
    found = run_checks(copy, [CHECKS_BY_CODE["placeholders_differ"]])
    assert [finding.key for finding in found] == ["placeholders_differ:headline:price", "placeholders_differ:subheadline:price"]


def test_copy_with_the_sources_placeholders_is_settled_without_reading_each_field():
    source = {"headline": "Gifts from {price}", "body": "For {occasion}, order by {last_order_date}."}
    as_source = CopyUnderCheck(
        locale="pt-BR", source=source, variant={"headline": "Presentes a partir de {price}", "body": "Para o {occasion}: até {last_order_date}."}
    )
    assert as_source.placeholders_as_source == {"price", "occasion", "last_order_date"}
    assert run_checks(as_source) == []
    assert "placeholders_by_field" not in as_source.__dict__  # no field was scanned on its own
    # A stray brace, an unknown name or a field the source lacks take the long way, and are found.
    for variant, code in [
        ({"headline": "Presentes {price} }", "body": "Para o {occasion}: até {last_order_date}."}, "broken_placeholder"),
        ({"headline": "Presentes {preco}", "body": "Para o {occasion}: até {last_order_date}."}, "unknown_placeholder"),
        ({"headline": "Presentes {price}", "body": "Para o {occasion}: até {last_order_date}.", "seo_title": "{price}"}, None),
    ]:
        copy = CopyUnderCheck(locale="pt-BR", source=source, variant=variant)
        assert copy.placeholders_as_source is None
        if code:
            assert code in {finding.code for finding in run_checks(copy)}


def test_copy_is_settled_by_counting_each_fields_placeholders():
    source = {"headline": "{price} for {occasion}", "body": "From {price}, by {last_order_date}. Only {price}!"}
    # Another order within a field is the same placeholders.
    reordered = CopyUnderCheck(locale="de-DE", source=source, variant={"headline": "Zum {occasion}: {price}", "body": "Ab {price}, {price}, bis {last_order_date}."})
    assert reordered.placeholders_as_source == {"price", "occasion", "last_order_date"}
    # {price} written once where the source has it twice, or a brace pair around no name: the long way.
    for variant in [
        {"headline": "{price} zum {occasion}", "body": "Ab {price}, bis {last_order_date}."},
        {"headline": "{price} zum {occasion} {}", "body": "Ab {price}, {price}, bis {last_order_date}."},
    ]:
        assert CopyUnderCheck(locale="de-DE", source=source, variant=variant).placeholders_as_source is None
    [broken] = run_checks(CopyUnderCheck(locale="de-DE", source=source, variant={"headline": "{price} zum {occasion} {}", "body": "Ab {price}, {price}, bis {last_order_date}."}))
    assert broken.code == "broken_placeholder"
