"""Same month and day every year: Valentine's Day, Songkran, Christmas."""
from calendar import isleap, monthrange
from datetime import date

from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from .base import DateRule, Param, RuleError, Span


class FixedDate(DateRule):
    """A Gregorian month and day.

    29 February is allowed; in other years the occasion falls on 28 February, the
    last day of the month, so a leap-day sale still has a date every year (the same
    choice the lunar rules make for a day 30 in a 29-day month).
    """

    kind = "fixed"
    params = {
        "month": Param(int, between=(1, 12), label=_("Month")),
        "day": Param(int, between=(1, 31), label=_("Day")),
    }

    def clean(self):
        longest = monthrange(2000, self.month)[1]  # 2000 is a leap year: February has 29 days
        if self.day > longest:
            raise RuleError(
                _("%(month)s has no day %(day)s; use a day between 1 and %(longest)s."),
                code="no_such_day",
                params={"month": MONTHS[self.month], "day": self.day, "longest": longest},
            )

    def own_spans(self, year, resolve=None):
        day = 28 if (self.month, self.day) == (2, 29) and not isleap(year) else self.day
        on = date(year, self.month, day)
        return [Span(on, on, estimated=False, source="fixed date")]
