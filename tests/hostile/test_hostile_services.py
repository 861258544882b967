"""Hostile input to the services and the commands, generated: any Unicode, huge strings, markup and script,
malformed locales, currencies, dates and rules. Each call either does its work or refuses with a
ValidationError (a CommandError for commands) whose message is not empty; nothing else escapes."""
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import example, given
from hypothesis import strategies as st

from calendars.rules import RULE_KINDS, build_rule, validate_rule
from localization import campaigns, glossary, review
from localization.formatting import MarketFormat, format_date, format_percent, format_price
from localization.models import COPY_FIELDS, CopyVariant, GlossaryTerm
from tests.hostile.strategies import CURRENCIES, LOCALES, TIME_ZONES, hostile_settings, hostile_text, huge, rolled_back

pytestmark = pytest.mark.django_db


def refused_clearly(error):
    messages = error.messages if isinstance(error, ValidationError) else [str(error)]
    assert messages and all(str(message).strip() for message in messages), f"a refusal without words: {error!r}"


@pytest.fixture
def draft_variant(campaign, people):
    return CopyVariant.objects.select_related("campaign", "market").get(campaign=campaign, market__code="BR")


# Campaigns --------------------------------------------------------------------------------------------------

@hostile_settings()
@given(
    name=hostile_text(), slug=st.one_of(st.text(max_size=100), st.sampled_from(["a", "valentines", "-", "a" * 81, "ünï"])),
    headline=hostile_text(), body=hostile_text(), source_locale=LOCALES,
    lead_days=st.one_of(st.integers(-10, 400), st.sampled_from([0, 365, 366, 32767, 2**31, -(2**31)])),
    discount=st.one_of(st.none(), st.decimals(allow_nan=True, allow_infinity=True), st.sampled_from([Decimal("100.001"), Decimal("-0")])),
    ends_on=st.one_of(st.none(), st.dates()),
)
@example(name="x", slug="x", headline="\x00", body="b", source_locale="en", lead_days=30, discount=None, ends_on=None)
@example(name="x", slug="x", headline="h", body="b", source_locale="en", lead_days=30, discount=Decimal("NaN"), ends_on=None)
def test_create_campaign_creates_or_says_why(people, markets, name, slug, headline, body, source_locale, lead_days, discount, ends_on):
    with rolled_back():
        try:
            created = campaigns.create_campaign(
                user=people["manager"], markets=[markets["BR"]], name=name, slug=slug, headline=headline, body=body,
                source_locale=source_locale, lead_days=lead_days, discount_percent=discount, ends_on=ends_on,
            )
        except ValidationError as error:
            refused_clearly(error)
        else:
            assert created.pk and created.variants.count() == 1
            assert "\x00" not in created.headline + created.body


# Copy ---------------------------------------------------------------------------------------------------

@hostile_settings(80)
@given(fields=st.dictionaries(st.sampled_from(COPY_FIELDS), hostile_text(), min_size=1, max_size=4))
@example(fields={"body": "\x00"})
@example(fields={"headline": "h" * 201})
@example(fields={"body": "界" * 50_001})
def test_save_copy_saves_or_says_why(draft_variant, people, fields):
    with rolled_back():
        try:
            review.save_copy(variant=draft_variant, user=people["copywriter"], expected_version=draft_variant.version, **fields)
        except ValidationError as error:
            refused_clearly(error)
        else:
            stored = CopyVariant.objects.get(pk=draft_variant.pk)
            assert all(getattr(stored, name) == value for name, value in fields.items())
            assert not any("\x00" in value for value in fields.values())  # refused alike on SQLite and PostgreSQL


@hostile_settings()
@given(fields=st.dictionaries(st.sampled_from(COPY_FIELDS), hostile_text(), min_size=1, max_size=3),
       kind=st.sampled_from(["meaning", "correction", "", "MEANING", "\x00", "typo"]))
def test_change_source_changes_or_says_why(campaign, people, fields, kind):
    with rolled_back():
        try:
            campaigns.change_source(campaign=campaign, user=people["manager"], kind=kind, **fields)
        except ValidationError as error:
            refused_clearly(error)


@hostile_settings()
@given(note=hostile_text(), action=st.sampled_from(["approve", "request_changes"]), role=st.sampled_from(["reviewer", "copywriter", "mx_reviewer", "manager"]))
@example(note="\x00", action="approve", role="reviewer")  # PostgreSQL cannot store it: refused with words everywhere
@example(note="Mais \x00 curto", action="request_changes", role="reviewer")
def test_decisions_with_any_note_decide_or_say_why(in_review, people, note, action, role):
    with rolled_back():
        try:
            getattr(review, action)(variant=in_review, user=people[role], note=note)
        except (ValidationError, PermissionDenied) as error:
            refused_clearly(error)


