"""Checks on stored copy: run on save, shown on the page, blocking approval until fixed or acknowledged."""
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from localization import quality, review
from localization.models import CopyVariant, GlossaryTerm, Review, State

pytestmark = pytest.mark.django_db


def fresh(variant):
    return CopyVariant.objects.select_related("campaign", "market").get(pk=variant.pk)


def test_findings_are_kept_on_save(br_variant, people):
    review.save_copy(variant=br_variant, user=people["copywriter"], expected_version=br_variant.version, body="Só R$ 199,90 hoje!")
    codes = {f["code"] for f in fresh(br_variant).findings}
    assert "handwritten_price" in codes


def test_an_error_blocks_approval(br_variant, people):
    review.save_copy(variant=br_variant, user=people["copywriter"], expected_version=br_variant.version, body="Só R$ 199,90 hoje!")
    review.submit(variant=br_variant, user=people["copywriter"])
    with pytest.raises(review.ChecksBlockApproval, match="cannot be approved while the checks find errors"):
        review.approve(variant=br_variant, user=people["reviewer"])
    assert fresh(br_variant).state == State.IN_REVIEW


def test_a_warning_must_be_acknowledged_and_is_kept_in_the_review(in_review, people, markets):
    GlossaryTerm.objects.create(locale="pt-BR", term="presente", kind="caution", note="Say which gift; 'presente' alone reads vague.")
    from localization import quality

    findings = quality.findings_for(fresh(in_review))
    (caution,) = [f for f in findings if f["code"] == "caution_term"]
    with pytest.raises(review.ChecksBlockApproval, match="Acknowledge each warning"):
        review.approve(variant=in_review, user=people["reviewer"])
    review.approve(variant=in_review, user=people["reviewer"], acknowledged=[caution["key"]])
    approval = fresh(in_review).reviews.get(action="approve")
    assert [f["key"] for f in approval.acknowledged] == [caution["key"]] == ["caution_term:body:presente"]
    assert [quality.readable(f)["message"] for f in approval.acknowledged] == [caution["message"]]


def test_the_variant_page_shows_findings_and_a_preview(client, br_variant, people, markets):
    campaign = br_variant.campaign
    campaign.campaign_markets.filter(market=markets["BR"]).update(price="199.90")
    review.save_copy(variant=br_variant, user=people["copywriter"], expected_version=br_variant.version, body="Por apenas {price}! {preco}")
    client.force_login(people["copywriter"])
    html = client.get(reverse("admin:localization_copyvariant_change", args=[br_variant.pk])).content.decode()
    # The finding by the check's name and its message, in the reader's words (no internal code).
    assert "Unknown placeholder" in html and "{preco}, which is not a placeholder Glocal fills in" in html
    assert "unknown_placeholder" not in html
    # The preview: the market's landing page, priced as Brazil reads it (NBSP as CLDR has it).
    preview = client.get(reverse("admin:localization_copyvariant_landing_preview", args=[br_variant.pk])).content.decode()
    assert "Por apenas R$\xa0199,90!" in preview or "Por apenas R$&nbsp;199,90!" in preview
    assert 'lang="pt-BR"' in preview and 'dir="ltr"' in preview


def test_the_preview_of_arabic_copy_is_right_to_left(client, people, markets, campaign):
    campaign.campaign_markets.create(market=markets["SA"])
    from localization.campaigns import ensure_variants

    ensure_variants(campaign=campaign)
    saudi = CopyVariant.objects.get(campaign=campaign, market__code="SA")
    client.force_login(people["manager"])
    html = client.get(reverse("admin:localization_copyvariant_change", args=[saudi.pk])).content.decode()
    assert 'dir="rtl" lang="ar-SA"' in html


def test_approving_in_admin_with_acknowledged_warnings(client, in_review, people):
    GlossaryTerm.objects.create(locale="pt-BR", term="presente", kind="caution", note="Say which gift.")
    from localization import quality

    (caution,) = [f for f in quality.findings_for(fresh(in_review)) if f["code"] == "caution_term"]
    client.force_login(people["reviewer"])
    url = reverse("admin:localization_copyvariant_approve", args=[in_review.pk])
    client.post(url, {"review_note": ""})
    assert fresh(in_review).state == State.IN_REVIEW
    client.post(url, {"review_note": "", "acknowledge": [caution["key"]]})
    assert fresh(in_review).state == State.APPROVED


