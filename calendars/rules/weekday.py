"""The n-th weekday of a month: Mother's Day, Thanksgiving and so Black Friday."""
from calendar import monthrange
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from .base import DateRule, Param, RuleError, Span, moved_into_year, offset_param
from .easter import easter_sunday

LAST = -1


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date | None:
    """The n-th ``weekday`` (0 = Monday) of the month, n = -1 for the last; None if there is no 5th."""
    if n == LAST:
        last_day = date(year, month, monthrange(year, month)[1])
        return last_day - timedelta(days=(last_day.weekday() - weekday) % 7)
    first = date(year, month, 1) + timedelta(days=(weekday - date(year, month, 1).weekday()) % 7)
    found = first + timedelta(weeks=n - 1)
    return found if found.month == month else None


def _check_n(n):
    if n == 0 or not -1 <= n <= 5:
        raise RuleError(
            _("Occurrence %(n)s does not exist; use 1 to 5, or -1 for the last in the month."),
            code="out_of_range",
            params={"n": n},
        )


class NthWeekday(DateRule):
    """The n-th weekday of a month plus ``offset_days``.

    ``unless_easter_offset`` with ``instead`` moves the date when it would fall on a
    day of the Easter cycle. France's Mother's Day is the last Sunday of May unless
    that is Pentecost (Easter + 49), then the first Sunday of June::

        {"kind": "nth_weekday", "month": 5, "weekday": 6, "n": -1,
         "unless_easter_offset": 49, "instead": {"month": 6, "n": 1}}

    ``instead`` keeps the weekday and the offset. A 5th weekday that a month lacks
    gives no date that year.
    """

    kind = "nth_weekday"
    params = {
        "month": Param(int, between=(1, 12), label=_("Month")),
        "weekday": Param(
            int,
            between=(0, 6),
            out_of_range=_("Weekday %(value)s does not exist; use 0 (Monday) to 6 (Sunday)."),
        ),
        "n": Param(int),
        "offset_days": offset_param(),
        "unless_easter_offset": Param(int, default=None, between=(-63, 63), label=_("Easter offset")),
        "instead": Param(dict, default=None),
    }

    def clean(self):
        _check_n(self.n)
        if (self.unless_easter_offset is None) != (self.instead is None):
            raise RuleError(
                _("'unless_easter_offset' and 'instead' go together; give both or neither."),
                code="incomplete_exception",
            )
        if self.instead is not None:
            if set(self.instead) != {"month", "n"}:
                raise RuleError(
                    _("'instead' takes exactly 'month' and 'n', such as {\"month\": 6, \"n\": 1}."),
                    code="bad_instead",
                )
            Param(int, between=(1, 12), label=_("Month")).clean(self.kind, "instead.month", self.instead["month"])
            Param(int).clean(self.kind, "instead.n", self.instead["n"])
            _check_n(self.instead["n"])

    def _day(self, year):
        day = nth_weekday(year, self.month, self.weekday, self.n)
        if self.unless_easter_offset is not None and day is not None:
            if day == easter_sunday(year) + timedelta(days=self.unless_easter_offset):
                day = nth_weekday(year, self.instead["month"], self.weekday, self.instead["n"])
        return day

    def own_spans(self, year, resolve=None):
        days = moved_into_year(year, self.offset_days, self._day)
        return [Span(day, day, estimated=False, source="weekday rule") for day in days]
