"""Findings that need the market: placeholders it cannot fill, the occasion's name in the copy's
language, an offer that ends before customers order; each with an identity that outlives its
wording, and worded in the reader's language."""
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from calendars import occurrences
from calendars.loading import load_occasions
from calendars.models import Occasion
from localization import campaigns, quality, rendering, review
from localization.models import MAX_BODY_CHARACTERS, CopyVariant, GlossaryTerm
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 30)  # the 2027 dates below are the coming ones


@pytest.fixture
def valentines(people, markets):
    """Valentine's in Germany, Brazil (which keeps Dia dos Namorados on 12 June) and Saudi Arabia
    (which keeps neither); each market's offer ends with its own occasion, 14 February the campaign's default."""
    load_occasions()
    chosen = [markets["DE"], markets["BR"], markets["SA"]]
    occurrences.materialize([2027], markets=chosen)
    campaign = campaigns.create_campaign(
        user=people["manager"], markets=chosen, slug="valentines-2027", name="Valentine's 2027",
        occasion=Occasion.objects.get(slug="valentines-day"), ends_on=date(2027, 2, 14), discount_percent=15,
        headline="Gifts from {price}", body="Order by {last_order_date} for {occasion}.",
    )
    campaign.campaign_markets.filter(market__code__in=["DE", "SA"]).update(price="39.99")
    campaign.campaign_markets.filter(market__code="BR").update(
        price="199.90", occasion=Occasion.objects.get(slug="dia-dos-namorados")
    )
    return campaign


def variant_of(campaign, code, **copy):
    variant = CopyVariant.objects.select_related("campaign", "market").get(campaign=campaign, market__code=code)
    for name, text in copy.items():
        setattr(variant, name, text)
    return variant


def by_code(findings, code):
    return [finding for finding in findings if finding["code"] == code]


def test_saudi_copy_with_the_dates_of_an_occasion_it_does_not_keep_is_an_error(valentines):
    variant = variant_of(valentines, "SA", headline="هدايا من {price}", body="اطلب قبل {last_order_date} لتصلك قبل {occasion}.")
    found = quality.findings_for(variant, today=TODAY)
    [missing] = by_code(found, "placeholder_without_value")
    assert missing["severity"] == "error" and missing["key"] == "placeholder_without_value:body:last_order_date"
    assert "SA does not keep the campaign's occasion" in missing["message"]
    # Valentine's has no Arabic name in the calendar: {occasion} would put English into Arabic copy.
    [english] = by_code(found, "occasion_name_not_local")
    assert english["subject"] == "{occasion}" and "Valentine's Day" in english["message"]


def test_the_preview_never_shows_a_raw_placeholder(valentines):
    variant = variant_of(valentines, "SA", body="اطلب قبل {last_order_date}.")
    preview = rendering.rendered_copy(variant, today=TODAY)
    assert "{last_order_date}" not in preview["fields"]["body"]
    assert 'class="glocal-missing-value"' in preview["fields"]["body"]


def test_english_occasion_name_typed_into_other_copy_is_found(valentines):
    variant = variant_of(valentines, "DE", headline="Geschenke zum Valentine's Day ab {price}")
    [finding] = by_code(quality.findings_for(variant, today=TODAY), "occasion_name_not_local")
    assert '"Valentinstag"' in finding["message"]
    # Written as German readers know it: nothing to say.
    assert by_code(quality.findings_for(variant_of(valentines, "DE", headline="Zum Valentinstag ab {price}"), today=TODAY), "occasion_name_not_local") == []


def test_an_offer_that_ends_before_brazils_last_order_date_is_a_finding(valentines):
    # Brazil's row ends its offer on 14 February, months before its Dia dos Namorados.
    valentines.campaign_markets.filter(market__code="BR").update(offer_ends_on=date(2027, 2, 14))
    brazil = quality.findings_for(variant_of(valentines, "BR", headline="Presentes a partir de {price}"), today=TODAY)
    [finding] = by_code(brazil, "offer_ends_early")
    assert finding["field"] == "offer" and finding["severity"] == "error"
    assert "before BR's last order date" in finding["message"]
    # Germany's Valentine's Day is 14 February: the offer runs until then.
    assert by_code(quality.findings_for(variant_of(valentines, "DE", headline="Ab {price}"), today=TODAY), "offer_ends_early") == []
    # The campaign page lists the markets affected.
    assert [market for market, _finding in campaigns.offer_date_problems(campaign=valentines, today=TODAY)] == ["BR"]


def test_findings_are_worded_in_the_readers_language_with_the_same_identity(valentines):
    variant = variant_of(valentines, "SA", body="اطلب قبل {last_order_date}.")
    english = by_code(quality.findings_for(variant, today=TODAY), "placeholder_without_value")
    with translation.override("zh-hans"):
        chinese = by_code(quality.findings_for(variant, today=TODAY), "placeholder_without_value")
    assert [f["key"] for f in english] == [f["key"] for f in chinese]
    assert chinese[0]["message"] != english[0]["message"]
    assert chinese[0]["field_label"] == "正文"


def test_an_acknowledgement_survives_a_rewording_of_the_message(in_review, people):
    """The key is code, field and subject: a changed glossary note (which the message quotes) keeps it."""
    term = GlossaryTerm.objects.create(locale="pt-BR", term="presente", kind="caution", note="Vague.")
    [caution] = by_code(quality.findings_for(in_review), "caution_term")
    term.note = "Say which gift."
    term.save()
    [reworded] = by_code(quality.findings_for(in_review), "caution_term")
    assert reworded["message"] != caution["message"] and reworded["key"] == caution["key"]
    review.approve(variant=in_review, user=people["reviewer"], acknowledged=[caution["key"]])


