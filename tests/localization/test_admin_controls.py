"""The admin offers each person the controls they can use: actions, filters, the checks while typing,
the reviewer's note and the changed source at the top, the kind of a source change."""
import pytest
from django.test import Client
from django.urls import reverse

from localization import access, campaigns, review
from localization.models import Campaign, CopyVariant, SourceRevision, State
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:localization_copyvariant_changelist")


def change_url(variant):
    return reverse("admin:localization_copyvariant_change", args=[variant.pk])


def check_url(variant):
    return reverse("admin:localization_copyvariant_check", args=[variant.pk])


def page(response):
    return response.content.decode()


def fresh(variant):
    return CopyVariant.objects.select_related("campaign", "market").get(pk=variant.pk)


def offered_actions(client):
    return {name for name, _label in client.get(CHANGELIST).context["action_form"].fields["action"].choices if name}


# Bulk actions ------------------------------------------------------------------------------------


def test_each_role_is_offered_only_the_bulk_actions_it_can_take(client, campaign, people, markets):
    client.force_login(people["copywriter"])
    assert offered_actions(client) == {"submit_selected"}
    client.force_login(people["reviewer"])
    assert offered_actions(client) == {"approve_selected", "request_changes_selected"}
    both = make_person("eva", access.COPYWRITERS, access.REVIEWERS, writes=[markets["BR"]], reviews=[markets["MX"]])
    client.force_login(both)
    assert offered_actions(client) == {"approve_selected", "request_changes_selected", "submit_selected"}
    client.force_login(people["manager"])  # stands in where a market's reviewers all wrote the copy; writes nothing
    assert {"approve_selected", "request_changes_selected"} <= offered_actions(client)
    assert "submit_selected" not in offered_actions(client)


def test_an_action_not_offered_cannot_be_posted_either(client, in_review, people):
    client.force_login(people["copywriter"])
    client.post(CHANGELIST, {"action": "approve_selected", "_selected_action": [in_review.pk]})
    assert fresh(in_review).state == State.IN_REVIEW


# Filters -----------------------------------------------------------------------------------------


def filters(response):
    """The filters the list shows (a filter with a single choice is not shown), by title."""
    return {str(spec.title): spec for spec in response.context["cl"].filter_specs}


def test_filters_list_only_the_users_markets_and_campaigns(client, campaign, people, markets):
    other = campaigns.create_campaign(user=people["manager"], markets=[markets["DE"]], slug="muttertag", name="Muttertag")
    client.force_login(people["copywriter"])  # writes Brazil and Mexico
    shown = filters(client.get(CHANGELIST))
    assert [name for _pk, name in shown["campaign"].lookup_choices] == ["Valentine's"]
    assert {str(name) for _pk, name in shown["market"].lookup_choices} == {str(markets["BR"]), str(markets["MX"])}
    client.force_login(people["manager"])
    shown = filters(client.get(CHANGELIST))
    assert {name for _pk, name in shown["campaign"].lookup_choices} == {"Valentine's", other.name}
    assert str(markets["DE"]) in {str(name) for _pk, name in shown["market"].lookup_choices}


def test_a_campaign_outside_the_users_markets_is_not_added_to_the_filter_by_its_id(client, campaign, people, markets):
    other = campaigns.create_campaign(user=people["manager"], markets=[markets["DE"]], slug="muttertag", name="Muttertag")
    client.force_login(people["mx_reviewer"])
    response = client.get(CHANGELIST, {"campaign": other.pk})
    assert "Muttertag" not in [name for _pk, name in filters(response)["campaign"].lookup_choices]
    assert list(response.context["cl"].result_list) == []


def test_the_history_list_filters_only_the_users_markets(client, campaign, br_variant, people, markets):
    mexico = CopyVariant.objects.select_related("campaign", "market").get(campaign=campaign, market__code="MX")
    review.save_copy(variant=mexico, user=people["copywriter"], expected_version=mexico.version, headline="El amor")
    campaign.campaign_markets.create(market=markets["DE"])
    campaigns.ensure_variants(campaign=campaign)
    german = CopyVariant.objects.select_related("campaign", "market").get(campaign=campaign, market__code="DE")
    review.save_copy(variant=german, user=people["admin"], expected_version=german.version, headline="Liebe")
    client.force_login(people["copywriter"])
    shown = filters(client.get(reverse("admin:localization_review_changelist")))
    assert {str(name) for _pk, name in shown["market"].lookup_choices} == {str(markets["BR"]), str(markets["MX"])}


# The list's Checks column ------------------------------------------------------------------------


def test_an_empty_draft_is_not_written_yet_rather_than_clean(client, campaign, br_variant, people):
    client.force_login(people["copywriter"])
    html = page(client.get(CHANGELIST))
    assert html.count("not written yet") == 1  # Mexico's draft is empty; Brazil's has copy
    assert html.count("glocal-checks-unwritten") == 1


# The variant page: approval blocked by an error, with its reason ----------------------------------


