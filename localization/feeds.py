"""Each person's milestones as an iCalendar feed at a secret address they can replace.

Calendar clients cannot log in, so the address is the key: a random token, of which only a SHA-256
digest is kept. Making a new address replaces the digest, so the old address stops working at once;
turning the feed off removes it. The events are the person's reminders (kickoff, copy due, review due,
export due, go-live per campaign and market), as ``board.milestones_of`` reads them.
"""
import hashlib
import re
import secrets
from datetime import timedelta
from urllib.parse import urlparse

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from calendars.names import translated, translation_language
from calendars.rows import skipped_if_broken

from . import board, notifications, scheduling
from .models import Milestone, UserPreference

# 32 random bytes, URL-safe base64: 43 characters. The URL pattern accepts what this makes.
TOKEN_BYTES = 32
TOKEN_PATTERN = r"[A-Za-z0-9_-]{43}"
# The feed lists a year back (what ran) and everything ahead.
YEARS_BACK = timedelta(days=366)


def _digest(token):
    return hashlib.sha256(token.encode("ascii")).hexdigest()


@transaction.atomic
def new_calendar_address(*, user):
    """Give the person a new secret feed address, which replaces (and so revokes) the one they had.
    Returns the token: shown to them once, never kept."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    preference, _created = UserPreference.objects.select_for_update().get_or_create(user=user)
    preference.calendar_token_digest = _digest(token)
    preference.calendar_address_made_at = timezone.now()
    preference.save(update_fields=["calendar_token_digest", "calendar_address_made_at"])
    return token


def turn_off_calendar(*, user):
    """The person's feed address stops working and no new one is made. Returns whether there was one."""
    return bool(
        UserPreference.objects.filter(user=user, calendar_token_digest__isnull=False).update(
            calendar_token_digest=None, calendar_address_made_at=None
        )
    )


def address_made_at(user):
    """When the person's current feed address was made, or None when they have none."""
    return UserPreference.objects.filter(user=user).values_list("calendar_address_made_at", flat=True).first()


def user_for_token(token):
    """The active person whose feed address holds this token, else None (unknown, replaced or turned off).
    Looked up by its digest: the token itself is compared nowhere."""
    if not isinstance(token, str) or not re.fullmatch(TOKEN_PATTERN, token):
        return None
    preference = (
        UserPreference.objects.filter(calendar_token_digest=_digest(token), user__is_active=True).select_related("user").first()
    )
    return preference.user if preference else None


def feed_url(token):
    """The absolute address a calendar client subscribes to."""
    return settings.SITE_URL + reverse("localization:user_feed", args=[token])


def _uid(due, user):
    """Stable for the same milestone of the same person, whatever else changes (its date, the wording)."""
    host = urlparse(settings.SITE_URL).hostname or "glocal.localhost"
    return f"milestone-{due.reminder.campaign_id}-{due.market.code}-{due.reminder.milestone}-{user.pk}@{host}"


def _what_to_do(due, market, occasion):
    """The e-mail's sentence of what the milestone asks (``notifications.WHAT_TO_DO``), in the active language."""
    try:
        dates = scheduling.milestone_dates(campaign_market=due.campaign_market, starts_on=due.campaign_market.occasion_starts_on)
    except scheduling.SchedulingError:
        dates = {}
    words = {
        "campaign": due.campaign.name, "market": market, "occasion": occasion, "due": _date(due.due_on),
        "occasion_date": _date(due.occurrence.starts_on), "copy_due": _date(dates.get(Milestone.COPY_DUE)),
        "review_due": _date(dates.get(Milestone.REVIEW_DUE)), "moved_from": "",
    }
    return notifications.WHAT_TO_DO[due.milestone] % words


def _date(day):
    return formats.date_format(day, "DATE_FORMAT") if day else ""


def _event(due, user, language):
    event = Event()
    event.add("uid", _uid(due, user))
    # DTSTAMP is required; the reminder's creation keeps the same data giving the same bytes.
    event.add("dtstamp", due.reminder.created_at.replace(microsecond=0))
    event.add("dtstart", due.due_on)
    event.add("dtend", due.due_on + timedelta(days=1))  # all-day events end the day after
    market = translated(due.market, "name", language) or due.market.name
    occasion = f"{due.occasion} ({due.occasion_local})" if due.occasion_local else due.occasion
    event.add("summary", _("%(milestone)s: %(campaign)s in %(market)s") % {
        "milestone": due.label, "campaign": due.campaign.name, "market": market,
    })
    url = settings.SITE_URL + due.url
    lines = [
        _what_to_do(due, market, occasion),
        _("%(occasion)s in %(market)s starts on %(date)s.") % {"occasion": occasion, "market": market, "date": _date(due.occurrence.starts_on)},
        _("Met: the copy has got past this milestone.") if due.met else "",
        url,
    ]
    event.add("description", "\n\n".join(line for line in lines if line))
    event.add("url", url)
    event.add("transp", "TRANSPARENT")  # a deadline does not make the subscriber busy
    return event


def user_feed(user, *, today=None):
    """The iCalendar file (bytes) of the person's milestones from a year back onwards, in the language
    they chose for their reminders. The same data gives the same bytes. A fixed number of queries."""
    today = today or timezone.localdate()
    reader = notifications.reader_language(user)
    with translation.override(reader):
        language = translation_language(reader)
        calendar = Calendar()
        calendar.add("prodid", "-//Glocal//Milestones//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", _("Glocal · milestones of %(user)s") % {"user": user.get_username()})
        calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT6H")
        found = board.milestones_of(user, today=today, first_day=today - YEARS_BACK, language=language)
        order = {name: index for index, name in enumerate(board.MILESTONE_NAMES)}
        problems = []
        for due in sorted(found, key=lambda due: (due.due_on, due.reminder.campaign_id, due.market.code, order[due.reminder.milestone])):
            with skipped_if_broken(problems, due.reminder, where="personal feed"):  # one bad row never empties the feed
                calendar.add_component(_event(due, user, language))
        return calendar.to_ical()

