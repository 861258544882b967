"""Each market's own day: today in the market's time zone, and days as people type them."""
import re
import zoneinfo
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from .milestones import SchedulingError


def parse_day(text):
    """'2027-05-13' -> date(2027, 5, 13); None stays None (each market's own day); else a SchedulingError saying how to write it."""
    if text is None:
        return None
    cleaned = text.strip()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", cleaned):
        try:
            return date.fromisoformat(cleaned)
        except ValueError:  # 2027-13-40
            pass
    raise SchedulingError(_("'%(text)s' is not a date; write it as YYYY-MM-DD, such as 2027-05-13.") % {"text": text})


class Clock:
    """Today in each market: the given day everywhere, or each market's own date at ``now``."""

    def __init__(self, *, today=None, now=None):
        self.today = today
        self.now = now or timezone.now()

    def today_in(self, market):
        if self.today is not None:
            return self.today
        try:
            zone = zoneinfo.ZoneInfo(market.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
            raise SchedulingError(
                _("Market %(market)s has the time zone '%(zone)s', which is not an IANA time zone; correct it on the market's "
                  "page, with a name such as America/Sao_Paulo.") % {"market": market.code, "zone": market.time_zone}
            ) from None
        return self.now.astimezone(zone).date()

    def todays(self, markets):
        """({market id: today there}, [problems]): a market whose day is unknown is left out and named."""
        found, problems = {}, []
        for market in markets:
            try:
                found[market.pk] = self.today_in(market)
            except SchedulingError as error:
                problems.append(" ".join(error.messages))
        return found, problems
