"""Dated occurrences: the rules turned into rows per market and year, and what people confirm.

materialize() is idempotent: re-running it for the same years changes nothing, and it never
overwrites an occurrence someone confirmed.
"""
import json
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Market, Observance, Occurrence, validate_calendar_date
from .rules import build_rule

FIRST_YEAR, LAST_YEAR = 1900, 2100


class CalendarError(ValidationError):
    """Bad input to a calendar service; the message says what to fix."""


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    def __str__(self):
        return f"{self.created} created, {self.updated} updated, {self.deleted} removed, {self.unchanged} unchanged"


def check_year(year):
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise CalendarError(
            _("Year %(year)s is outside the calendar; use a year from %(first)s to %(last)s.")
            % {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR}
        )


def market_by_code(code):
    try:
        # Only two letters can be a market's code; anything else (a NUL, which PostgreSQL refuses) is not looked up.
        if not re.fullmatch(r"[A-Za-z]{2}", code or ""):
            raise Market.DoesNotExist
        return Market.objects.get(code=code.upper())
    except Market.DoesNotExist:
        known = ", ".join(Market.objects.values_list("code", flat=True)) or _("none yet: run seed_demo or load_calendar")
        raise CalendarError(_("Unknown market '%(code)s'; use one of: %(known)s.") % {"code": code, "known": known}) from None


class Planner:
    """Computes the spans of every observance, resolving relative rules within one market."""

    def __init__(self, observances):
        self.by_market_slug = {(o.market_id, o.occasion.slug): o for o in observances}
        self.occasions_by_slug = {o.occasion.slug: o.occasion for o in observances}
        self._rules = {}

    def rule_for(self, observance):
        spec = observance.rule or observance.occasion.rule
        key = json.dumps(spec, sort_keys=True)
        if key not in self._rules:
            self._rules[key] = build_rule(spec)
        return self._rules[key]

    def spans(self, observance, year, _resolving=()):
        if observance.occasion.slug in _resolving:
            raise CalendarError(
                _("The rules of %(chain)s refer to each other in a circle; make one of them a date of its own.")
                % {"chain": " → ".join([*_resolving, observance.occasion.slug])}
            )

        def resolve(slug, resolve_year):
            other = self.by_market_slug.get((observance.market_id, slug))
            if other is None:
                return None
            found = self.spans(other, resolve_year, (*_resolving, observance.occasion.slug))
            return found[0] if found else None

        found = self.rule_for(observance).spans(year, observance.occasion.duration_days, resolve)
        return [span.shifted(observance.shift_days) for span in found]


def check_rules_resolve(*, occasion=None, observance=None, year=2027):
    """Refuse rules that cannot be dated, such as relative rules that refer to each other in a circle.

    ``occasion`` or ``observance`` is the unsaved change; the rest comes from the database.
    """
    observances = list(Observance.objects.select_related("occasion", "market"))
    if occasion is not None and occasion.pk:
        for other in observances:
            if other.occasion_id == occasion.pk:
                other.occasion = occasion
    if observance is not None:
        observances = [other for other in observances if other.pk is None or other.pk != observance.pk] + [observance]
    planner = Planner(observances)
    for other in observances:
        if other is observance or (occasion is not None and other.occasion is occasion):
            planner.spans(other, year)


def _observances(markets=None, occasions=None):
    queryset = Observance.objects.select_related("occasion", "market")
    if markets is not None:
        # Relative rules may need occasions of the same market, so whole markets are loaded.
        queryset = queryset.filter(market__in=markets)
    observances = list(queryset)
    if occasions is not None:
        return observances, [o for o in observances if o.occasion_id in {occasion.pk for occasion in occasions}]
    return observances, observances


@transaction.atomic
def materialize(years, *, markets=None, occasions=None):
    """Create or update the Occurrence rows of these years; returns Counts."""
    years = list(years)
    for year in years:
        check_year(year)
    everything, wanted = _observances(markets, occasions)
    planner = Planner(everything)
    rows = Occurrence.objects.filter(year__in=years)
    if markets is not None:
        rows = rows.filter(market__in=markets)
    existing = {(o.occasion_id, o.market_id, o.year, o.nth): o for o in rows}
    counts = Counts()
    create, update, seen = [], [], set()
    for observance in wanted:
        for year in years:
            for nth, span in enumerate(planner.spans(observance, year)):
                key = (observance.occasion_id, observance.market_id, year, nth)
                seen.add(key)
                row = existing.get(key)
                if row is None:
                    create.append(
                        Occurrence(
                            occasion_id=observance.occasion_id, market_id=observance.market_id, year=year, nth=nth,
                            starts_on=span.starts_on, ends_on=span.ends_on, estimated=span.estimated, source=span.source,
                        )
                    )
                elif row.confirmed or (row.starts_on, row.ends_on, row.estimated, row.source) == (
                    span.starts_on, span.ends_on, span.estimated, span.source
                ):
                    counts.unchanged += 1
                else:
                    row.starts_on, row.ends_on, row.estimated, row.source = span.starts_on, span.ends_on, span.estimated, span.source
                    update.append(row)
    wanted_occasions = {o.occasion_id for o in wanted} if occasions is not None else None
    # Rows no rule produced any more (an observance removed, a second start gone) go, unless confirmed.
    gone = [
        row.pk for key, row in existing.items()
        if key not in seen and not row.confirmed and (wanted_occasions is None or key[0] in wanted_occasions)
    ]
    # Two first requests for one market and year may race; the loser's rows are already there.
    Occurrence.objects.bulk_create(create, batch_size=1000, ignore_conflicts=True)
    Occurrence.objects.bulk_update(update, ["starts_on", "ends_on", "estimated", "source"], batch_size=1000)
    if gone:
        Occurrence.objects.filter(pk__in=gone).delete()
    counts.created, counts.updated, counts.deleted = len(create), len(update), len(gone)
    return counts


def occurrences_for(*, market, year):
    """Every occurrence of that market and year, computed first if that year was never filled."""
    check_year(year)
    queryset = Occurrence.objects.filter(market=market, year=year).select_related("occasion", "market")
    if not queryset.exists():
        materialize([year], markets=[market])
    return queryset.order_by("starts_on", "occasion__slug")


def in_window(*, first_day, last_day, markets=None):
    """Occurrences overlapping [first_day, last_day]: one indexed query for month views and scheduling."""
    queryset = Occurrence.objects.filter(starts_on__lte=last_day, ends_on__gte=first_day).select_related("occasion", "market")
    if markets is not None:
        queryset = queryset.filter(market__in=markets)
    return queryset.order_by("starts_on", "occasion__slug")


@transaction.atomic
def confirm(*, occurrence, user, starts_on, ends_on=None):
    """Someone confirms the date (moon sighted, sale days announced): it wins over the rule."""
    if isinstance(starts_on, date):
        validate_calendar_date(starts_on)  # before a far date overflows the sum below
    ends_on = ends_on or starts_on + (occurrence.ends_on - occurrence.starts_on)
    if not isinstance(starts_on, date) or ends_on < starts_on:
        raise CalendarError(_("A confirmed occurrence needs a start date, and an end on or after it."))
    occurrence.starts_on, occurrence.ends_on = starts_on, ends_on
    occurrence.estimated = False
    occurrence.source = _("confirmed by %(user)s") % {"user": user.get_username()}
    occurrence.confirmed_by, occurrence.confirmed_at = user, timezone.now()
    occurrence.full_clean()
    occurrence.save()
    return occurrence


def upcoming_years(today=None, count=10):
    today = today or timezone.localdate()
    return range(today.year, today.year + count)
