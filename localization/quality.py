"""The checks applied to stored copy: what a variant's page shows and what approval requires.

Findings are computed on every save (kept on the variant for lists) and afresh when someone
approves. Errors block approval; each warning must be acknowledged by the reviewer.
"""
import hashlib

from django.db.models import Count, Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .checks import SEO_LENGTH_LIMITS, CopyUnderCheck, Glossary, Severity, run_checks
from .checks.topics import topics_for_market
from .models import CopyVariant, GlossaryTerm

_glossary = {"key": None, "glossary": None}


def current_glossary():
    """The glossary as one matcher, rebuilt only when a term changed (one small query to know)."""
    key = tuple(GlossaryTerm.objects.aggregate(count=Count("id"), latest=Max("updated_at")).values())
    if _glossary["key"] != key:
        terms = GlossaryTerm.objects.values_list("term", "locale", "market__code", "kind", "suggestion", "note")
        _glossary.update(key=key, glossary=Glossary(terms))
    return _glossary["glossary"]


def length_limits(market):
    return {**SEO_LENGTH_LIMITS, "headline": market.headline_limit, "call_to_action": market.call_to_action_limit}


def copy_under_check(variant, *, glossary=None):
    market, campaign = variant.market, variant.campaign
    return CopyUnderCheck(
        locale=variant.locale,
        variant=variant.copy_fields(),
        source=campaign.copy_fields(),
        source_locale=campaign.source_locale,
        campaign=campaign.slug,
        market=market.code,
        currency=market.currency,
        length_limits=length_limits(market),
        sensitive_topics=topics_for_market(market.code, tuple(market.sensitive_topics)),
        glossary=glossary if glossary is not None else current_glossary(),
    )


def finding_key(finding):
    """A short stable name for one finding, so a reviewer's acknowledgement names exactly it."""
    text = f"{finding['code']}|{finding['field']}|{finding['message']}"
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def findings_for(variant, *, glossary=None):
    """The findings as plain dicts (code, severity, field, message, key), errors first."""
    found = []
    for finding in run_checks(copy_under_check(variant, glossary=glossary)):
        row = {"code": finding.code, "severity": str(finding.severity), "field": finding.field, "message": finding.message}
        row["key"] = finding_key(row)
        found.append(row)
    return found


def refresh_findings(variant):
    """Run the checks and keep the findings on the variant (no new version: the copy is the same)."""
    variant.findings = findings_for(variant)
    CopyVariant.objects.filter(pk=variant.pk).update(findings=variant.findings)
    return variant.findings


def errors(findings):
    return [f for f in findings if f["severity"] == Severity.ERROR]


def warnings(findings):
    return [f for f in findings if f["severity"] == Severity.WARNING]


def summary(findings):
    """'2 errors, 1 warning' for lists; empty when the copy is clean."""
    error_count, warning_count = len(errors(findings)), len(warnings(findings))
    parts = []
    if error_count:
        parts.append(ngettext("%(count)d error", "%(count)d errors", error_count) % {"count": error_count})
    if warning_count:
        parts.append(ngettext("%(count)d warning", "%(count)d warnings", warning_count) % {"count": warning_count})
    return ", ".join(parts)


def stale_after_glossary_change(*, user=None):
    """Approved or published copy that the glossary now faults goes back for review.

    A new error, or a warning the approving reviewer did not acknowledge, turns the variant
    stale with a note saying what the glossary now finds. Returns the variants made stale.
    """
    from . import review
    from .models import Review, State

    glossary = current_glossary()
    made_stale = []
    approved = CopyVariant.objects.filter(state__in=[State.APPROVED, State.PUBLISHED]).select_related("campaign", "market")
    for variant in approved.iterator(chunk_size=500):
        findings = findings_for(variant, glossary=glossary)
        approval = variant.reviews.filter(action=Review.Action.APPROVE).order_by("-created_at", "-id").first()
        accepted = {finding["key"] for finding in (approval.acknowledged if approval else [])}
        new = errors(findings) + [f for f in warnings(findings) if f["key"] not in accepted]
        if not new:
            continue
        note = _("The glossary changed: %(findings)s") % {"findings": " ".join(f"[{f['field']}] {f['message']}" for f in new)}
        try:
            review.mark_stale(variant=variant, user=user, note=note)
        except review.WorkflowError:
            continue  # it left approved meanwhile (edited, or another re-check): nothing to do
        made_stale.append(variant)
    return made_stale