def run_check_copy(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("check_copy", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def test_check_copy_prints_findings_and_fails_on_errors(br_variant, people):
    code, out, err = run_check_copy("valentines")
    assert code == 0 and "2 variants checked: 0 errors" in err
    review.save_copy(variant=br_variant, user=people["copywriter"], expected_version=br_variant.version, headline="Só R$ 199,90")
    code, out, _err = run_check_copy()
    assert code == 1
    assert "valentines BR headline handwritten_price error " in out


def test_check_copy_of_an_unknown_campaign_says_which_exist(campaign):
    with pytest.raises(CommandError, match="Unknown campaign 'nope'; use a campaign slug such as: valentines"):
        run_check_copy("nope")


def test_a_glossary_change_turns_approved_copy_it_now_faults_stale(in_review, people, markets):
    from localization.tasks import recheck_approved_copy

    review.approve(variant=in_review, user=people["reviewer"])
    assert recheck_approved_copy.delay().get() == 0  # nothing in the glossary faults it yet
    GlossaryTerm.objects.create(locale="pt-BR", term="presente", kind="forbidden", note="Use 'mimo' in this campaign.")
    manager = people["manager"]
    result = recheck_approved_copy.delay(user_id=manager.pk, change="presente (pt-BR, forbidden)", locales=["pt-BR"]).get()
    assert result == 1
    variant = fresh(in_review)
    assert variant.state == State.STALE
    history = variant.reviews.first()
    # The history names the glossary change and who made it, not "Source changed".
    assert history.action == Review.Action.GLOSSARY_STALE and history.actor == manager
    assert history.get_action_display() == "Glossary changed: marked stale"
    assert "presente (pt-BR, forbidden)" in history.note and manager.username in history.note


def test_a_glossary_change_refreshes_the_stored_findings_of_copy_in_any_state(in_review, people, markets):
    """The list's Checks column reads the stored findings: they must not say ✓ for copy the glossary now faults."""
    from localization.tasks import recheck_approved_copy

    assert fresh(in_review).state == State.IN_REVIEW
    assert not quality.errors(fresh(in_review).findings)
    GlossaryTerm.objects.create(locale="pt", term="presente", kind="forbidden", note="Say 'mimo'.")
    recheck_approved_copy.delay(locales=["pt"]).get()
    variant = fresh(in_review)
    assert [f["key"] for f in quality.errors(variant.findings)] == ["forbidden_term:body:presente"]
    assert variant.state == State.IN_REVIEW  # only approved copy turns stale; this one is refreshed
    # A term of another language touches nothing here.
    GlossaryTerm.objects.filter(term="presente").delete()
    recheck_approved_copy.delay(locales=["de"]).get()
    assert quality.errors(fresh(in_review).findings)
    recheck_approved_copy.delay(locales=["pt-BR"]).get()
    assert not quality.errors(fresh(in_review).findings)


def test_a_term_added_and_deleted_in_admin_refreshes_findings_and_names_who(client, in_review, people, django_capture_on_commit_callbacks):
    review.approve(variant=in_review, user=people["reviewer"])
    client.force_login(people["manager"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/localization/glossaryterm/add/",
            {"locale": "pt-BR", "term": "presente", "kind": "forbidden", "suggestion": "mimo", "note": "Too plain here."},
        )
    assert response.status_code == 302
    variant = fresh(in_review)
    assert variant.state == State.STALE
    assert [f["key"] for f in quality.errors(variant.findings)] == ["forbidden_term:body:presente"]
    history = variant.reviews.first()
    assert history.action == Review.Action.GLOSSARY_STALE and history.actor == people["manager"]
    assert "presente (pt-BR, forbidden)" in history.note
    term = GlossaryTerm.objects.get(term="presente")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/localization/glossaryterm/{term.pk}/delete/", {"post": "yes"})
    assert not GlossaryTerm.objects.exists()
    assert quality.errors(fresh(in_review).findings) == []
