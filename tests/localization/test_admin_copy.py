"""The copy variant admin as each role uses it: lists, side-by-side page, decisions, bulk actions."""
import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from localization import access, review
from localization.models import Campaign, CopyVariant, State
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/localization/copyvariant/"


def change_url(variant):
    return reverse("admin:localization_copyvariant_change", args=[variant.pk])


def page(response):
    return response.content.decode()


def messages_in(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_copywriter_lists_only_their_markets(client, campaign, people, markets):
    campaign.campaign_markets.create(market=markets["DE"])
    from localization.campaigns import ensure_variants

    ensure_variants(campaign=campaign)
    client.force_login(people["copywriter"])
    shown = {v.market.code for v in client.get(CHANGELIST).context["cl"].result_list}
    assert shown == {"BR", "MX"}
    client.force_login(people["manager"])
    assert {v.market.code for v in client.get(CHANGELIST).context["cl"].result_list} == {"BR", "MX", "DE"}


def test_filters_by_campaign_market_state_and_assignee(client, in_review, people):
    client.force_login(people["manager"])
    response = client.get(CHANGELIST, {"state": "in_review", "market__id__exact": in_review.market_id, "campaign": in_review.campaign_id})
    assert [v.pk for v in response.context["cl"].result_list] == [in_review.pk]
    filters = [spec.title for spec in response.context["cl"].filter_specs]
    assert [str(t) for t in filters] == ["campaign", "market", "state", "copywriter"]


def make_variants(count, markets, owner):
    codes = list(markets)
    per_campaign = len(codes)
    variants = []
    for index in range(0, count, per_campaign):
        campaign = Campaign.objects.create(slug=f"c{index}", name=f"Campaign {index}", owner=owner)
        for code in codes[: min(per_campaign, count - index)]:
            market = markets[code]
            variants.append(CopyVariant(campaign=campaign, market=market, locale=market.primary_locale, headline="h", copywriter=owner, last_edited_by=owner))
    CopyVariant.objects.bulk_create(variants)


@pytest.mark.parametrize("role", ["copywriter", "manager"])
def test_changelist_runs_the_same_number_of_queries_for_10_and_500_rows(client, people, markets, role):
    client.force_login(people[role])
    counts = []
    for total in (10, 500):
        Campaign.objects.all().delete()
        make_variants(total, markets, people["copywriter"])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(CHANGELIST)
        assert response.status_code == 200
        assert response.context["cl"].result_count > 0
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_variant_page_shows_the_source_beside_the_copy(client, br_variant, people):
    client.force_login(people["copywriter"])
    html = page(client.get(change_url(br_variant)))
    assert "Love is in the details" in html  # the source
    assert "O amor está nos detalhes" in html  # this market's copy
    assert html.index("field-source_headline") < html.index("field-headline")
    assert "Save and submit for review" in html


def test_reviewer_gets_approve_and_request_changes_and_approves(client, in_review, people):
    client.force_login(people["reviewer"])
    html = page(client.get(change_url(in_review)))
    assert "Approve" in html and "Request changes" in html and "May approve it" in html
    response = client.post(
        reverse("admin:localization_copyvariant_approve", args=[in_review.pk]),
        {"seen_version": in_review.version, "review_note": "Good"},
        follow=True,
    )
    assert CopyVariant.objects.get(pk=in_review.pk).state == State.APPROVED
    assert "Valentine's · BR (pt-BR) approved." in messages_in(response)


def test_request_changes_without_a_note_is_refused_on_the_page(client, in_review, people):
    client.force_login(people["reviewer"])
    response = client.post(
        reverse("admin:localization_copyvariant_request_changes", args=[in_review.pk]),
        {"seen_version": in_review.version, "review_note": " "},
        follow=True,
    )
    assert any("a note is required" in m for m in messages_in(response))
    assert CopyVariant.objects.get(pk=in_review.pk).state == State.IN_REVIEW


def test_self_approval_in_admin_says_who_may_approve(client, in_review, people, markets):
    eva = make_person("eva", access.COPYWRITERS, access.REVIEWERS, writes=[markets["BR"]], reviews=[markets["BR"]])
    review.request_changes(variant=in_review, user=people["reviewer"], note="Fix")
    review.save_copy(variant=in_review, user=eva, expected_version=in_review.version, headline="Outra")
    review.submit(variant=in_review, user=eva)
    client.force_login(eva)
    html = page(client.get(change_url(in_review)))
    assert "You last edited this copy" in html
    response = client.post(reverse("admin:localization_copyvariant_approve", args=[in_review.pk]), follow=True)
    assert any("four eyes" in m and "bruno" in m for m in messages_in(response))
    assert CopyVariant.objects.get(pk=in_review.pk).state == State.IN_REVIEW


def test_reviewer_of_another_market_cannot_open_or_decide(client, in_review, people):
    client.force_login(people["mx_reviewer"])
    assert client.get(change_url(in_review)).status_code == 404  # not in their markets: as if it did not exist
    response = client.post(reverse("admin:localization_copyvariant_approve", args=[in_review.pk]))
    assert response.status_code == 404
    assert CopyVariant.objects.get(pk=in_review.pk).state == State.IN_REVIEW


def test_bulk_approve_says_which_were_refused_and_why(client, campaign, people, markets):
    variants = {v.market.code: v for v in CopyVariant.objects.select_related("campaign", "market").filter(campaign=campaign)}
    for code in ("BR", "MX"):
        review.save_copy(variant=variants[code], user=people["copywriter"], expected_version=variants[code].version, headline="H", body="B")
        review.submit(variant=variants[code], user=people["copywriter"])
    client.force_login(people["reviewer"])  # reviews BR only
    response = client.post(
        CHANGELIST, {"action": "approve_selected", "_selected_action": [v.pk for v in variants.values()]}, follow=True
    )
    said = messages_in(response)
    assert "1 variant approved." in said
    # The reviewer does not see Mexico at all, so it is not even selectable: the refusal names nothing of it.
    assert CopyVariant.objects.get(pk=variants["BR"].pk).state == State.APPROVED
    assert CopyVariant.objects.get(pk=variants["MX"].pk).state == State.IN_REVIEW


def test_bulk_approve_refuses_per_item(client, campaign, people, markets):
    eva = make_person("eva", access.COPYWRITERS, access.REVIEWERS, writes=[markets["BR"], markets["MX"]], reviews=[markets["BR"], markets["MX"]])
    variants = {v.market.code: v for v in CopyVariant.objects.select_related("campaign", "market").filter(campaign=campaign)}
    review.save_copy(variant=variants["BR"], user=people["copywriter"], expected_version=variants["BR"].version, headline="H", body="B")
    review.save_copy(variant=variants["MX"], user=eva, expected_version=variants["MX"].version, headline="H", body="B")
    for variant in variants.values():
        review.submit(variant=variant, user=people["copywriter"])
    client.force_login(eva)
    response = client.post(CHANGELIST, {"action": "approve_selected", "_selected_action": [v.pk for v in variants.values()]}, follow=True)
    said = messages_in(response)
    assert "1 variant approved." in said
    refusals = [m for m in said if m.startswith("Refused:")]
    assert len(refusals) == 1 and "four eyes" in refusals[0]
    assert refusals[0].count("Valentine's · MX (es-MX)") == 1  # named once, not before and inside the reason
    assert CopyVariant.objects.get(pk=variants["BR"].pk).state == State.APPROVED
    assert CopyVariant.objects.get(pk=variants["MX"].pk).state == State.IN_REVIEW


def test_bulk_request_changes_asks_for_the_note_first(client, in_review, people):
    client.force_login(people["reviewer"])
    ask = client.post(CHANGELIST, {"action": "request_changes_selected", "_selected_action": [in_review.pk]})
    assert ask.status_code == 200 and "review_note" in page(ask)
    assert CopyVariant.objects.get(pk=in_review.pk).state == State.IN_REVIEW
    client.post(CHANGELIST, {"action": "request_changes_selected", "_selected_action": [in_review.pk], "apply": "yes", "review_note": "Shorter"})
    variant = CopyVariant.objects.get(pk=in_review.pk)
    assert variant.state == State.CHANGES_REQUESTED and variant.reviews.first().note == "Shorter"


def form_data(variant, **copy):
    data = {name: getattr(variant, name) for name in ("headline", "subheadline", "body", "call_to_action", "seo_title", "seo_description")}
    data.update(copy, expected_version=variant.version, copywriter=variant.copywriter_id or "")
    for prefix in ("reviews",):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0, f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
    return data


def test_two_people_save_the_same_version_in_admin(client, br_variant, people, markets):
    colleague = make_person("fabio", access.COPYWRITERS, writes=[markets["BR"]])
    opened = CopyVariant.objects.get(pk=br_variant.pk)  # both open the page at this version
    client.force_login(colleague)
    first = client.post(change_url(br_variant), form_data(opened, headline="Do Fábio"))
    assert first.status_code == 302
    client.force_login(people["copywriter"])
    second = client.post(change_url(br_variant), form_data(opened, headline="Da Ana"))
    assert second.status_code == 200
    html = page(second)
    assert "was changed by fabio" in html
    assert "Da Ana" in html  # Ana's text is still in her form, not lost
    assert CopyVariant.objects.get(pk=br_variant.pk).headline == "Do Fábio"


def test_save_and_submit_for_review(client, br_variant, people):
    client.force_login(people["copywriter"])
    data = form_data(CopyVariant.objects.get(pk=br_variant.pk), headline="Presentes", _submit_for_review="1")
    client.post(change_url(br_variant), data)
    variant = CopyVariant.objects.get(pk=br_variant.pk)
    assert (variant.headline, variant.state) == ("Presentes", State.IN_REVIEW)


def test_history_of_the_variant_is_on_its_page(client, in_review, people):
    client.force_login(people["reviewer"])
    html = page(client.get(change_url(in_review)))
    assert "History: every edit and decision" in html
    assert "Submitted for review" in html and "Edited" in html


def test_meaning_change_in_campaign_admin_turns_approved_copy_stale(client, in_review, campaign, people):
    review.approve(variant=in_review, user=people["reviewer"])
    client.force_login(people["manager"])
    url = reverse("admin:localization_campaign_change", args=[campaign.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(headline="Love, on time", change_kind="meaning")
    for prefix, count in (("campaign_markets", campaign.campaign_markets.count()), ("source_revisions", campaign.source_revisions.count())):
        data.update({f"{prefix}-TOTAL_FORMS": count, f"{prefix}-INITIAL_FORMS": count, f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
    for index, offer in enumerate(campaign.campaign_markets.all()):
        data.update({f"campaign_markets-{index}-id": offer.pk, f"campaign_markets-{index}-campaign": campaign.pk, f"campaign_markets-{index}-market": offer.market_id})
    for index, revision in enumerate(campaign.source_revisions.all()):
        data[f"source_revisions-{index}-id"] = revision.pk
        data[f"source_revisions-{index}-campaign"] = campaign.pk
    response = client.post(url, data, follow=True)
    assert any("stale" in m for m in messages_in(response)), page(response)[:3000]
    assert CopyVariant.objects.get(pk=in_review.pk).state == State.STALE


def test_admin_speaks_simplified_chinese(client, in_review, people):
    client.force_login(people["reviewer"])
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/admin/"})
    html = page(client.get(change_url(in_review)))
    assert "批准" in html  # Approve
    assert "要求修改" in html  # Request changes




def test_copywriter_adds_a_variant_only_for_their_markets(client, campaign, people, markets):
    client.force_login(people["copywriter"])
    form = client.get("/admin/localization/copyvariant/add/").context["adminform"].form
    assert {m.code for m in form.fields["market"].queryset} == {"BR", "MX"}
    data = {"campaign": campaign.pk, "market": markets["BR"].pk, "locale": "pt-PT", "headline": "Love", "expected_version": "",
            "reviews-TOTAL_FORMS": 0, "reviews-INITIAL_FORMS": 0, "reviews-MIN_NUM_FORMS": 0, "reviews-MAX_NUM_FORMS": 1000}
    refused = client.post("/admin/localization/copyvariant/add/", {**data, "locale": "pt_XX"})
    assert "is not a BCP 47 tag" in page(refused)
    foreign = client.post("/admin/localization/copyvariant/add/", {**data, "locale": "ja-JP"})
    assert "customers read pt-BR; write the copy in one of them" in page(foreign).replace("&#x27;", "'")
    markets["BR"].extra_locales = ["pt-PT"]  # the market's own list says who reads what
    markets["BR"].save()
    saved = client.post("/admin/localization/copyvariant/add/", data)
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    added = CopyVariant.objects.get(campaign=campaign, locale="pt-PT")
    assert added.last_edited_by == people["copywriter"] and added.reviews.get().action == "edit"
    german = client.post("/admin/localization/copyvariant/add/", {**data, "market": markets["DE"].pk, "locale": "de-DE"})
    assert "Select a valid choice" in page(german)
    assert not CopyVariant.objects.filter(market=markets["DE"]).exists()


def test_source_labels_follow_the_admin_language(client, br_variant, people):
    client.force_login(people["copywriter"])
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/admin/"})
    html = page(client.get(change_url(br_variant)))
    assert "源文案：标题" in html  # "source: headline"


def test_ids_that_are_not_numbers_are_not_found_not_errors(client, in_review, people):
    client.force_login(people["reviewer"])
    assert client.get(CHANGELIST, {"campaign": "abc"}).status_code == 200
    assert client.post("/admin/localization/copyvariant/abc/approve/").status_code == 404


def test_the_manager_assigns_only_a_copywriter_of_the_market(client, br_variant, people, markets):
    client.force_login(people["manager"])
    variant = CopyVariant.objects.get(pk=br_variant.pk)
    refused = client.post(change_url(br_variant), {**form_data(variant), "copywriter": people["reviewer"].pk})
    assert "bruno does not write copy for BR" in page(refused)
    fabio = make_person("fabio", access.COPYWRITERS, writes=[markets["BR"]])
    client.post(change_url(br_variant), {**form_data(variant), "copywriter": fabio.pk})
    assert CopyVariant.objects.get(pk=br_variant.pk).copywriter == fabio
    with pytest.raises(review.NotYourMarket):
        review.assign_copywriter(variant=variant, user=people["manager"], copywriter=people["reviewer"])
    with pytest.raises(PermissionDenied):
        review.assign_copywriter(variant=variant, user=people["copywriter"], copywriter=fabio)