def test_approve_is_disabled_with_its_reason_while_an_error_stands(client, br_variant, people):
    review.save_copy(variant=br_variant, user=people["copywriter"], expected_version=br_variant.version, body="Só R$ 199,90 hoje!")
    review.submit(variant=br_variant, user=people["copywriter"])
    client.force_login(people["reviewer"])
    html = page(client.get(change_url(br_variant)))
    approve = html[html.index('name="_approve"'):]
    approve = approve[: approve.index(">")]
    assert "disabled" in approve and 'aria-describedby="approve-blocked"' in approve
    assert 'id="approve-blocked"' in html and "Approval is blocked while the checks find an error" in html


def test_approve_is_enabled_when_no_error_stands(client, in_review, people):
    client.force_login(people["reviewer"])
    html = page(client.get(change_url(in_review)))
    approve = html[html.index('name="_approve"'):]
    assert "disabled" not in approve[: approve.index(">")]
    assert 'id="approve-blocked"' not in html


# The variant page: the reviewer's note and the changed source stand at the top ---------------------


def test_the_reviewers_note_stands_above_the_fields_with_who_and_when(client, in_review, people):
    review.request_changes(variant=in_review, user=people["reviewer"], note="Say 'Dia dos Namorados', not Valentine's.")
    client.force_login(people["copywriter"])
    html = page(client.get(change_url(in_review)))
    assert 'id="change-request"' in html
    assert html.index("Say &#x27;Dia dos Namorados&#x27;, not Valentine&#x27;s.") < html.index("field-headline")
    assert "bruno wrote on" in html


def test_the_note_goes_once_the_copy_is_approved(client, in_review, people):
    review.request_changes(variant=in_review, user=people["reviewer"], note="Shorter, please.")
    review.save_copy(variant=in_review, user=people["copywriter"], expected_version=in_review.version, headline="Amor")
    review.submit(variant=in_review, user=people["copywriter"])
    client.force_login(people["reviewer"])
    assert "Shorter, please." in page(client.get(change_url(in_review)))  # in review again: what was asked still shows
    review.approve(variant=in_review, user=people["reviewer"])
    assert 'id="change-request"' not in page(client.get(change_url(in_review)))


def test_the_changed_source_stands_above_the_fields_field_by_field(client, in_review, campaign, people):
    review.approve(variant=in_review, user=people["reviewer"])
    campaigns.change_source(campaign=campaign, user=people["manager"], kind=SourceRevision.Kind.MEANING, headline="Love, on time")
    client.force_login(people["copywriter"])
    html = page(client.get(change_url(in_review)))
    top = html.index('id="source-changed"')
    assert top < html.index("field-headline")
    diff = html[top: html.index("</table>", top)]
    assert "<del>Love is in the details</del>" in diff and "<ins>Love, on time</ins>" in diff
    assert "<td>Headline</td>" in diff  # the field's label, not its code name
    assert "Find the gift" not in diff  # the body did not change


# The checks while typing --------------------------------------------------------------------------


def test_the_check_endpoint_judges_the_typed_text_without_saving_it(client, br_variant, people):
    client.force_login(people["copywriter"])
    version = fresh(br_variant).version
    long_title = "Presentes de Dia dos Namorados para quem você ama, entregues a tempo"
    response = client.post(check_url(br_variant), {"body": "Só R$ 199,90 hoje!", "seo_title": long_title})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    result = response.json()
    assert {"handwritten_price", "too_long"} <= {f["code"] for f in result["findings"]}
    for finding in result["findings"]:
        assert {"code", "severity", "field", "key", "message"} <= set(finding)
    assert result["fields"]["seo_title"] == {"width": len(long_title), "limit": 60}
    assert result["fields"]["headline"]["width"] == len("O amor está nos detalhes")  # not posted: the stored text
    assert result["fields"]["subheadline"]["limit"] is None  # no limit: nothing to count against
    stored = fresh(br_variant)
    assert (stored.version, stored.body, stored.seo_title) == (version, "Encontre o presente perfeito.", "")


def test_the_check_endpoint_counts_wide_characters_twice(client, campaign, people, markets):
    campaign.campaign_markets.create(market=markets["JP"])
    campaigns.ensure_variants(campaign=campaign)
    writer = make_person("yuki", access.COPYWRITERS, writes=[markets["JP"]])
    japanese = CopyVariant.objects.get(campaign=campaign, market__code="JP")
    client.force_login(writer)
    result = client.post(check_url(japanese), {"headline": "愛は細部に宿る"}).json()
    assert result["fields"]["headline"]["width"] == 14


def test_the_check_endpoint_answers_only_those_who_may_see_the_variant(client, br_variant, people):
    client.force_login(people["mx_reviewer"])
    assert client.post(check_url(br_variant), {"headline": "x"}).status_code == 404
    client.force_login(people["copywriter"])
    assert client.get(check_url(br_variant)).status_code == 405
    client.logout()
    assert client.post(check_url(br_variant), {"headline": "x"}).status_code == 302  # to the login page


