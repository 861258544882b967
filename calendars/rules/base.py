"""The shape every date rule shares: parameters checked on the way in, spans out.

A rule answers one question: on which days does this occasion fall in a given
Gregorian year? Each calendar system (Gregorian month-day, Easter, Umm al-Qura,
Hindu and Chinese lunisolar...) is one small subclass; the registry builds them from
the JSON spec an ``Occasion`` stores.
"""
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Offsets beyond a year would skip a whole occurrence; nobody means that.
LONGEST_OFFSET_DAYS = 366


class RuleError(ValidationError):
    """A rule spec that cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Span:
    """The days one occurrence of an occasion covers, and how sure we are of them.

    ``estimated`` is true where the date depends on moon sighting or on our own
    astronomy rather than a published table; people confirm such dates later.
    ``source`` is a short human note ("hijridate Umm al-Qura", "announced").
    """

    starts_on: date
    ends_on: date
    estimated: bool
    source: str

    def __post_init__(self):
        if self.ends_on < self.starts_on:
            raise ValueError(f"A span cannot end ({self.ends_on}) before it starts ({self.starts_on}).")

    @property
    def duration_days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    def shifted(self, days: int) -> "Span":
        """The same span moved by whole days: a market that sights the moon a day later."""
        if not days:
            return self
        step = timedelta(days=days)
        return replace(
            self,
            starts_on=self.starts_on + step,
            ends_on=self.ends_on + step,
            source=f"{self.source}, {days:+d} day{'s' if abs(days) != 1 else ''} in this market",
        )


# What ``span()`` calls to learn another occasion's span: resolve(slug, year).
Resolver = Callable[[str, int], "Span | None"]

_REQUIRED = object()

_TYPE_NAMES = {
    int: _("a whole number"),
    bool: _("true or false"),
    str: _("text"),
    dict: _("an object"),
}


@dataclass(frozen=True)
class Param:
    """One parameter of a rule kind: its JSON type, default and allowed values.

    ``label`` names the thing in messages ("Hijri month 13 does not exist...").
    """

    type: type
    default: object = _REQUIRED
    between: tuple[int, int] | None = None
    choices: tuple[str, ...] = ()
    label: str = ""
    out_of_range: str = _("%(label)s %(value)s does not exist; use %(low)s to %(high)s.")

    @property
    def required(self) -> bool:
        return self.default is _REQUIRED

    def clean(self, kind: str, name: str, value):
        if value is None and self.default is None:
            return None
        # JSON has no separate integer type for true/false, but Python does: refuse bools as numbers.
        if not isinstance(value, self.type) or (self.type is int and isinstance(value, bool)):
            raise RuleError(
                _("Parameter '%(name)s' (rule kind '%(kind)s') must be %(type)s; got %(value)r."),
                code="ill_typed",
                params={"name": name, "kind": kind, "type": _TYPE_NAMES[self.type], "value": value},
            )
        if self.between and not self.between[0] <= value <= self.between[1]:
            raise RuleError(
                self.out_of_range,
                code="out_of_range",
                params={"label": self.label or name, "value": value, "low": self.between[0], "high": self.between[1]},
            )
        if self.choices and value not in self.choices:
            raise RuleError(
                _("%(label)s '%(value)s' is not known; use one of: %(choices)s."),
                code="unknown_choice",
                params={"label": self.label or name, "value": value, "choices": ", ".join(self.choices)},
            )
        return value


def offset_param() -> Param:
    """Days added to the computed date (Black Friday = Thanksgiving + 1)."""
    return Param(
        int,
        default=0,
        between=(-LONGEST_OFFSET_DAYS, LONGEST_OFFSET_DAYS),
        out_of_range=_("An offset of %(value)s days is too far; use %(low)s to %(high)s."),
    )


class DateRule:
    """Base of every rule kind.

    Subclasses set ``kind`` and ``params`` and implement ``own_spans``; ``clean``
    adds checks that involve more than one parameter. Parameters become attributes
    (``rule.month``), so a rule reads like the spec it came from.
    """

    kind: str = ""
    params: dict[str, Param] = {}

    def __init__(self, params: Mapping | None = None):
        given = dict(params or {})
        unknown = sorted(set(given) - set(self.params))
        if unknown:
            raise RuleError(
                _("Unknown parameter %(unknown)s for rule kind '%(kind)s'; use: %(allowed)s."),
                code="extra_param",
                params={
                    "unknown": ", ".join(f"'{name}'" for name in unknown),
                    "kind": self.kind,
                    "allowed": ", ".join(self.params) or _("no parameters"),
                },
            )
        missing = [name for name, param in self.params.items() if param.required and name not in given]
        if missing:
            raise RuleError(
                _("Rule kind '%(kind)s' needs %(missing)s."),
                code="missing_param",
                params={"kind": self.kind, "missing": ", ".join(f"'{name}'" for name in missing)},
            )
        self.values = {
            name: param.clean(self.kind, name, given[name]) if name in given else param.default
            for name, param in self.params.items()
        }
        for name, value in self.values.items():
            setattr(self, name, value)
        self.clean()

    def clean(self) -> None:
        """Checks across parameters; raise RuleError saying what to fix."""

    @property
    def knows_own_length(self) -> bool:
        """True for rules whose spans carry their own length (a whole Hijri month, announced ranges)."""
        return False

    def own_spans(self, year: int, resolve: Resolver | None = None) -> list[Span]:
        """Every span of this rule that starts in ``year``, earliest first.

        One-day spans unless ``knows_own_length``; ``span()`` stretches them to the
        occasion's duration.
        """
        raise NotImplementedError

    def spans(self, year: int, duration_days: int = 1, resolve: Resolver | None = None) -> list[Span]:
        """All occurrences starting in ``year``: a Hijri date can fall twice in one Gregorian year."""
        if isinstance(duration_days, bool) or not isinstance(duration_days, int) or duration_days < 1:
            raise RuleError(
                _("An occasion lasts at least 1 day; got %(duration)r."),
                code="bad_duration",
                params={"duration": duration_days},
            )
        found = self.own_spans(year, resolve)
        if self.knows_own_length:
            return found
        stretch = timedelta(days=duration_days - 1)
        return [replace(span, ends_on=span.starts_on + stretch) for span in found]

    def span(self, year: int, duration_days: int = 1, resolve: Resolver | None = None) -> Span | None:
        """The occurrence that starts in ``year`` (the first, if there are two), or None.

        ``ends_on`` is ``starts_on + duration_days - 1`` unless the rule knows its own
        length. ``resolve(slug, year)`` gives another occasion's span to ``relative`` rules.
        """
        found = self.spans(year, duration_days, resolve)
        return found[0] if found else None

    def to_params(self) -> dict:
        """The JSON-able parameters, leaving out those that equal their default."""
        return {
            name: value
            for name, value in self.values.items()
            if self.params[name].required or value != self.params[name].default
        }

    def to_spec(self) -> dict:
        """The spec ``build_rule`` takes back: ``{"kind": ..., **params}``."""
        return {"kind": self.kind, **self.to_params()}

    def __eq__(self, other):
        return type(other) is type(self) and other.to_spec() == self.to_spec()

    def __hash__(self):
        return hash(repr(self))

    def __repr__(self):
        params = ", ".join(f"{name}={value!r}" for name, value in self.to_params().items())
        return f"<{type(self).__name__} {self.kind}: {params}>"


def moved_into_year(year: int, offset_days: int, anchor: Callable[[int], date | None]) -> list[date]:
    """Anchor dates moved by ``offset_days`` that land in ``year``, earliest first.

    An offset can carry a date across New Year (Easter - 100 days), so the anchors of
    the neighbouring years are tried too.
    """
    step = timedelta(days=offset_days)
    moved = (anchor(candidate) for candidate in (year - 1, year, year + 1))
    return [day + step for day in moved if day is not None and (day + step).year == year]
