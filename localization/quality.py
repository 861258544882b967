"""The checks applied to stored copy: what a variant's page shows and what approval requires.

Findings are computed on every save (kept on the variant for lists) and afresh when someone
approves. Errors block approval; each warning must be acknowledged by the reviewer.
"""
from django.db.models import Count, Max
from babel.lists import format_list
from django.utils.translation import get_language, to_locale
from django.utils.translation import ngettext

from . import rendering
from .checks import (
    SEO_LENGTH_LIMITS,
    CopyUnderCheck,
    Finding,
    Glossary,
    Severity,
    check_name,
    field_label,
    run_checks,
)
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
    return {
        **SEO_LENGTH_LIMITS,
        "headline": market.headline_limit,
        "call_to_action": market.call_to_action_limit,
        "body": market.body_limit,
    }


def copy_under_check(variant, *, glossary=None, today=None):
    """The variant as the checks see it, with what its market's page would fill in (the coming
    occurrence of its occasion as of ``today``)."""
    market, campaign = variant.market, variant.campaign
    found = rendering.market_values(variant, today=today)
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
        placeholder_values=found.values,
        missing_value_reasons=found.missing,
        occasion_local_name=found.occasion_local_name,
        occasion_english_name=found.occasion_english_name,
        offer_ends_on=found.offer_ends_on,
        occasion_starts_on=found.occasion_starts_on,
        last_order_date=found.last_order_date,
    )


def stored(finding):
    """A finding as kept on the variant and in a Review: its identity and values, no wording."""
    return {**finding.as_dict(), "key": finding.key}


def readable(finding):
    """A finding (or a stored one) for people: with its field's name and its message in the active language."""
    if not isinstance(finding, Finding):
        finding = Finding.from_dict(finding)
    return {
        **stored(finding),
        "check_name": check_name(finding.code),
        "field_label": field_label(finding.field),
        "message": finding.message,
    }


def findings_for(variant, *, glossary=None, today=None):
    """The findings for people (code, severity, field, subject, key, field_label, message), errors first."""
    return [readable(finding) for finding in run_checks(copy_under_check(variant, glossary=glossary, today=today))]


def refresh_findings(variant):
    """Run the checks and keep the findings on the variant (no new version: the copy is the same)."""
    variant.findings = [stored(finding) for finding in run_checks(copy_under_check(variant))]
    CopyVariant.objects.filter(pk=variant.pk).update(findings=variant.findings)
    return variant.findings


def is_unwritten(variant):
    """A draft nobody has written a word of yet: lists say so rather than showing it clean."""
    return not any((text or "").strip() for text in variant.copy_fields().values())


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
    # As the reader's language joins a list: "1 error, 2 warnings"; "1 个错误、2 个警告".
    return format_list(parts, style="standard-narrow", locale=to_locale(get_language() or "en")) if parts else ""
