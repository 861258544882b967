"""The next 60 days per market: each market's occasions and the campaigns' launch windows as bars."""
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from calendars import occurrences
from calendars.models import Market, Observance, Occasion
from calendars.names import OccasionNames, local_beside, market_label, reader_language, translation_language

from .. import access, scheduling
from .links import change_url

# The board looks this many days ahead, today included.
HORIZON_DAYS = 60
# A bar shorter than this many days has its name beside it; about two characters fit in a day's column.
SHORT_BAR_DAYS = 6
CHARACTERS_PER_DAY = 2


def _day(value):
    """A short date in the reader's language: "May 13" / "5月13日"."""
    return formats.date_format(value, "MONTH_DAY_FORMAT") if value else ""


@dataclass(frozen=True)
class Bar:
    """Something on a market's row of the timeline: an occasion, or a campaign's launch window."""

    label: str
    starts_on: date
    ends_on: date
    kind: str  # an occasion's kind (religious, cultural, commercial, civic), or "campaign"
    url: str
    title: str
    local_label: str = ""
    estimated: bool = False
    column: int = 0
    span: int = 0
    lane: int = 0
    continues_before: bool = False
    continues_after: bool = False

    @property
    def labelled_beside(self):
        """Too short to hold its name: the name is written after it, in room kept free on its lane."""
        return self.span < SHORT_BAR_DAYS


@dataclass
class TimelineRow:
    market: Market
    label: str
    bars: list
    lanes: int


@dataclass(frozen=True)
class TimelineDay:
    date: date
    column: int
    is_today: bool
    starts_week: bool
    starts_month: bool


@dataclass
class Timeline:
    first_day: date
    last_day: date
    days: list
    rows: list
    quiet_markets: int  # shown markets with nothing in these days (managers' rows leave them out)
    windows: list = field(default_factory=list)  # scheduling.LaunchWindow, for the campaigns below

    @property
    def months(self):
        """[(first day, column, span)] of each month the days touch: the header's month names."""
        found = []
        for day in self.days:
            if day.column == 1 or day.starts_month:
                found.append([day.date, day.column, 0])
            found[-1][2] += 1
        return [tuple(month) for month in found]


class _Names(OccasionNames):
    """A market's names for its occasions (``calendars.names.OccasionNames``) from observances read for
    every market of the board at once."""

    def __init__(self, market, observances):  # super().__init__ would read the market's observances itself
        self.language = translation_language(market.primary_locale)
        self.observances = observances


def _names_of(markets, dated):
    """{market id: its names for its occasions} for the occurrences shown (of these markets), in one query."""
    observances = {}
    if dated:
        for observance in Observance.objects.filter(
            occasion_id__in={occurrence.occasion_id for occurrence in dated}, market_id__in={occurrence.market_id for occurrence in dated}
        ):
            observances.setdefault(observance.market_id, {})[observance.occasion_id] = observance
    return {market.pk: _Names(market, observances.get(market.pk, {})) for market in markets}


def _date_span(starts_on, ends_on):
    if starts_on == ends_on:
        return formats.date_format(starts_on)
    return f"{formats.date_format(starts_on)} – {formats.date_format(ends_on)}"


def _place(bars, first_day, last_day):
    """Each bar's columns (1 = first_day) and the first lane of the row where it fits."""
    placed, lane_free_from = [], []
    for bar in sorted(bars, key=lambda bar: (bar.starts_on, bar.starts_on - bar.ends_on, bar.kind != "campaign", bar.label)):
        starts_on, ends_on = max(bar.starts_on, first_day), min(bar.ends_on, last_day)
        column, span = (starts_on - first_day).days + 1, (ends_on - starts_on).days + 1
        lane = next((index for index, free in enumerate(lane_free_from) if free <= column), len(lane_free_from))
        if lane == len(lane_free_from):
            lane_free_from.append(0)
        name = len(bar.label) + (len(bar.local_label) + 3 if bar.local_label else 0)
        lane_free_from[lane] = column + (span if span >= SHORT_BAR_DAYS else span + 1 + -(-name // CHARACTERS_PER_DAY))
        placed.append(
            Bar(**{**bar.__dict__, "column": column, "span": span, "lane": lane + 1,
                   "continues_before": bar.starts_on < first_day, "continues_after": bar.ends_on > last_day})
        )
    return placed, len(lane_free_from)


def coming_days(user, *, today, days=HORIZON_DAYS, language=None, problems=None):
    """The next ``days`` days per market the person sees: each market's occasions and campaign launch windows
    (from the launch day to the occasion's last day) as bars. A person's own markets always have a row; a
    manager's list leaves out the markets with nothing on. Six queries."""
    language = language or reader_language()
    first_day, last_day = today, today + timedelta(days=days - 1)
    manager = access.is_manager(user)
    markets = list(access.visible_markets(user).order_by("code"))
    calendar_days = [
        TimelineDay(day, column, day == today, day.weekday() == 0, day.day == 1)
        for column, day in enumerate((first_day + timedelta(days=offset) for offset in range(days)), start=1)
    ]
    timeline = Timeline(first_day, last_day, calendar_days, [], 0)
    if not markets:
        return timeline
    in_scope = None if manager else markets
    dated = list(occurrences.in_window(first_day=first_day, last_day=last_day, markets=in_scope))
    timeline.windows = scheduling.launch_windows(first_day=first_day, last_day=last_day, markets=in_scope, problems=problems)
    # The windows' occurrences may start past the last day; their occasions are read once for all of them.
    occasions = Occasion.objects.in_bulk({window.occurrence.occasion_id for window in timeline.windows})
    for window in timeline.windows:
        window.occurrence.occasion = occasions[window.occurrence.occasion_id]
    names = _names_of(markets, [*dated, *(window.occurrence for window in timeline.windows)])
    bars = {}
    for occurrence in dated:
        market_names = names[occurrence.market_id]
        name = market_names.for_reader(occurrence, language)
        beside = local_beside(name, market_names.local(occurrence))
        title = [name, beside, _date_span(occurrence.starts_on, occurrence.ends_on)]
        if occurrence.estimated:
            title.append(_("estimated: may move by a day"))
        bars.setdefault(occurrence.market_id, []).append(Bar(
            label=name, local_label=beside, starts_on=occurrence.starts_on, ends_on=occurrence.ends_on, kind=occurrence.occasion.kind,
            url=reverse("admin:calendars_occurrence_change", args=[occurrence.pk]), title=" · ".join(p for p in title if p),
            estimated=occurrence.estimated,
        ))
    for window in timeline.windows:
        offer = window.campaign_market
        title = _("%(campaign)s: launch day %(launch)s; %(occasion)s %(dates)s") % {
            "campaign": window.campaign.name, "launch": _day(window.launch_on),
            "occasion": names[offer.market_id].for_reader(window.occurrence, language),
            "dates": _date_span(window.starts_on, window.ends_on),
        }
        bars.setdefault(offer.market_id, []).append(Bar(
            label=window.campaign.name, starts_on=window.launch_on, ends_on=window.ends_on, kind="campaign",
            url=change_url("campaign", window.campaign.pk), title=title,
        ))
    for market in markets:
        mine = bars.get(market.pk, [])
        if not mine and manager:
            timeline.quiet_markets += 1
            continue
        placed, lanes = _place(mine, first_day, last_day)
        timeline.rows.append(TimelineRow(market, market_label(market, language), placed, max(lanes, 1)))
    return timeline
