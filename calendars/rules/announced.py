"""Dates someone announces each year: El Buen Fin, a retailer's sale, a moon-sighted Eid."""
from datetime import date

from django.utils.translation import gettext_lazy as _

from .base import DateRule, Param, RuleError, Span


def _parse(key, value) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise RuleError(
            _("%(value)r for %(year)s is not a date; write it as YYYY-MM-DD, such as %(year)s-11-26."),
            code="bad_date",
            params={"value": value, "year": key},
        ) from None


class AnnouncedDates(DateRule):
    """Start and end dates entered per year: ``{"dates": {"2027": ["2027-11-26", "2027-11-29"]}}``.

    A year without an entry has no date yet (``span()`` gives None). The start must
    lie in the year it is filed under; the end may run into the next year.
    """

    kind = "announced"
    params = {"dates": Param(dict, default={})}

    @property
    def knows_own_length(self):
        return True

    def clean(self):
        parsed = {}
        for key, value in self.dates.items():
            if not (isinstance(key, str) and len(key) == 4 and key.isdigit()):
                raise RuleError(
                    _("Announced dates are filed under a year such as \"2027\"; got %(key)r."),
                    code="bad_year",
                    params={"key": key},
                )
            if not (isinstance(value, list) and len(value) == 2):
                raise RuleError(
                    _("Dates for %(year)s must be [start, end], such as [\"%(year)s-11-26\", \"%(year)s-11-29\"]."),
                    code="bad_range",
                    params={"year": key},
                )
            starts_on, ends_on = (_parse(key, each) for each in value)
            if starts_on.year != int(key):
                raise RuleError(
                    _("%(start)s is filed under %(year)s; file it under %(actual)s or fix the date."),
                    code="wrong_year",
                    params={"start": starts_on.isoformat(), "year": key, "actual": starts_on.year},
                )
            if ends_on < starts_on:
                raise RuleError(
                    _("For %(year)s the end %(end)s comes before the start %(start)s; swap them."),
                    code="end_before_start",
                    params={"year": key, "start": starts_on.isoformat(), "end": ends_on.isoformat()},
                )
            parsed[int(key)] = (starts_on, ends_on)
        self.announced = parsed

    def to_params(self):
        return {"dates": {str(year): [start.isoformat(), end.isoformat()] for year, (start, end) in sorted(self.announced.items())}}

    def own_spans(self, year, resolve=None):
        if year not in self.announced:
            return []
        starts_on, ends_on = self.announced[year]
        return [Span(starts_on, ends_on, estimated=False, source="announced")]
