"""One market's month as a calendar grid: weeks of days, and the bars of what falls on them.

Occurrences come from this app; apps built on top (campaigns) add bars of their own through
``register_band_source``, and say which markets a person works on through
``register_user_markets``, since calendars never imports them.
"""
import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from . import occurrences
from .locales import parse_locale
from .names import OccasionNames, local_beside, reader_language
from .models import Market, Occurrence


@dataclass(frozen=True)
class Band:
    """Something that runs from one day to another, drawn as a bar: an occurrence, a launch window.

    ``label`` is in the reader's language, ``local_label`` (when it says something else) in the
    market's, shown beside it; ``kind`` picks its colour (an occasion kind such as
    ``religious``, or ``campaign``); ``title`` is shown on hover.
    """

    label: str
    starts_on: date
    ends_on: date
    url: str = ""
    kind: str = ""
    title: str = ""
    estimated: bool = False
    local_label: str = ""

    def covers(self, day):
        return self.starts_on <= day <= self.ends_on


# A band source takes (market, first_day, last_day) and returns the bands overlapping those days.
BandSource = Callable[[Market, date, date], Iterable[Band]]
_band_sources: list[BandSource] = []


def register_band_source(source: BandSource) -> BandSource:
    """Show another app's bands (campaign launch windows) on every month view; registering twice is harmless."""
    if source not in _band_sources:
        _band_sources.append(source)
    return source


# A user-markets provider takes a user and returns the codes of the markets they work on, the first to show first.
UserMarkets = Callable[[object], Iterable[str]]
_user_markets_providers: list[UserMarkets] = []


def register_user_markets(provider: UserMarkets) -> UserMarkets:
    """Say which markets a person works on (their assignments, kept by another app); registering twice is harmless."""
    if provider not in _user_markets_providers:
        _user_markets_providers.append(provider)
    return provider


def default_market(user, markets):
    """The market a person's month view opens on: the first they work on, else the first of ``markets``."""
    by_code = {market.code: market for market in markets}
    for provider in _user_markets_providers:
        for code in provider(user):
            if code in by_code:
                return by_code[code]
    return markets[0] if markets else None


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    is_weekend: bool
    bands: list[Band] = field(default_factory=list)


@dataclass
class Bar:
    """One band's piece within one week: its columns (1-7) and the row it is drawn in."""

    band: Band
    column: int
    span: int
    row: int
    continues_before: bool
    continues_after: bool


@dataclass
class Week:
    days: list[Day]
    bars: list[Bar]


@dataclass
class MonthGrid:
    market: Market
    first_day: date
    today: date
    weeks: list[Week]

    @property
    def month(self):
        return f"{self.first_day:%Y-%m}"

    @property
    def previous_month(self):
        """YYYY-MM of the month before, or "" before the calendar's first year."""
        before = self.first_day - timedelta(days=1)
        return f"{before:%Y-%m}" if before.year >= occurrences.FIRST_YEAR else ""

    @property
    def next_month(self):
        after = self.first_day + timedelta(days=32)
        return f"{after:%Y-%m}" if after.year <= occurrences.LAST_YEAR else ""

    @property
    def this_month(self):
        return f"{self.today:%Y-%m}"