# Glossary ---------------------------------------------------------------------------------------------------

@hostile_settings(80)
@given(locale=LOCALES, term=hostile_text(250), kind=st.one_of(st.sampled_from(GlossaryTerm.Kind.values), st.text(max_size=15)),
       suggestion=hostile_text(250), note=hostile_text())
@example(locale="\x00", term="t", kind="caution", suggestion="", note="n")
@example(locale="pt-BR", term="\x00", kind="caution", suggestion="", note="n")
@example(locale="pt-BR", term="t", kind="caution", suggestion="", note="\x00")
def test_save_term_saves_or_says_why(people, markets, locale, term, kind, suggestion, note):
    with rolled_back():
        try:
            saved = glossary.save_term(
                term=GlossaryTerm(locale=locale, term=term, kind=kind, suggestion=suggestion, note=note), user=people["manager"],
            )
        except ValidationError as error:
            refused_clearly(error)
        else:
            assert GlossaryTerm.objects.filter(pk=saved.pk).exists()


CSV_CELL = st.one_of(hostile_text(60), LOCALES, st.sampled_from(["BR", "br", "ZZ", "", "caution", "forbidden", "preferred", "'=1+1", "\"", "a,b"]))


@hostile_settings(80)
@given(
    header=st.one_of(st.just("locale,market,term,kind,suggestion,note"), st.sampled_from(["locale;market;term;kind;suggestion;note", "", "locale", "\ufefflocale,market,term,kind,suggestion,note,locale"]), st.text(max_size=60)),
    rows=st.lists(st.lists(CSV_CELL, min_size=0, max_size=8), max_size=6),
    raw=st.one_of(st.none(), st.binary(max_size=200), huge().map(str.encode)),
)
@example(header="locale,market,term,kind,suggestion,note", rows=[["pt-BR", "", "barato", "caution", "", "\x00"]], raw=None)
@example(header="locale,market,term,kind,suggestion,note", rows=[], raw=b"\xff\xfe\x00l")
def test_glossary_csv_imports_or_names_the_bad_line(people, markets, header, rows, raw):
    import csv
    import io

    if raw is None:
        out = io.StringIO()
        writer = csv.writer(out)
        for cells in rows:
            writer.writerow(cells)
        data = header + "\n" + out.getvalue()
    else:
        data = raw
    with rolled_back():
        try:
            glossary.import_csv(data, user=people["manager"])
        except ValidationError as error:
            refused_clearly(error)


# Date rules and the calendar commands -----------------------------------------------------------------------

JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True), st.text(max_size=10)),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)),
    max_leaves=6,
)
PARAM_NAMES = sorted({name for rule in RULE_KINDS.values() for name in rule.params} | {"kind", "days", "year"})
RULE_SPEC = st.one_of(
    JSON_VALUE,
    st.builds(
        lambda kind, params: {"kind": kind, **params},
        st.one_of(st.sampled_from(sorted(RULE_KINDS)), st.text(max_size=8)),
        st.dictionaries(st.sampled_from(PARAM_NAMES), st.one_of(st.integers(-400, 400), st.sampled_from([0, 1, 2, 6, 9, 12, 13, 29, 30, 31, -1, 5, 10**9]), JSON_VALUE), max_size=6),
    ),
)


@hostile_settings(100)
@given(spec=RULE_SPEC, year=st.integers(1900, 2100), duration=st.integers(1, 62))
@example(spec={"kind": "fixed", "month": 12, "day": 31}, year=2100, duration=62)
@example(spec={"kind": "nth_weekday", "month": 1, "weekday": 0, "n": 1, "offset_days": -366}, year=1900, duration=1)
@example(spec={"kind": "hijri", "month": 9, "day": 1}, year=2100, duration=1)
@example(spec={"kind": "hijri", "month": 9, "day": 1}, year=1900, duration=1)
@example(spec={"kind": "chinese", "month": 1, "day": 1}, year=2100, duration=1)
@example(spec={"kind": "hindu", "festival": "diwali"}, year=2100, duration=5)
def test_a_date_rule_is_refused_with_words_or_dates_every_year(spec, year, duration):
    try:
        validate_rule(spec)
    except ValidationError as error:
        refused_clearly(error)
        return
    try:
        spans = build_rule(spec).spans(year, duration, resolve=lambda slug, year: None)
    except ValidationError as error:  # a rule may know no date that year, and say so
        refused_clearly(error)
        return
    for span in spans:
        assert isinstance(span.starts_on, date) and span.ends_on >= span.starts_on