def test_a_body_past_the_markets_limit_is_a_finding_and_an_absurd_one_is_refused(br_variant, people):
    long_body = "palavra " * 700  # 5,600 characters: past the 5,000 of a market's page
    review.save_copy(variant=br_variant, user=people["copywriter"], expected_version=br_variant.version, body=long_body)
    [too_long] = by_code(quality.findings_for(br_variant), "too_long")
    assert too_long["field"] == "body" and "the limit is 5000" in too_long["message"]
    version = br_variant.version
    with pytest.raises(review.WorkflowError, match="The body is 1,048,576 characters long; it may be at most 50,000"):
        review.save_copy(variant=br_variant, user=people["copywriter"], expected_version=version, body="x" * 2**20)
    assert CopyVariant.objects.get(pk=br_variant.pk).body == long_body  # nothing saved, nothing lost
    assert MAX_BODY_CHARACTERS == 50_000


def test_an_absurd_body_is_refused_in_the_admin_form(client, br_variant, people):
    client.force_login(make_person("cw2", "Copywriter", writes=[br_variant.market]))
    response = client.post(
        f"/admin/localization/copyvariant/{br_variant.pk}/change/",
        {"headline": "x", "body": "x" * (MAX_BODY_CHARACTERS + 1), "expected_version": br_variant.version},
    )
    assert response.status_code == 200  # the form again, with the error, nothing saved
    assert "at most 50000 characters" in response.content.decode()
    assert CopyVariant.objects.get(pk=br_variant.pk).body == "Encontre o presente perfeito."


def test_the_campaign_page_lists_the_markets_whose_offer_ends_early(client, valentines, people, markets):
    # The page judges the coming occasions as of today: date them, and end the offer before Brazil's.
    today = timezone.localdate()
    occurrences.materialize([today.year, today.year + 1], markets=[markets["BR"], markets["DE"]])
    coming = rendering.next_occurrence(Occasion.objects.get(slug="dia-dos-namorados").pk, markets["BR"], today)
    valentines.campaign_markets.filter(market__code="BR").update(offer_ends_on=coming.starts_on - timedelta(days=20))
    client.force_login(people["manager"])
    page = client.get(f"/admin/localization/campaign/{valentines.pk}/change/").content.decode()
    assert 'class="glocal-offer-problems"' in page
    assert "BR</strong>: The offer ends on" in page and "SA</strong>" not in page  # SA keeps no occasion here


def test_a_market_sets_its_own_body_limit(br_variant, people, markets):
    markets["BR"].body_limit = 200
    markets["BR"].save()
    review.save_copy(variant=br_variant, user=people["copywriter"], expected_version=br_variant.version, body="palavra " * 30)
    variant = CopyVariant.objects.select_related("campaign", "market").get(pk=br_variant.pk)
    [too_long] = by_code(quality.findings_for(variant), "too_long")
    assert "the limit is 200" in too_long["message"]
    assert [f["key"] for f in variant.findings if f["code"] == "too_long"] == ["too_long:body:"]  # kept for the list too


def test_the_lists_summary_is_joined_as_the_reader_joins_a_list():
    found = [{"severity": "error"}, {"severity": "warning"}, {"severity": "warning"}]
    assert quality.summary(found) == "1 error, 2 warnings"
    with translation.override("zh-hans"):
        assert "、" in quality.summary(found) and "," not in quality.summary(found)
    assert quality.summary([]) == ""


def test_saudi_copy_leaves_out_the_dates_of_an_occasion_it_does_not_keep_and_is_approved(valentines, markets, client):
    writer = make_person("faisal", "Copywriter", writes=[markets["SA"]])
    reviewer = make_person("noura", "Cultural reviewer", reviews=[markets["SA"]])
    variant = variant_of(valentines, "SA")
    review.save_copy(variant=variant, user=writer, expected_version=variant.version, headline="هدايا من {price}", body="هدايا لمن تحب.")
    review.submit(variant=variant, user=writer)
    variant = variant_of(valentines, "SA")
    found = quality.findings_for(variant)
    assert by_code(found, "placeholders_differ") == [] and quality.errors(found) == []
    review.approve(variant=variant, user=reviewer, acknowledged=[finding["key"] for finding in quality.warnings(found)])
    assert CopyVariant.objects.get(pk=variant.pk).state == "approved"
    # Neither the date nor the name of an occasion it does not keep: Germany keeps Valentine's Day, and its
    # copy still may not drop the date the source gives.
    germany = variant_of(valentines, "DE", headline="Geschenke ab {price}", body="Zum {occasion}.")
    [lacking] = by_code(quality.findings_for(germany, today=TODAY), "placeholders_differ")
    assert lacking["key"] == "placeholders_differ:body:last_order_date"
    # The variant's page says so once, and no finding repeats it.
    client.force_login(reviewer)
    page = client.get(f"/admin/localization/copyvariant/{variant.pk}/change/").content.decode()
    assert page.count('class="glocal-occasion-not-kept"') == 1
    assert "Saudi Arabia does not keep Valentine&#x27;s Day" in page and "{last_order_date}" in page


def test_the_campaign_page_names_once_the_markets_that_do_not_keep_the_occasion(valentines, people, client):
    client.force_login(people["manager"])
    page = client.get(f"/admin/localization/campaign/{valentines.pk}/change/").content.decode()
    assert page.count('class="glocal-occasion-not-kept"') == 1
    assert "SA does not keep the occasion" in page
