"""Nobody gets around the cultural review: a market without a reviewer has its copy wait for one; nobody
grants a role to themselves; every assignment and removal is kept and shown on the person's and the
market's pages; managers find people by name when assigning them."""
import pytest
from django.urls import reverse

from localization import access, board, campaigns, review
from localization.models import AssignmentChange, CopyVariant, MarketAssignment, Role
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def de_in_review(people, markets):
    """Germany's copy in review; Germany has a copywriter and no cultural reviewer."""
    writer = make_person("erik", access.COPYWRITERS, writes=[markets["DE"]])
    campaign = campaigns.create_campaign(
        user=people["manager"], markets=[markets["DE"]], slug="muttertag", name="Muttertag",
        headline="Love is in the details", body="Find the gift that says it best.",
    )
    variant = CopyVariant.objects.select_related("campaign", "market").get(campaign=campaign, market__code="DE")
    review.save_copy(variant=variant, user=writer, expected_version=variant.version, headline="Liebe im Detail", body="Finden Sie das Geschenk.")
    review.submit(variant=variant, user=writer)
    variant.refresh_from_db()
    return variant


# A market without a cultural reviewer --------------------------------------------------------------


@pytest.mark.parametrize("who", ["manager", "admin"])
def test_copy_of_a_market_without_a_reviewer_cannot_be_approved_or_sent_back(de_in_review, people, who):
    assert access.eligible_approvers(de_in_review) == []
    assert not review.may_decide(people[who], de_in_review)
    with pytest.raises(review.NoReviewer) as refused:
        review.approve(variant=de_in_review, user=people[who])
    assert str(refused.value.messages[0]) == (
        "DE has no cultural reviewer, so nobody may approve its copy or send it back yet; ask a campaign manager to assign one."
    )
    with pytest.raises(review.NoReviewer):
        review.request_changes(variant=de_in_review, user=people[who], note="Kürzer.")
    de_in_review.refresh_from_db()
    assert de_in_review.state == "in_review"
    assert board.waiting_for_review_by(people[who]) == []


def test_the_variant_page_says_to_assign_a_reviewer_and_offers_no_approve_button(client, de_in_review, people):
    client.force_login(people["manager"])
    html = client.get(reverse("admin:localization_copyvariant_change", args=[de_in_review.pk])).content.decode()
    assert "nobody: assign a cultural reviewer for this market" in html
    assert 'name="_approve"' not in html and 'name="_request_changes"' not in html
    response = client.post(reverse("admin:localization_copyvariant_approve", args=[de_in_review.pk]), {"seen_version": de_in_review.version})
    de_in_review.refresh_from_db()
    assert de_in_review.state == "in_review"
    assert response.status_code in (302, 403)


def test_once_a_reviewer_is_assigned_the_copy_can_be_approved(de_in_review, people, markets):
    reviewer = make_person("frieda", access.REVIEWERS)
    access.assign(by=people["manager"], user=reviewer, market=markets["DE"], role=Role.REVIEWER)
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)  # a fresh object: no cached markets
    assert [person.username for person in access.eligible_approvers(de_in_review)] == ["frieda"]
    review.approve(variant=de_in_review, user=reviewer)
    de_in_review.refresh_from_db()
    assert de_in_review.state == "approved"


# Nobody grants a role to themselves ------------------------------------------------------------------


def test_a_manager_cannot_make_themselves_a_reviewer_and_then_approve(de_in_review, people, markets):
    manager = people["manager"]
    with pytest.raises(access.SelfAssignment) as refused:
        access.assign(by=manager, user=manager, market=markets["DE"], role=Role.REVIEWER)
    assert "Nobody assigns a role to themselves" in str(refused.value)
    assert not MarketAssignment.objects.filter(user=manager).exists()
    with pytest.raises(review.NoReviewer):
        review.approve(variant=de_in_review, user=manager)


def test_the_admin_refuses_a_self_assignment_and_keeps_nothing(client, people, markets):
    manager = people["manager"]
    client.force_login(manager)
    response = client.post(reverse("admin:localization_marketassignment_add"), {
        "user": manager.pk, "market": markets["DE"].pk, "role": Role.REVIEWER,
    })
    assert response.status_code == 200
    assert "Nobody assigns a role to themselves" in response.content.decode()
    assert not MarketAssignment.objects.filter(user=manager).exists()
    assert not AssignmentChange.objects.filter(user=manager).exists()


def test_an_administrator_cannot_assign_themselves_either(people, markets):
    with pytest.raises(access.SelfAssignment):
        access.assign(by=people["admin"], user=people["admin"], market=markets["DE"], role=Role.REVIEWER)


