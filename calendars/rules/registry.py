"""The rule kinds Glocal knows, and the one way to build a rule from its JSON spec."""
from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from .announced import AnnouncedDates
from .base import DateRule, RuleError
from .chinese import ChineseLunarDate
from .easter import EasterOffset
from .fixed import FixedDate
from .hijri import HijriDate
from .hindu import HinduFestival
from .relative import RelativeToOccasion
from .weekday import NthWeekday

# Adding a calendar system is adding a class here.
RULE_KINDS: dict[str, type[DateRule]] = {
    rule.kind: rule
    for rule in (
        FixedDate,
        NthWeekday,
        EasterOffset,
        HijriDate,
        HinduFestival,
        ChineseLunarDate,
        RelativeToOccasion,
        AnnouncedDates,
    )
}


def build_rule(spec: Mapping) -> DateRule:
    """The rule a spec such as ``{"kind": "fixed", "month": 2, "day": 14}`` describes.

    Raises RuleError saying what to fix: an unknown kind, a missing, extra or
    ill-typed parameter, or a date that does not exist.
    """
    if not isinstance(spec, Mapping):
        raise RuleError(
            _("A date rule is an object such as {\"kind\": \"fixed\", \"month\": 2, \"day\": 14}; got %(spec)r."),
            code="not_an_object",
            params={"spec": spec},
        )
    params = dict(spec)
    kind = params.pop("kind", None)
    if not isinstance(kind, str) or kind not in RULE_KINDS:  # a list or an object is no kind (nor hashable)
        raise RuleError(
            _("Unknown rule kind %(kind)s; use one of: %(kinds)s."),
            code="unknown_kind",
            params={"kind": repr(kind) if kind is not None else _("(missing)"), "kinds": ", ".join(RULE_KINDS)},
        )
    return RULE_KINDS[kind](params)


def validate_rule(spec: Mapping) -> None:
    """Raise RuleError unless ``spec`` builds a rule; fits a model field's ``validators``."""
    build_rule(spec)
