"""What the admin says after a decision or a refusal reads as a sentence a person would write."""
import pytest
from django.urls import reverse

from calendars.loading import load_occasions
from calendars.models import Occasion
from localization import access, campaigns, review
from localization.models import CopyVariant, State
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:localization_copyvariant_changelist")


def change_url(variant):
    return reverse("admin:localization_copyvariant_change", args=[variant.pk])


def messages_in(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def form_data(variant, **copy):
    data = {name: getattr(variant, name) for name in ("headline", "subheadline", "body", "call_to_action", "seo_title", "seo_description")}
    data.update(copy, expected_version=variant.version, copywriter=variant.copywriter_id or "")
    data.update({"reviews-TOTAL_FORMS": 0, "reviews-INITIAL_FORMS": 0, "reviews-MIN_NUM_FORMS": 0, "reviews-MAX_NUM_FORMS": 1000})
    return data


# After a decision --------------------------------------------------------------------------------


def test_each_decision_says_what_happened_in_its_own_words(client, br_variant, people):
    variant = CopyVariant.objects.get(pk=br_variant.pk)
    client.force_login(people["copywriter"])
    submitted = client.post(change_url(variant), form_data(variant, _submit_for_review="1"), follow=True)
    assert "Valentine's · BR (pt-BR) submitted for review." in messages_in(submitted)

    client.force_login(people["reviewer"])
    sent_back = client.post(
        reverse("admin:localization_copyvariant_request_changes", args=[variant.pk]), {"review_note": "Warmer."}, follow=True
    )
    assert "Changes requested on Valentine's · BR (pt-BR); the copywriter has been told." in messages_in(sent_back)

    review.submit(variant=variant, user=people["copywriter"])
    approved = client.post(reverse("admin:localization_copyvariant_approve", args=[variant.pk]), follow=True)
    assert "Valentine's · BR (pt-BR) approved." in messages_in(approved)
    assert not any(" is now " in m for m in messages_in(submitted) + messages_in(sent_back) + messages_in(approved))


# Refusals by state -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "action, state, sentence",
    [
        (review.Action.APPROVE, State.DRAFT, "Valentine's · BR (pt-BR) is a draft; only copy that is in review can be approved."),
        (review.Action.APPROVE, State.APPROVED, "Valentine's · BR (pt-BR) is approved; only copy that is in review can be approved."),
        (
            review.Action.REQUEST_CHANGES,
            State.CHANGES_REQUESTED,
            "Valentine's · BR (pt-BR) is sent back for changes; only copy that is in review can be sent back for changes.",
        ),
        (
            review.Action.SUBMIT,
            State.IN_REVIEW,
            "Valentine's · BR (pt-BR) is in review; only copy that is a draft, sent back for changes or stale can be submitted for review.",
        ),
        (
            review.Action.EDIT,
            State.IN_REVIEW,
            "Valentine's · BR (pt-BR) is in review and cannot be edited until the reviewer approves it or sends it back.",
        ),
        (review.Action.PUBLISH, State.STALE, "Valentine's · BR (pt-BR) is stale; only approved copy can be published."),
    ],
)
def test_a_refusal_by_state_is_one_sentence_for_its_action(br_variant, action, state, sentence):
    variant = CopyVariant.objects.select_related("campaign", "market").get(pk=br_variant.pk)
    variant.state = state
    refused = review.refusal(variant, action)
    assert refused.messages == [sentence]
    assert "changes requested" not in sentence.lower().replace("changes requested on", "")


def test_a_state_that_allows_the_action_is_no_refusal(in_review):
    assert review.refusal(in_review, review.Action.APPROVE) is None


def test_the_page_says_the_state_refusal_when_a_decision_comes_too_late(client, in_review, people):
    review.approve(variant=in_review, user=people["reviewer"])
    client.force_login(people["reviewer"])
    response = client.post(
        reverse("admin:localization_copyvariant_request_changes", args=[in_review.pk]), {"review_note": "Hm."}, follow=True
    )
    assert "Valentine's · BR (pt-BR) is approved; only copy that is in review can be sent back for changes." in messages_in(response)


# Bulk refusals name the variant once ------------------------------------------------------------


def test_bulk_refusals_name_each_variant_once(client, campaign, br_variant, people):
    mexico = CopyVariant.objects.select_related("campaign", "market").get(campaign=campaign, market__code="MX")
    client.force_login(people["copywriter"])
    response = client.post(CHANGELIST, {"action": "submit_selected", "_selected_action": [br_variant.pk, mexico.pk]}, follow=True)
    said = messages_in(response)
    assert "1 variant submitted for review." in said
    (refusal,) = [m for m in said if m.startswith("Refused:")]
    assert refusal == "Refused: Write at least the headline and the body before submitting Valentine's · MX (es-MX)."
    again = client.post(CHANGELIST, {"action": "submit_selected", "_selected_action": [br_variant.pk]}, follow=True)
    (refusal,) = [m for m in messages_in(again) if m.startswith("Refused:")]
    assert refusal.count("Valentine's · BR (pt-BR)") == 1 and "is in review" in refusal