def test_the_check_endpoint_refuses_text_no_page_could_hold(client, br_variant, people):
    client.force_login(people["copywriter"])
    response = client.post(check_url(br_variant), {"headline": "x" * 10_000})
    assert response.status_code == 400
    assert "The headline is 10,000 characters long" in response.json()["errors"][0]


def test_the_check_endpoint_refuses_a_post_without_the_csrf_token(br_variant, people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["copywriter"])
    assert client.post(check_url(br_variant), {"headline": "x"}).status_code == 403


def test_the_page_offers_live_checks_and_counters_to_whoever_edits_the_copy(client, br_variant, people):
    client.force_login(people["copywriter"])
    html = page(client.get(change_url(br_variant)))
    assert f'data-check-url="{check_url(br_variant)}"' in html
    assert "glocal/copy_checks.js" in html
    limit = br_variant.market.headline_limit
    assert 'data-width-of="headline"' in html and f"24 / {limit}" in html
    assert 'data-width-of="subheadline"' not in html  # no limit, no counter
    review.submit(variant=br_variant, user=people["copywriter"])
    client.force_login(people["reviewer"])  # in review: the reviewer reads, nobody types
    assert "data-check-url" not in page(client.get(change_url(br_variant)))


def test_a_counter_over_the_limit_is_marked(client, br_variant, people):
    review.save_copy(variant=br_variant, user=people["copywriter"], expected_version=br_variant.version, call_to_action="Compre agora o presente perfeito")
    client.force_login(people["copywriter"])
    html = page(client.get(change_url(br_variant)))
    assert 'class="glocal-width glocal-width-over" data-width-of="call_to_action"' in html


# The campaign: what kind of source change, asked only when the source changes ---------------------


def campaign_form(client, campaign, **changes):
    url = reverse("admin:localization_campaign_change", args=[campaign.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(changes)
    offers, revisions = list(campaign.campaign_markets.all()), list(campaign.source_revisions.all())
    for prefix, rows in (("campaign_markets", offers), ("source_revisions", revisions)):
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows), f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
        for index, row in enumerate(rows):
            data.update({f"{prefix}-{index}-id": row.pk, f"{prefix}-{index}-campaign": campaign.pk})
            if prefix == "campaign_markets":
                data.update({f"{prefix}-{index}-market": row.market_id, f"{prefix}-{index}-occasion": row.occasion_id or ""})
    return url, data


def test_the_kind_of_change_has_no_default(client, campaign, people):
    client.force_login(people["manager"])
    form = client.get(reverse("admin:localization_campaign_change", args=[campaign.pk])).context["adminform"].form
    assert form["change_kind"].value() in (None, "")
    assert "checked" not in str(form["change_kind"])
    assert "glocal/campaign_source.js" in page(client.get(reverse("admin:localization_campaign_change", args=[campaign.pk])))


def test_changing_the_source_without_saying_its_kind_is_refused(client, in_review, campaign, people):
    review.approve(variant=in_review, user=people["reviewer"])
    client.force_login(people["manager"])
    url, data = campaign_form(client, campaign, headline="Love, on time")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "You changed the source copy: say whether its meaning changed" in page(response)
    assert Campaign.objects.get(pk=campaign.pk).headline == "Love is in the details"
    assert fresh(in_review).state == State.APPROVED


def test_a_correction_keeps_approvals(client, in_review, campaign, people):
    review.approve(variant=in_review, user=people["reviewer"])
    client.force_login(people["manager"])
    url, data = campaign_form(client, campaign, headline="Love is in the details.", change_kind="correction")
    assert client.post(url, data).status_code == 302
    assert Campaign.objects.get(pk=campaign.pk).headline == "Love is in the details."
    assert fresh(in_review).state == State.APPROVED
    assert campaign.source_revisions.first().kind == SourceRevision.Kind.CORRECTION


def test_the_kind_is_not_asked_when_no_source_field_changed(client, in_review, campaign, people):
    review.approve(variant=in_review, user=people["reviewer"])
    client.force_login(people["manager"])
    url, data = campaign_form(client, campaign, name="Valentine's 2027", change_kind="meaning")
    assert client.post(url, data).status_code == 302
    assert Campaign.objects.get(pk=campaign.pk).name == "Valentine's 2027"
    assert fresh(in_review).state == State.APPROVED  # a posted kind without a source change is ignored
    assert campaign.source_revisions.count() == 1


def test_source_history_reads_as_text(client, campaign, people):
    campaigns.change_source(campaign=campaign, user=people["manager"], kind=SourceRevision.Kind.MEANING, call_to_action="Shop now")
    client.force_login(people["manager"])
    html = page(client.get(reverse("admin:localization_campaign_change", args=[campaign.pk])))
    assert "<dt>Call to action</dt><dd>Shop now</dd>" in html
    assert "<dt>Headline</dt><dd>Love is in the details</dd>" in html
    assert "&quot;headline&quot;" not in html.split("Source history")[1]  # no raw JSON
