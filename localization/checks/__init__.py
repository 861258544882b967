"""Cultural and technical checks of copy, run on every save and shown beside the copy.

Plain Python on plain data: build a ``CopyUnderCheck`` and call ``run_checks``. An
error-level finding blocks approval; a warning needs the reviewer's acknowledgement.
Adding a check is writing a ``Check`` subclass and listing it in ``CHECKS``.
"""

from typing import Iterable

from .base import FIELD_LABELS, SEO_LENGTH_LIMITS, Check, CopyUnderCheck, FieldCheck, Finding, Severity, check_name, field_label, finding_key
from .glossary import CautionTerm, ForbiddenTerm, Glossary, PreferredTermMissing, Term, TermKind
from .handwritten import HandwrittenDate, HandwrittenPrice
from .identical import IdenticalToSource
from .length import FieldTooLong, display_width
from .markup import ALLOWED_TAGS, DisallowedMarkup, sanitized
from .offer import OccasionNameNotLocal, OfferEndsEarly
from .matching import Match, TermMatcher
from .placeholders import BrokenPlaceholder, PlaceholdersDiffer, PlaceholderWithoutValue, UnknownPlaceholder
from .script import WrongScript
from .sensitive import SensitiveTopicMentioned
from .topics import SensitiveTopic, SensitiveTopics
from .typography import FrenchSpacing, GermanQuotes, OccasionArticle, SpanishInvertedMarks

CHECKS: tuple[Check, ...] = (
    BrokenPlaceholder(),
    UnknownPlaceholder(),
    PlaceholdersDiffer(),
    PlaceholderWithoutValue(),
    OfferEndsEarly(),
    FieldTooLong(),
    ForbiddenTerm(),
    CautionTerm(),
    PreferredTermMissing(),
    SensitiveTopicMentioned(),
    WrongScript(),
    OccasionNameNotLocal(),
    IdenticalToSource(),
    HandwrittenPrice(),
    HandwrittenDate(),
    DisallowedMarkup(),
    FrenchSpacing(),
    SpanishInvertedMarks(),
    GermanQuotes(),
    OccasionArticle(),
)
CHECKS_BY_CODE = {check.code: check for check in CHECKS}
# The checks whose findings depend on the glossary: all a glossary change can alter.
GLOSSARY_CHECKS: tuple[Check, ...] = tuple(check for check in CHECKS if isinstance(check, (ForbiddenTerm, CautionTerm, PreferredTermMissing)))


def run_checks(copy: CopyUnderCheck, checks: Iterable[Check] = CHECKS) -> list[Finding]:
    """Every finding of every check that applies to the copy's language, errors first."""
    errors, warnings = [], []
    for check, asks_applies_to, asks_may_find in _plan(checks, copy.language):
        if (not asks_applies_to or check.applies_to(copy)) and (not asks_may_find or check.may_find(copy)):
            for finding in check.findings(copy):
                (errors if finding.severity == _ERROR else warnings).append(finding)
    # Within a severity, findings keep the order of CHECKS and fields.
    return errors + warnings if warnings else errors


def _plan(checks: Iterable[Check], language: str) -> tuple[tuple[Check, bool, bool], ...]:
    """The checks that may apply to copy in ``language``, each with whether ``run_checks`` must
    ask its ``applies_to`` and its ``may_find``: the base class's answers are known without a
    call (a check limited to other languages is left out), and calls add up over nineteen
    checks of every copy saved. Kept for tuples of checks, by language."""
    kept = type(checks) is tuple
    if kept:
        plan = _PLANS.get((checks, language))
        if plan is not None:
            return plan
    plan = []
    for check in checks:
        keeps_applies_to = type(check).applies_to is Check.applies_to
        if keeps_applies_to and check.languages is not None and language not in check.languages:
            continue
        plan.append((check, not keeps_applies_to, type(check).may_find is not Check.may_find))
    plan = tuple(plan)
    if kept:
        _PLANS[(checks, language)] = plan
    return plan


_PLANS: dict[tuple, tuple] = {}
_ERROR = Severity.ERROR  # an enum's member is slow to look up on its class


def blocks_approval(findings: Iterable[Finding]) -> bool:
    """Whether any finding is an error, which the reviewer may not approve past."""
    return any(finding.severity == Severity.ERROR for finding in findings)


__all__ = [
    "ALLOWED_TAGS",
    "CHECKS",
    "CHECKS_BY_CODE",
    "FIELD_LABELS",
    "GLOSSARY_CHECKS",
    "SEO_LENGTH_LIMITS",
    "Check",
    "CopyUnderCheck",
    "FieldCheck",
    "Finding",
    "Glossary",
    "Match",
    "SensitiveTopic",
    "SensitiveTopics",
    "Severity",
    "Term",
    "TermKind",
    "TermMatcher",
    "blocks_approval",
    "check_name",
    "display_width",
    "field_label",
    "finding_key",
    "run_checks",
    "sanitized",
]