def test_a_bulk_refusal_that_does_not_name_the_variant_gets_its_name_in_front(client, campaign, in_review, people, markets):
    backup = make_person("elena", access.MANAGERS)
    client.force_login(backup)  # a manager, offered the action: may approve only where the market's reviewers cannot
    response = client.post(CHANGELIST, {"action": "approve_selected", "_selected_action": [in_review.pk]}, follow=True)
    (refusal,) = [m for m in messages_in(response) if m.startswith("Refused:")]
    assert refusal == (
        "Refused: Valentine's · BR (pt-BR): You do not review BR; only its cultural reviewers can approve this copy or send it back."
    )


# Markets that keep another occasion --------------------------------------------------------------


@pytest.fixture
def occasions(markets):
    load_occasions()


def campaign_data(client, campaign, **changes):
    url = reverse("admin:localization_campaign_change", args=[campaign.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(changes)
    offers, revisions = list(campaign.campaign_markets.all()), list(campaign.source_revisions.all())
    data.update({"source_revisions-TOTAL_FORMS": len(revisions), "source_revisions-INITIAL_FORMS": len(revisions),
                 "source_revisions-MIN_NUM_FORMS": 0, "source_revisions-MAX_NUM_FORMS": 1000})
    for index, revision in enumerate(revisions):
        data.update({f"source_revisions-{index}-id": revision.pk, f"source_revisions-{index}-campaign": campaign.pk})
    data.update({"campaign_markets-TOTAL_FORMS": len(offers), "campaign_markets-INITIAL_FORMS": len(offers),
                 "campaign_markets-MIN_NUM_FORMS": 0, "campaign_markets-MAX_NUM_FORMS": 1000})
    for index, offer in enumerate(offers):
        data.update({f"campaign_markets-{index}-id": offer.pk, f"campaign_markets-{index}-campaign": campaign.pk,
                     f"campaign_markets-{index}-market": offer.market_id, f"campaign_markets-{index}-occasion": offer.occasion_id or ""})
    return url, data


def add_market_row(data, market, occasion=None):
    index = data["campaign_markets-TOTAL_FORMS"]
    data["campaign_markets-TOTAL_FORMS"] = index + 1
    data.update({f"campaign_markets-{index}-id": "", f"campaign_markets-{index}-market": market.pk,
                 f"campaign_markets-{index}-occasion": occasion.pk if occasion else ""})
    return data


def observe_warnings(response):
    return [m for m in messages_in(response) if "observe" in m]


def test_markets_without_the_occasion_are_named_in_a_sentence(client, occasions, people, markets):
    valentines = Occasion.objects.get(slug="valentines-day")
    campaign = campaigns.create_campaign(user=people["manager"], markets=[markets["US"]], slug="v", name="V", occasion=valentines)
    client.force_login(people["manager"])
    url, data = campaign_data(client, campaign)
    add_market_row(data, markets["SA"])
    (warning,) = observe_warnings(client.post(url, data, follow=True))
    assert warning == (
        "Saudi Arabia does not observe Valentine's Day: choose the occasion it celebrates instead in its market row."
    )
    url, data = campaign_data(client, campaign)
    add_market_row(data, markets["BR"])
    (warning,) = observe_warnings(client.post(url, data, follow=True))
    assert warning.startswith("Brazil and Saudi Arabia do not observe Valentine's Day: choose the occasion each celebrates")


def test_the_occasion_warning_comes_once_per_change_of_markets(client, occasions, people, markets):
    valentines = Occasion.objects.get(slug="valentines-day")
    campaign = campaigns.create_campaign(user=people["manager"], markets=[markets["US"]], slug="v", name="V", occasion=valentines)
    client.force_login(people["manager"])
    url, data = campaign_data(client, campaign)
    assert len(observe_warnings(client.post(url, add_market_row(data, markets["SA"]), follow=True))) == 1
    url, data = campaign_data(client, campaign, name="V 2027")
    assert observe_warnings(client.post(url, data, follow=True)) == []  # neither markets nor occasions changed
    url, data = campaign_data(client, campaign, occasion=Occasion.objects.get(slug="christmas").pk)
    assert observe_warnings(client.post(url, data, follow=True)) == ["Saudi Arabia does not observe Christmas: choose the occasion it celebrates instead in its market row."]