@hostile_settings(60)
@given(
    market=st.one_of(st.sampled_from(["BR", "br", "Br", "ZZ", "", " ", "BRA", "\x00", "B\x00", "../", "é", "DE\n"]), st.text(max_size=6)),
    year=st.one_of(st.integers(1890, 2110).map(str), st.sampled_from(["", "two thousand", "2027.5", "1e3", "-1", "99999999999999999999", "٢٠٢٧", "\x00"]), st.text(max_size=6)),
    output=st.sampled_from(["text", "csv", "json", "", "CSV"]),
)
@example(market="\x00", year="2027", output="csv")
@example(market="BR", year="٢٠٢٧", output="csv")
def test_occasion_dates_prints_or_says_what_to_use(markets, market, year, output):
    stdout = StringIO()
    with rolled_back():
        try:
            call_command("occasion_dates", "--market", market, "--year", year, "--format", output, stdout=stdout, stderr=StringIO())
        except CommandError as error:
            refused_clearly(error)
        else:
            if output == "csv":
                assert stdout.getvalue().startswith("date,end_date,occasion,market,estimated")


@hostile_settings(60)
@given(
    market=st.one_of(st.sampled_from(["BR", "jp", "ZZ", "\x00", ""]), st.text(max_size=4)),
    amount=st.one_of(st.sampled_from(["1234.5", "-1", "NaN", "Infinity", "1e999999", "1e-999999", "0x10", "١٢٣", "1_000", "", " 5 "]), st.text(max_size=10), st.decimals(allow_nan=True).map(str)),
    day=st.one_of(st.none(), st.sampled_from(["2027-06-12", "2027-02-30", "0000-01-01", "9999-12-31", "27-6-12", "2027-06-12T00:00", "\x00"]), st.text(max_size=12)),
)
@example(market="BR", amount="1e999999", day=None)
@example(market="JP", amount="1e-999999", day="9999-12-31")
def test_format_preview_prints_or_says_why(markets, market, amount, day):
    args = ["--market", market, "--amount", amount] + (["--date", day] if day is not None else [])
    with rolled_back():
        try:
            call_command("format_preview", *args, stdout=StringIO(), stderr=StringIO())
        except CommandError as error:
            refused_clearly(error)


@hostile_settings(60)
@given(slug=st.one_of(hostile_text(60), st.just("valentines")), command=st.sampled_from(["check_copy", "export_bundle"]))
@example(slug="\x00", command="check_copy")
@example(slug="\x00", command="export_bundle")
def test_commands_given_any_campaign_work_or_say_why(campaign, tmp_path, slug, command):
    args = [slug] + (["--out", str(tmp_path / "bundle.zip")] if command == "export_bundle" else [])
    with rolled_back():
        try:
            call_command(command, *args, stdout=StringIO(), stderr=StringIO())
        except CommandError as error:
            refused_clearly(error)
        except SystemExit as exit:  # check_copy's exit 1 when an error-level finding stands
            assert exit.code == 1


# Formatting with odd markets -----------------------------------------------------------------------------

@hostile_settings(100)
@given(locale=LOCALES, currency=CURRENCIES, time_zone=TIME_ZONES, native_digits=st.booleans(), minor=st.booleans(),
       era=st.sampled_from(["gregorian", "buddhist", "hijri", ""]),
       amount=st.one_of(st.decimals(allow_nan=False, allow_infinity=False), st.integers(0, 10**30)),
       day=st.dates())
@example(locale="ja-JP", currency="JPY", time_zone="Asia/Tokyo", native_digits=False, minor=True, era="gregorian", amount=Decimal("1E+40"), day=date(9999, 12, 31))
@example(locale="th-TH", currency="THB", time_zone="Asia/Bangkok", native_digits=True, minor=True, era="buddhist", amount=Decimal("1E-40"), day=date(1, 1, 1))
def test_formatting_formats_or_says_why(locale, currency, time_zone, native_digits, minor, era, amount, day):
    try:
        fmt = MarketFormat(locale=locale, currency=currency, native_digits=native_digits, show_minor_units=minor, era=era, time_zone=time_zone)
    except (ValidationError, ValueError) as error:
        refused_clearly(error)
        return
    try:
        price = format_price(amount, fmt)
    except ArithmeticError:
        # Past the decimal context's 28 digits the rounding cannot be done: decimal.InvalidOperation, which
        # format_preview turns into "too large to show as a price" (prices are stored with at most 12 digits).
        assert abs(amount) >= Decimal("1e20")
    else:
        assert price.strip()
    assert format_date(day, fmt).strip()
    assert format_percent(Decimal("0.25"), fmt).strip()
