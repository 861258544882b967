"""Hostile input through the admin's forms, generated, and the pages that then show it: every answer is the
saved page or the form again with the errors said (never a server error), and no stored markup ever runs: the
variant's page, its landing-page preview, the lists, the campaign's, the market's and the glossary's pages."""
import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from localization.models import COPY_FIELDS, Campaign, CopyVariant, GlossaryTerm
from tests.hostile.strategies import (
    CURRENCIES, EXAMPLES, LOCALES, MARKER, SCRIPTS, TIME_ZONES, assert_runs_no_stored_script, hostile_settings, hostile_text, rolled_back,
)

pytestmark = pytest.mark.django_db

# A page takes a tenth of a second where a service takes a thousandth: fewer examples, the same lists of payloads.
PAGE_EXAMPLES = max(EXAMPLES * 2 // 5, 10)


def logged_in(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def form_data(client, url):
    """What the admin's form at ``url`` would post untouched: its fields' initial values and its inlines'
    management forms (no inline rows)."""
    response = client.get(url)
    assert response.status_code == 200, url
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = [str(item) for item in value] if isinstance(value, (list, tuple)) else str(value)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update({f"{formset.prefix}-TOTAL_FORMS": "0", f"{formset.prefix}-INITIAL_FORMS": str(formset.initial_form_count()),
                     f"{formset.prefix}-MIN_NUM_FORMS": "0", f"{formset.prefix}-MAX_NUM_FORMS": "1000"})
        for index, inline_form in enumerate(formset.initial_forms):
            data[f"{formset.prefix}-TOTAL_FORMS"] = str(index + 1)
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value not in (None, False):
                    data[inline_form.add_prefix(name)] = str(value)
    return data


def saved_or_said(response, where):
    """A form post ends saved (a redirect) or on the form again with its errors shown; never anything else."""
    assert response.status_code in (200, 302), f"{where}: {response.status_code}"
    if response.status_code == 200:
        html = response.content.decode()
        assert 'class="errornote"' in html or 'class="errorlist' in html, f"{where}: the form came back without saying why"
        assert_runs_no_stored_script(html, where)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response.content.decode()


@pytest.fixture
def draft(campaign):
    return CopyVariant.objects.get(campaign=campaign, market__code="BR")


@hostile_settings(PAGE_EXAMPLES)
@given(fields=st.dictionaries(st.sampled_from(COPY_FIELDS), hostile_text(), min_size=1, max_size=5))
@example(fields={name: SCRIPTS[index % len(SCRIPTS)] for index, name in enumerate(COPY_FIELDS)})
@example(fields={"headline": "</script><script>glocalXSS(1)</script>", "body": "\x00"})
def test_copy_through_the_variant_form_never_runs_on_a_page(draft, people, fields):
    client = logged_in(people["copywriter"])
    change_url = reverse("admin:localization_copyvariant_change", args=[draft.pk])
    with rolled_back():
        data = {**form_data(client, change_url), **fields}
        saved_or_said(client.post(change_url, data), "the variant form")
        assert_runs_no_stored_script(page(client, change_url), "the variant's page")
        assert_runs_no_stored_script(
            page(client, reverse("admin:localization_copyvariant_landing_preview", args=[draft.pk])), "the landing preview",
        )


@hostile_settings(PAGE_EXAMPLES)
@given(fields=st.dictionaries(st.sampled_from(COPY_FIELDS), st.sampled_from(SCRIPTS), min_size=1, max_size=len(COPY_FIELDS)))
def test_stored_script_in_copy_is_kept_as_text_and_shown_as_text(draft, people, fields):
    """The copy may hold markup (it is what the copywriter wrote); the pages show it, escaped, and never run it."""
    from localization import export, review

    with rolled_back():
        draft = CopyVariant.objects.select_related("campaign", "market").get(pk=draft.pk)  # as this example finds it
        review.save_copy(variant=draft, user=people["copywriter"], expected_version=draft.version, **fields)
        assert CopyVariant.objects.filter(pk=draft.pk, **fields).exists()
        assert_runs_no_stored_script(export.preview_page(draft), "export.preview_page")
        client = logged_in(people["reviewer"])
        assert_runs_no_stored_script(page(client, reverse("admin:localization_copyvariant_change", args=[draft.pk])), "the reviewer's view")


CAMPAIGN_FIELDS = st.fixed_dictionaries({}, optional={
    "name": hostile_text(250), "slug": st.one_of(st.text(max_size=90), st.just("valentines")), "source_locale": LOCALES,
    "headline": hostile_text(), "body": hostile_text(), "call_to_action": hostile_text(100),
    "lead_days": st.one_of(st.integers(-5, 400).map(str), st.sampled_from(["", "1e3", "32768", "99999999999999999999", "٣٠", "\x00"])),
    "discount_percent": st.sampled_from(["", "NaN", "inf", "-1", "100.001", "1e5", "12.5", "abc"]),
    "ends_on": st.one_of(st.dates().map(str), st.sampled_from(["", "0000-00-00", "9999-12-31", "2027-02-30", "tomorrow"])),
    "milestone_days_0": st.sampled_from(["", "-1", "400", "x", "21"]),
    "milestone_days_3": st.sampled_from(["", "0", "-400", "1e9"]),
})


@hostile_settings(PAGE_EXAMPLES)
@given(fields=CAMPAIGN_FIELDS)
@example(fields={"name": SCRIPTS[0], "slug": "xss", "headline": SCRIPTS[4], "body": SCRIPTS[2]})
@example(fields={"name": "ok", "slug": "ok", "headline": "\x00", "body": "b"})
@example(fields={"slug": "\x00"})
def test_a_campaign_through_the_admin_form_is_saved_or_refused_with_words(people, markets, fields):
    client = logged_in(people["manager"])
    add_url = reverse("admin:localization_campaign_add")
    with rolled_back():
        data = {**form_data(client, add_url), "name": "Spring", "slug": "spring", "headline": "Hello", "body": "World", **fields}
        response = client.post(add_url, data)
        saved_or_said(response, "the campaign form")
        if response.status_code == 302:  # saved: its slug is one the database holds (a refused one may hold a NUL)
            created = Campaign.objects.filter(slug=data["slug"]).first()
            assert created is not None and "\x00" not in created.headline + created.body
            assert_runs_no_stored_script(page(client, reverse("admin:localization_campaign_change", args=[created.pk])), "the campaign's page")
            assert_runs_no_stored_script(page(client, reverse("admin:localization_campaign_changelist")), "the campaign list")
            assert_runs_no_stored_script(page(client, reverse("admin:index")), "the board")


@hostile_settings(PAGE_EXAMPLES)
@given(
    fields=st.fixed_dictionaries({}, optional={
        "code": st.one_of(st.sampled_from(["BR", "XX", "xx", "B", "BRA", "\x00\x00", "ÉÉ"]), st.text(max_size=3)),
        "name_en": hostile_text(120), "primary_locale": LOCALES, "extra_locales": st.one_of(LOCALES, st.lists(LOCALES, max_size=3).map("\n".join)),
        "currency": CURRENCIES, "time_zone": TIME_ZONES, "payment_methods": st.one_of(hostile_text(), st.just('["Pix", "Boleto"]')),
        "sensitive_topics": hostile_text(), "delivery_days": st.sampled_from(["", "0", "1", "90", "91", "-1", "x", "1e9"]),
        "body_limit": st.sampled_from(["", "99", "100", "50000", "50001", "x"]),
        "headline_limit": st.sampled_from(["", "0", "70", "70000", "x"]),
    }),
)
@example(fields={"primary_locale": "pt_BR", "currency": "brl", "time_zone": "Mars/Olympus"})
@example(fields={"payment_methods": SCRIPTS[0] + "\n" + SCRIPTS[2], "name_en": SCRIPTS[3]})
@example(fields={"primary_locale": "\x00", "extra_locales": "en-\x00"})
def test_a_market_through_the_admin_form_is_saved_or_refused_with_words(people, markets, fields):
    client = logged_in(people["manager"])
    market = markets["DE"]
    change_url = reverse("admin:calendars_market_change", args=[market.pk])
    with rolled_back():
        response = client.post(change_url, {**form_data(client, change_url), **fields})
        saved_or_said(response, "the market form")
        assert_runs_no_stored_script(page(client, change_url), "the market's page")
        if response.status_code == 302:
            assert_runs_no_stored_script(page(client, reverse("admin:calendars_market_changelist")), "the market list")
            assert_runs_no_stored_script(page(client, reverse("admin:calendars_occurrence_month") + "?market=DE"), "the month view")


@hostile_settings(PAGE_EXAMPLES)
@given(
    fields=st.fixed_dictionaries({}, optional={
        "locale": LOCALES, "term": hostile_text(250), "kind": st.sampled_from(["preferred", "caution", "forbidden", "", "FORBIDDEN", "x"]),
        "suggestion": hostile_text(250), "note": hostile_text(),
    }),
)
@example(fields={"locale": "pt-BR", "term": SCRIPTS[0], "kind": "caution", "note": SCRIPTS[2]})
def test_a_glossary_term_through_the_admin_form_is_saved_or_refused_with_words(people, markets, in_review, fields):
    client = logged_in(people["manager"])
    add_url = reverse("admin:localization_glossaryterm_add")
    with rolled_back():
        data = {"locale": "pt-BR", "kind": "caution", "term": "presente", "note": "Why.", **fields}
        response = client.post(add_url, data)
        saved_or_said(response, "the glossary form")
        assert_runs_no_stored_script(page(client, reverse("admin:localization_glossaryterm_changelist")), "the glossary list")
        if response.status_code == 302 and GlossaryTerm.objects.exists():
            reviewer = logged_in(people["reviewer"])
            assert_runs_no_stored_script(
                page(reviewer, reverse("admin:localization_copyvariant_change", args=[in_review.pk])), "the variant's findings",
            )


def test_the_script_finder_finds_what_would_run():
    """The check above can fail: a page that runs the marker, or closes its JSON-LD, is caught."""
    for html in (f"<p><script>{MARKER}(1)</script></p>", f'<img src=x onerror="{MARKER}(3)">', f'<a href="javascript:{MARKER}()">x</a>'):
        with pytest.raises(AssertionError):
            assert_runs_no_stored_script(html, "a bad page")
    with pytest.raises(ValueError):
        assert_runs_no_stored_script('<script type="application/ld+json">{"name": "</script><script>x</script>', "a broken JSON-LD")
    assert_runs_no_stored_script(f"<p>&lt;script&gt;{MARKER}(1)&lt;/script&gt;</p>", "an escaped page")
