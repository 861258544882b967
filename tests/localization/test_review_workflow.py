"""The copy workflow, per role: every transition and every refusal of localization.review."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from localization import access, campaigns, review
from localization.models import CopyVariant, Review, SourceRevision, State
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


def fresh(variant):
    return CopyVariant.objects.select_related("campaign", "market").get(pk=variant.pk)


def test_copywriter_saves_copy_of_their_market_and_it_is_kept_in_history(br_variant, people):
    variant = fresh(br_variant)
    assert variant.headline == "O amor está nos detalhes"
    assert variant.last_edited_by == people["copywriter"]
    assert variant.version == 2
    (edit,) = variant.reviews.all()
    assert edit.action == Review.Action.EDIT and edit.copy["headline"] == "O amor está nos detalhes"


def test_copywriter_submits_their_market_for_review(br_variant, people):
    review.submit(variant=br_variant, user=people["copywriter"])
    variant = fresh(br_variant)
    assert variant.state == State.IN_REVIEW
    submitted = variant.reviews.get(action=Review.Action.SUBMIT)
    assert (submitted.from_state, submitted.to_state, submitted.actor) == (State.DRAFT, State.IN_REVIEW, people["copywriter"])


def test_copywriter_may_not_write_a_market_they_are_not_assigned_to(campaign, people, markets):
    campaign.campaign_markets.create(market=markets["DE"])
    campaigns.ensure_variants(campaign=campaign)
    german = CopyVariant.objects.select_related("campaign", "market").get(campaign=campaign, market__code="DE")
    with pytest.raises(review.NotYourMarket, match="not assigned to write copy for DE"):
        review.save_copy(variant=german, user=people["copywriter"], expected_version=german.version, headline="Liebe")
    with pytest.raises(PermissionDenied):
        review.submit(variant=german, user=people["copywriter"])
    assert fresh(german).headline == "" and fresh(german).state == State.DRAFT
    assert not german.reviews.exists()


def test_reviewer_may_not_write_copy(br_variant, people):
    with pytest.raises(review.NotYourMarket):
        review.save_copy(variant=br_variant, user=people["reviewer"], expected_version=br_variant.version, headline="x")


def test_submit_refuses_copy_without_headline_and_body(campaign, people):
    mexico = CopyVariant.objects.select_related("campaign", "market").get(campaign=campaign, market__code="MX")
    with pytest.raises(review.WorkflowError, match="headline and the body"):
        review.submit(variant=mexico, user=people["copywriter"])
    assert fresh(mexico).state == State.DRAFT


def test_reviewer_approves_copy_of_their_market(in_review, people):
    review.approve(variant=in_review, user=people["reviewer"], note="Natural and warm.")
    variant = fresh(in_review)
    assert variant.state == State.APPROVED and variant.reviewer == people["reviewer"]
    approval = variant.reviews.get(action=Review.Action.APPROVE)
    assert approval.note == "Natural and warm."
    assert approval.copy["headline"] == "O amor está nos detalhes"  # what exactly was approved


def test_reviewer_of_another_market_is_refused(in_review, people):
    with pytest.raises(review.NotYourMarket, match="You do not review BR"):
        review.approve(variant=in_review, user=people["mx_reviewer"])
    with pytest.raises(review.NotYourMarket):
        review.request_changes(variant=in_review, user=people["mx_reviewer"], note="No")
    assert fresh(in_review).state == State.IN_REVIEW
    assert not in_review.reviews.filter(action__in=[Review.Action.APPROVE, Review.Action.REQUEST_CHANGES]).exists()


def test_copywriter_may_not_approve(in_review, people):
    with pytest.raises(PermissionDenied):
        review.approve(variant=in_review, user=people["copywriter"])
    assert fresh(in_review).state == State.IN_REVIEW


@pytest.mark.parametrize("note", ["", "   \n"])
def test_request_changes_needs_a_note(in_review, people, note):
    with pytest.raises(review.NoteRequired, match="a note is required"):
        review.request_changes(variant=in_review, user=people["reviewer"], note=note)
    assert fresh(in_review).state == State.IN_REVIEW


def test_changes_requested_then_fixed_and_submitted_again(in_review, people):
    review.request_changes(variant=in_review, user=people["reviewer"], note="Say 'Dia dos Namorados'.")
    assert fresh(in_review).state == State.CHANGES_REQUESTED
    review.save_copy(variant=in_review, user=people["copywriter"], expected_version=in_review.version, headline="Dia dos Namorados")
    assert fresh(in_review).state == State.CHANGES_REQUESTED
    review.submit(variant=in_review, user=people["copywriter"])
    assert fresh(in_review).state == State.IN_REVIEW
    actions = list(in_review.reviews.order_by("id").values_list("action", flat=True))
    assert actions == ["edit", "submit", "request_changes", "edit", "submit"]


def test_nobody_approves_copy_they_last_edited(in_review, people, markets):
    # A reviewer who also writes Brazil edits the copy, then tries to approve it.
    writer_reviewer = make_person("eva", access.COPYWRITERS, access.REVIEWERS, writes=[markets["BR"]], reviews=[markets["BR"]])
    review.request_changes(variant=in_review, user=people["reviewer"], note="Shorter, please.")
    review.save_copy(variant=in_review, user=writer_reviewer, expected_version=in_review.version, headline="Amor nos detalhes")
    review.submit(variant=in_review, user=writer_reviewer)
    with pytest.raises(review.FourEyes, match=r"someone else must approve it \(four eyes\).*bruno"):
        review.approve(variant=in_review, user=writer_reviewer)
    assert fresh(in_review).state == State.IN_REVIEW
    review.approve(variant=in_review, user=people["reviewer"])
    assert fresh(in_review).state == State.APPROVED


def test_an_administrator_is_bound_by_four_eyes_too(campaign, people):
    variant = CopyVariant.objects.select_related("campaign", "market").get(campaign=campaign, market__code="BR")
    review.save_copy(variant=variant, user=people["admin"], expected_version=variant.version, headline="H", body="B")
    review.submit(variant=variant, user=people["admin"])
    with pytest.raises(review.FourEyes):
        review.approve(variant=variant, user=people["admin"])


def test_when_the_only_reviewer_wrote_it_the_manager_approves(campaign, people, markets):
    # Mexico's only reviewer writes Mexico's copy: the approval falls to the campaign manager.
    carla = people["mx_reviewer"]
    carla.market_assignments.create(market=markets["MX"], role="copywriter")
    mexico = CopyVariant.objects.select_related("campaign", "market").get(campaign=campaign, market__code="MX")
    review.save_copy(variant=mexico, user=carla, expected_version=mexico.version, headline="El amor", body="Regalos")
    review.submit(variant=mexico, user=carla)
    from localization import access

    assert [u.username for u in access.eligible_approvers(fresh(mexico))] == ["dora"]
    review.approve(variant=mexico, user=people["manager"])
    assert fresh(mexico).state == State.APPROVED


def test_a_manager_does_not_bypass_the_markets_reviewers(in_review, people):
    with pytest.raises(review.NotYourMarket):
        review.approve(variant=in_review, user=people["manager"])


def test_copy_in_review_cannot_be_edited(in_review, people):
    with pytest.raises(review.TransitionNotAllowed, match="is in review"):
        review.save_copy(variant=in_review, user=people["copywriter"], expected_version=in_review.version, headline="x")
    assert fresh(in_review).headline == "O amor está nos detalhes"


def test_editing_approved_copy_withdraws_the_approval(in_review, people):
    review.approve(variant=in_review, user=people["reviewer"])
    review.save_copy(variant=in_review, user=people["copywriter"], expected_version=in_review.version, headline="Novo")
    variant = fresh(in_review)
    assert variant.state == State.DRAFT
    assert "approval is withdrawn" in variant.reviews.filter(action="edit").first().note


@pytest.mark.parametrize("action", list(review.TRANSITIONS))
@pytest.mark.parametrize("state", list(State))
def test_transition_table_is_the_one_rule(action, state, br_variant):
    variant = fresh(br_variant)
    CopyVariant.objects.filter(pk=variant.pk).update(state=state)
    variant.state = state
    if state in review.TRANSITIONS[action]:
        assert review._target(variant, action) == review.TRANSITIONS[action][state]
    else:
        with pytest.raises(review.TransitionNotAllowed):
            review._target(variant, action)


def test_approve_from_draft_is_refused(br_variant, people):
    with pytest.raises(review.TransitionNotAllowed, match="only copy that is in review can be approved"):
        review.approve(variant=br_variant, user=people["reviewer"])


def test_meaning_change_of_the_source_turns_approved_copy_stale(in_review, campaign, people):
    review.approve(variant=in_review, user=people["reviewer"])
    stale = campaigns.change_source(
        campaign=campaign, user=people["manager"], kind=SourceRevision.Kind.MEANING, headline="Love, delivered on time"
    )
    variant = fresh(in_review)
    assert [v.pk for v in stale] == [variant.pk]
    assert variant.state == State.STALE
    assert variant.campaign.source_version == 2
    assert variant.reviews.filter(action=Review.Action.MARK_STALE).exists()
    # The reviewer can see the source as it was when the copy was written.
    assert campaigns.source_at(campaign=variant.campaign, source_version=1)["headline"] == "Love is in the details"
    review.submit(variant=variant, user=people["copywriter"])
    assert fresh(variant).state == State.IN_REVIEW and fresh(variant).source_version == 2


def test_correction_of_the_source_keeps_approvals(in_review, campaign, people):
    review.approve(variant=in_review, user=people["reviewer"])
    stale = campaigns.change_source(
        campaign=campaign, user=people["manager"], kind=SourceRevision.Kind.CORRECTION, body="Find the gift that says it best!"
    )
    assert stale == []
    assert fresh(in_review).state == State.APPROVED
    assert campaign.source_revisions.filter(kind=SourceRevision.Kind.CORRECTION).count() == 1


def test_source_change_of_unknown_kind_is_refused_and_nothing_saved(campaign, people):
    with pytest.raises(review.WorkflowError, match="meaning change or a correction"):
        campaigns.change_source(campaign=campaign, user=people["manager"], kind="whatever", headline="New")
    campaign.refresh_from_db()
    assert campaign.headline == "Love is in the details"


def test_reviews_are_immutable(in_review):
    submitted = in_review.reviews.get(action=Review.Action.SUBMIT)
    submitted.note = "rewritten history"
    with pytest.raises(ValidationError):
        submitted.save()
    with pytest.raises(ValidationError):
        submitted.delete()
    assert in_review.reviews.get(pk=submitted.pk).note == ""


def test_two_saves_from_the_same_version_one_wins_the_other_is_told_who(br_variant, people, markets):
    colleague = make_person("fabio", access.COPYWRITERS, writes=[markets["BR"]])
    # Both opened version 2.
    mine = fresh(br_variant)
    theirs = fresh(br_variant)
    review.save_copy(variant=theirs, user=colleague, expected_version=2, headline="Versão do Fábio")
    with pytest.raises(review.ConcurrentEdit) as refused:
        review.save_copy(variant=mine, user=people["copywriter"], expected_version=2, headline="Versão da Ana")
    message = " ".join(refused.value.messages)
    assert "changed by fabio" in message and "version 2" in message and "not saved" in message
    variant = fresh(br_variant)
    assert variant.headline == "Versão do Fábio" and variant.version == 3  # nothing of Fábio's lost


def test_approving_copy_that_changed_since_it_was_seen_is_refused(in_review, people):
    seen = in_review.version
    review.request_changes(variant=in_review, user=people["reviewer"], note="Fix")
    review.save_copy(variant=in_review, user=people["copywriter"], expected_version=in_review.version, headline="Novo")
    review.submit(variant=in_review, user=people["copywriter"])
    with pytest.raises(review.ConcurrentEdit):
        review.approve(variant=in_review, user=people["reviewer"], expected_version=seen)
    assert fresh(in_review).state == State.IN_REVIEW


def test_submitting_mails_the_markets_reviewers(br_variant, people, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        review.submit(variant=br_variant, user=people["copywriter"])
    assert [m.to for m in mailoutbox] == [["bruno@example.com"]]
    assert "Copy to review" in mailoutbox[0].subject


def test_requesting_changes_mails_the_copywriter_with_the_note(in_review, people, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        review.request_changes(variant=in_review, user=people["reviewer"], note="Use the local name of the day.")
    assert [m.to for m in mailoutbox] == [["ana@example.com"]]
    assert "Use the local name of the day." in mailoutbox[0].body


def test_meaning_change_sends_copy_in_review_back_too(in_review, campaign, people):
    campaigns.change_source(campaign=campaign, user=people["manager"], kind=SourceRevision.Kind.MEANING, headline="New brief")
    assert fresh(in_review).state == State.STALE


def test_four_eyes_counts_every_editor_since_the_last_approval_not_only_the_last(in_review, people, markets):
    # Eva writes Brazil's copy and reviews Brazil too; a colleague fixes a comma after her.
    eva = make_person("eva", access.COPYWRITERS, access.REVIEWERS, writes=[markets["BR"]], reviews=[markets["BR"]])
    review.request_changes(variant=in_review, user=people["reviewer"], note="Rewrite it")
    review.save_copy(variant=in_review, user=eva, expected_version=in_review.version, headline="O amor, de Eva")
    review.save_copy(variant=in_review, user=people["copywriter"], expected_version=in_review.version, headline="O amor, de Eva.")
    review.submit(variant=in_review, user=people["copywriter"])
    with pytest.raises(review.FourEyes, match="since it was last approved"):
        review.approve(variant=in_review, user=eva)
    assert [u.username for u in access.eligible_approvers(fresh(in_review))] == ["bruno"]
