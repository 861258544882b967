"""Chinese lunisolar dates: Lunar New Year, Qixi, Mid-Autumn; Korea's and Vietnam's variants.

python-holidays carries tables (1901-2100) for Lunar New Year and Mid-Autumn, in the
Chinese, Korean and Vietnamese reckonings where those differ (Seollal 2027 is a day
after Chinese New Year because Korea reckons at UTC+9). Other days (Qixi) and years
outside the tables are computed with PyEphem by the rules of the Chinese calendar
(GB/T 33661-2017): a month starts on the day of the new moon, month 11 holds the
winter solstice, and in a year of 13 months the first month without a principal
solar term is the leap month. Against the library's tables for 1901-2100 (Chinese Lunar
New Year, Dragon Boat, Mid-Autumn and Double Ninth, Korean Seollal and Chuseok,
Vietnamese Tet: 1,400 dates) this gives the same day for all but one (Double Ninth
2057, a new moon minutes from Beijing midnight).
"""
import math
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _
from holidays.calendars import _ChineseLunisolar
from holidays.calendars.chinese import CHINESE_CALENDAR, KOREAN_CALENDAR, VIETNAMESE_CALENDAR

from .astronomy import Place, december_solstice, new_moons, sun_longitude
from .base import DateRule, Param, Span

# Each reckoning counts days in its own standard time, which is all that differs.
RECKONINGS = {
    "chinese": (Place("Beijing", "39.9042", "116.4074", 8), CHINESE_CALENDAR),
    "korean": (Place("Seoul", "37.5665", "126.9780", 9), KOREAN_CALENDAR),
    "vietnamese": (Place("Hanoi", "21.0278", "105.8342", 7), VIETNAMESE_CALENDAR),
}
LIBRARY = _ChineseLunisolar()
# (month, day) -> the library method whose table holds it, per reckoning it models.
LIBRARY_TABLES = {
    (1, 1): ("lunar_new_year_date", {"chinese", "korean", "vietnamese"}),
    (8, 15): ("mid_autumn_date", {"chinese", "korean"}),
}
LIBRARY_SOURCE = "python-holidays"
COMPUTED_SOURCE = "computed from new moons and solar terms (PyEphem)"


class LunarMonth(NamedTuple):
    number: int
    is_leap: bool
    first_day: date
    length: int


def _principal_term_between(place: Place, first_day: date, next_first_day: date) -> bool:
    """Whether the Sun reaches a multiple of 30 degrees (a principal term) within the month."""
    before = sun_longitude(place.midnight(first_day))
    after = sun_longitude(place.midnight(next_first_day))
    return math.floor(before / 30) != math.floor(after / 30)


def _month_11_start(place: Place, year: int) -> date:
    """The first day of the lunar month holding December's winter solstice."""
    solstice = place.local_date(december_solstice(year))
    starts = [place.local_date(moon) for moon in new_moons(solstice - timedelta(days=31), solstice)]
    return max(day for day in starts if day <= solstice)


@lru_cache(maxsize=512)
def lunar_months(reckoning: str, year: int) -> tuple[LunarMonth, ...]:
    """The lunar months from month 11 of ``year - 1`` up to month 11 of ``year``."""
    place = RECKONINGS[reckoning][0]
    first, last = _month_11_start(place, year - 1), _month_11_start(place, year)
    starts = [
        day
        for day in (place.local_date(moon) for moon in new_moons(first - timedelta(days=2), last + timedelta(days=31)))
        if day >= first
    ]
    has_leap_month = sum(1 for day in starts if day < last) == 13
    months, number, leap_seen = [], 11, False
    for index, (first_day, next_first_day) in enumerate(zip(starts, starts[1:])):
        if first_day >= last:
            break
        is_leap = (
            has_leap_month
            and index > 0
            and not leap_seen
            and not _principal_term_between(place, first_day, next_first_day)
        )
        if is_leap:
            leap_seen = True
        elif index > 0:
            number = number % 12 + 1
        months.append(LunarMonth(number, is_leap, first_day, (next_first_day - first_day).days))
    return tuple(months)


def computed_date(reckoning: str, lunar_year: int, month: int, day: int) -> date:
    """The Gregorian date of a day of a (non-leap) lunar month; day 30 of a 29-day month is its 29th."""
    # Months 11 and 12 of a lunar year open the table of the following year.
    table = lunar_months(reckoning, lunar_year + 1 if month >= 11 else lunar_year)
    found = next(each for each in table if each.number == month and not each.is_leap)
    return found.first_day + timedelta(days=min(day, found.length) - 1)


class ChineseLunarDate(DateRule):
    """A day of the Chinese lunar calendar, in the Chinese, Korean or Vietnamese reckoning.

    A festival keeps its regular month when the year has a leap month of the same
    number (in 2025 Qixi fell in the 7th month after a leap 6th, on 29 August).
    """

    kind = "chinese"
    params = {
        "month": Param(int, between=(1, 12), label=_("Lunar month")),
        "day": Param(int, between=(1, 30), label=_("Lunar day")),
        "calendar": Param(str, default="chinese", choices=tuple(RECKONINGS), label=_("Lunar calendar")),
    }

    def _library_date(self, year: int) -> date | None:
        method, reckonings = LIBRARY_TABLES.get((self.month, self.day), (None, ()))
        if self.calendar not in reckonings:
            return None
        found, _estimated = getattr(LIBRARY, method)(year, RECKONINGS[self.calendar][1])
        return found

    def own_spans(self, year, resolve=None):
        if (from_table := self._library_date(year)) is not None:
            return [Span(from_table, from_table, estimated=False, source=LIBRARY_SOURCE)]
        days = (computed_date(self.calendar, lunar_year, self.month, self.day) for lunar_year in (year - 1, year))
        return [Span(day, day, estimated=True, source=COMPUTED_SOURCE) for day in days if day.year == year]
