"""A market's occasions as an iCalendar feed, to subscribe to in Google Calendar or Outlook."""
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from . import occurrences
from .names import OccasionNames
from .rows import skipped_if_broken

# Last year (for looking back at what ran) to two years ahead (for planning).
YEARS_BEFORE, YEARS_AFTER = 1, 2


def _event(occurrence, names):
    event = Event()
    event.add("uid", f"{occurrence.occasion.slug}-{occurrence.market.code}-{occurrence.year}-{occurrence.nth}@glocal")
    # DTSTAMP is required. A computed date has no revision time of its own; a fixed one keeps
    # the feed byte-identical for the same data, so clients see no phantom changes.
    event.add("dtstamp", occurrence.confirmed_at or datetime(occurrence.year, 1, 1, tzinfo=UTC))
    event.add("dtstart", occurrence.starts_on)
    event.add("dtend", occurrence.ends_on + timedelta(days=1))  # all-day events end the day after
    local_name, english_name, notes = names.local(occurrence), names.english(occurrence), names.notes(occurrence)
    event.add("summary", local_name)
    description = [english_name] if english_name != local_name else []
    if notes:
        description.append(notes)
    if occurrence.estimated:
        description.append(
            _("Estimated date: it depends on moon sighting or is computed, and may move by a day until it is announced.")
        )
    if description:
        event.add("description", "\n\n".join(description))
    event.add("transp", "TRANSPARENT")  # a holiday in a market does not make the subscriber busy
    return event


def market_feed(market, *, today=None):
    """The iCalendar file (bytes) of the market's occurrences from last year to two years ahead.

    Years never dated are materialized first. The same data gives the same bytes.
    """
    today = today or timezone.localdate()
    names = OccasionNames(market)
    calendar = Calendar()
    calendar.add("prodid", "-//Glocal//Market occasions//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Glocal · %(market)s occasions") % {"market": market.name})
    calendar.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")
    problems = []
    for year in range(today.year - YEARS_BEFORE, today.year + YEARS_AFTER + 1):
        for occurrence in occurrences.occurrences_for(market=market, year=year):
            with skipped_if_broken(problems, occurrence, where="market feed"):  # one bad date never empties the feed
                calendar.add_component(_event(occurrence, names))
    return calendar.to_ical()