def parse_month(text):
    """'2027-06' -> (2027, 6); CalendarError saying how to write it otherwise."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", (text or "").strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise occurrences.CalendarError(
            _("Month '%(text)s' is not a month; use YYYY-MM, such as 2027-06.") % {"text": text}
        )
    year = int(match[1])
    occurrences.check_year(year)
    return year, int(match[2])


def _weekend(market):
    locale = parse_locale(market.primary_locale)
    length = (locale.weekend_end - locale.weekend_start) % 7 + 1
    return {(locale.weekend_start + offset) % 7 for offset in range(length)}


def _ensure_dated(market, first_day, last_day):
    """Date the years the grid can show (an occurrence of the year before can run into January,
    a launch window of next year can open in December) that were never dated for this market."""
    years = range(max(first_day.year - 1, occurrences.FIRST_YEAR), min(last_day.year + 1, occurrences.LAST_YEAR) + 1)
    dated = set(Occurrence.objects.filter(market=market, year__in=years).order_by().values_list("year", flat=True).distinct())
    missing = [year for year in years if year not in dated]
    if missing:
        occurrences.materialize(missing, markets=[market])


def _date_range(starts_on, ends_on):
    if starts_on == ends_on:
        return formats.date_format(starts_on)
    return f"{formats.date_format(starts_on)} – {formats.date_format(ends_on)}"


def _occurrence_bands(market, first_day, last_day, language):
    """The market's occurrences overlapping the days, named in the reader's language with the market's name beside."""
    names = OccasionNames(market)
    bands = []
    for occurrence in occurrences.in_window(first_day=first_day, last_day=last_day, markets=[market]):
        name = names.for_reader(occurrence, language)
        beside = local_beside(name, names.local(occurrence))
        title = [name, beside, _date_range(occurrence.starts_on, occurrence.ends_on)]
        if occurrence.estimated:
            title.append(_("estimated: may move by a day"))
        bands.append(
            Band(
                label=name,
                local_label=beside,
                starts_on=occurrence.starts_on,
                ends_on=occurrence.ends_on,
                url=reverse("admin:calendars_occurrence_change", args=[occurrence.pk]),
                kind=occurrence.occasion.kind,
                title=" · ".join(part for part in title if part),
                estimated=occurrence.estimated,
            )
        )
    return bands


def _registered_bands(market, first_day, last_day):
    bands = []
    for source in _band_sources:
        for band in source(market, first_day, last_day):
            bands.append(replace(band, title=band.title or f"{band.label} · {_date_range(band.starts_on, band.ends_on)}"))
    return bands


def _lay_out(days, bands):
    """Bars of the bands in one week, each in the first row where it fits (rows start at 2, under the day numbers)."""
    first, last = days[0].date, days[-1].date
    bars, row_free_from = [], []  # per row, the first column (0-6) still free
    for band in bands:
        if band.ends_on < first or band.starts_on > last:
            continue
        starts_on, ends_on = max(band.starts_on, first), min(band.ends_on, last)
        column, span = (starts_on - first).days, (ends_on - starts_on).days + 1
        row = next((index for index, free_from in enumerate(row_free_from) if free_from <= column), len(row_free_from))
        if row == len(row_free_from):
            row_free_from.append(0)
        row_free_from[row] = column + span
        bars.append(Bar(band, column + 1, span, row + 2, band.starts_on < first, band.ends_on > last))
    return bars


def month_grid(*, market, year, month, today, language=None):
    """The weeks of the month (first day of the week as the market's locale has it), with their bands.

    Days of the neighbouring months fill the first and last weeks and show their bands too.
    Occasions are named in ``language`` (a translated-field language such as zh-hans; by
    default the active one), with the market's own name beside.
    """
    language = language or reader_language()
    occurrences.check_year(year)
    locale = parse_locale(market.primary_locale)
    dates = calendar.Calendar(firstweekday=locale.first_week_day).monthdatescalendar(year, month)
    first_day, last_day = dates[0][0], dates[-1][-1]
    _ensure_dated(market, first_day, last_day)
    bands = _occurrence_bands(market, first_day, last_day, language) + _registered_bands(market, first_day, last_day)
    # Earlier first, then longer first, so long spans keep the top rows.
    bands.sort(key=lambda band: (band.starts_on, band.starts_on - band.ends_on, band.label))
    weekend = _weekend(market)
    weeks = []
    for week_dates in dates:
        days = [
            Day(day, day.month == month, day == today, day.weekday() in weekend, [band for band in bands if band.covers(day)])
            for day in week_dates
        ]
        weeks.append(Week(days, _lay_out(days, bands)))
    return MonthGrid(market=market, first_day=date(year, month, 1), today=today, weeks=weeks)
