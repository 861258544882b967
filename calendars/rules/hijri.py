"""Islamic (Hijri) dates on Saudi Arabia's Umm al-Qura calendar: Ramadan and the two Eids.

Inside the published table (1343-1500 AH, 1924-2077 CE) dates come from hijridate.
Outside it, a month starts by the Umm al-Qura rule applied with PyEphem: if on the
day of the conjunction it comes before sunset at Mecca and the Moon sets after the
Sun, the next day is the 1st; otherwise the day after that. Against the table for
1420-1500 AH (since the rule took this form) that gives the same first day in 967 of
972 months (99.5%); the misses are a day off, in months where the Moon sets within
minutes of the Sun.

Every Hijri date is estimated: most countries start Ramadan and the Eids on a moon
sighting, which can move them a day from the table. People confirm them per market.
"""
from datetime import date, datetime, timedelta
from functools import lru_cache

from django.utils.translation import gettext_lazy as _
from hijridate import Hijri
from hijridate.ummalqura import HIJRI_RANGE

from .astronomy import MECCA, new_moon_near
from .base import DateRule, Param, RuleError, Span

TABLE_YEARS = (HIJRI_RANGE[0][0], HIJRI_RANGE[1][0])
MEAN_LUNATION_DAYS = 29.530588853
TABLE_SOURCE = "hijridate Umm al-Qura"
COMPUTED_SOURCE = "computed from new moons (PyEphem), Umm al-Qura rule"


def _in_table(year: int) -> bool:
    return TABLE_YEARS[0] <= year <= TABLE_YEARS[1]


@lru_cache(maxsize=4096)
def _computed_month_start(year: int, month: int) -> date:
    anchor_year = min(max(year, TABLE_YEARS[0]), TABLE_YEARS[1])
    anchor = month_start(anchor_year, 1)
    lunations = (year - anchor_year) * 12 + month - 1
    # A month's 1st follows its conjunction by about a day.
    guess = datetime(anchor.year, anchor.month, anchor.day) + timedelta(days=lunations * MEAN_LUNATION_DAYS - 1)
    conjunction = new_moon_near(guess)
    conjunction_day = MECCA.local_date(conjunction)
    sunset = MECCA.sunset(conjunction_day)
    if conjunction < sunset < MECCA.moonset_nearest(sunset):
        return conjunction_day + timedelta(days=1)
    return conjunction_day + timedelta(days=2)


@lru_cache(maxsize=4096)
def month_start(year: int, month: int) -> date:
    """The Gregorian date of the 1st of a Hijri month."""
    if _in_table(year):
        return date(*Hijri(year, month, 1).to_gregorian().datetuple())
    return _computed_month_start(year, month)


def month_length(year: int, month: int) -> int:
    """29 or 30 days."""
    if _in_table(year):
        return Hijri(year, month, 1).month_length()
    following = (year, month + 1) if month < 12 else (year + 1, 1)
    return (month_start(*following) - month_start(year, month)).days


class HijriDate(DateRule):
    """A day of a Hijri month (10 Dhu al-Hijjah), or the whole month (Ramadan).

    A Hijri year is 11 days shorter than a Gregorian one, so one Gregorian year can
    hold a Hijri date twice (Ramadan began on 5 January and 26 December 2030; Eid
    al-Fitr falls on 2 January and 23 December 2033). ``span()`` gives the first,
    ``spans()`` both. A day 30 in a 29-day month falls on the 29th, the last day.
    """

    kind = "hijri"
    params = {
        "month": Param(int, between=(1, 12), label=_("Hijri month")),
        "day": Param(int, default=1, between=(1, 30), label=_("Hijri day")),
        "whole_month": Param(bool, default=False),
    }

    def clean(self):
        if self.whole_month and self.day != 1:
            raise RuleError(
                _("A whole-month Hijri rule starts on the 1st; remove 'day' or set it to 1."),
                code="whole_month_day",
            )

    @property
    def knows_own_length(self):
        return self.whole_month

    def _span_in(self, hijri_year: int) -> Span:
        start = month_start(hijri_year, self.month)
        length = month_length(hijri_year, self.month)
        source = TABLE_SOURCE if _in_table(hijri_year) else COMPUTED_SOURCE
        if self.whole_month:
            return Span(start, start + timedelta(days=length - 1), estimated=True, source=source)
        day = start + timedelta(days=min(self.day, length) - 1)
        return Span(day, day, estimated=True, source=source)

    def own_spans(self, year, resolve=None):
        # The Hijri year in progress on 1 January, and the two after it, cover every
        # date that can start in this Gregorian year.
        first = round((year - 622) * 365.2425 / 354.367)
        candidates = (self._span_in(hijri_year) for hijri_year in range(first - 1, first + 3))
        return [span for span in candidates if span.starts_on.year == year]