def test_copywriters_and_reviewers_assign_nobody(people, markets):
    with pytest.raises(access.PermissionDenied):
        access.assign(by=people["reviewer"], user=people["copywriter"], market=markets["DE"], role=Role.REVIEWER)


# Every assignment and removal is kept ----------------------------------------------------------------


def test_another_manager_assigns_through_the_admin_and_the_change_is_kept(client, people, markets):
    other = make_person("gil", access.MANAGERS)
    client.force_login(other)
    response = client.post(reverse("admin:localization_marketassignment_add"), {
        "user": people["manager"].pk, "market": markets["DE"].pk, "role": Role.REVIEWER,
    })
    assert response.status_code == 302
    assert MarketAssignment.objects.filter(user=people["manager"], market=markets["DE"], role=Role.REVIEWER).exists()
    [kept] = AssignmentChange.objects.filter(user=people["manager"])
    assert (kept.action, kept.username, kept.market_code, kept.role, kept.changed_by, kept.changed_by_name) == (
        "assigned", "dora", "DE", "reviewer", other, "gil",
    )
    assert kept.changed_at is not None


def test_removals_are_kept_from_the_admin_and_when_a_person_is_deleted(client, people, markets):
    other = make_person("gil", access.MANAGERS)
    assignment = access.assign(by=other, user=people["manager"], market=markets["DE"], role=Role.REVIEWER)
    client.force_login(other)
    response = client.post(reverse("admin:localization_marketassignment_delete", args=[assignment.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert list(AssignmentChange.objects.filter(user=people["manager"]).values_list("action", "changed_by_name")) == [
        ("removed", "gil"), ("assigned", "gil"),
    ]
    bruno = people["reviewer"]
    bruno_id = bruno.pk
    bruno.delete()  # his Brazil review role goes with him, and the record of it stays
    assert list(AssignmentChange.objects.filter(user_id=bruno_id).values_list("action", "username", "market_code")) == [
        ("removed", "bruno", "BR"), ("assigned", "bruno", "BR"),
    ]


def test_assignments_are_made_or_removed_never_edited(client, people, markets):
    assignment = MarketAssignment.objects.get(user=people["reviewer"])
    client.force_login(people["manager"])
    url = reverse("admin:localization_marketassignment_change", args=[assignment.pk])
    response = client.post(url, {"user": people["manager"].pk, "market": assignment.market_id, "role": Role.REVIEWER})
    assert response.status_code == 403
    assert MarketAssignment.objects.get(pk=assignment.pk).user == people["reviewer"]


def test_the_persons_and_the_markets_pages_show_roles_and_their_history(client, people, markets):
    other = make_person("gil", access.MANAGERS)
    access.assign(by=other, user=people["copywriter"], market=markets["DE"], role=Role.COPYWRITER)
    client.force_login(people["manager"])
    person = client.get(reverse("admin:auth_user_change", args=[people["copywriter"].pk])).content.decode()
    assert "History of roles" in person and "gil" in person and "Assigned" in person
    assert f"/admin/localization/marketassignment/add/?user={people['copywriter'].pk}" in person
    market = client.get(reverse("admin:calendars_market_change", args=[markets["DE"].pk])).content.decode()
    assert "History of roles" in market and "ana" in market and "gil" in market
    assert "ana · Copywriter" in market
    assert "Copywriter · DE" in person


def test_the_history_reads_in_chinese(client, people, markets):
    access.assign(by=people["admin"], user=people["copywriter"], market=markets["DE"], role=Role.COPYWRITER)
    client.force_login(people["manager"])
    client.cookies["django_language"] = "zh-hans"
    person = client.get(reverse("admin:auth_user_change", args=[people["copywriter"].pk])).content.decode()
    assert "角色变更记录" in person and "已分配" in person and "分配到市场" in person
    assert "History of roles" not in person and ">Assigned<" not in person


# Searching people when assigning them ---------------------------------------------------------------


def test_a_manager_searches_people_by_name_and_never_finds_themselves(client, people):
    make_person("dorothea", access.COPYWRITERS, first_name="Dorothea", last_name="Lang")
    client.force_login(people["manager"])
    response = client.get(reverse("admin:autocomplete"), {
        "term": "dor", "app_label": "localization", "model_name": "marketassignment", "field_name": "user",
    })
    assert response.status_code == 200
    found = [result["text"] for result in response.json()["results"]]
    assert found == ["dorothea"]  # dora, who is searching, is not offered
