"""Days counted from Easter Sunday: Carnival (-47), Mothering Sunday (-21), Ascension (+39)."""
from functools import lru_cache

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter
from django.utils.translation import gettext_lazy as _

from .base import DateRule, Param, Span, moved_into_year, offset_param

EASTER_METHODS = {"western": EASTER_WESTERN, "orthodox": EASTER_ORTHODOX}


@lru_cache(maxsize=1024)
def easter_sunday(year: int, method: str = "western"):
    """Easter Sunday as a Gregorian date; the Orthodox one follows the Julian computus."""
    return easter(year, EASTER_METHODS[method])


class EasterOffset(DateRule):
    """Easter Sunday plus ``offset_days``, Western (Gregorian) or Orthodox."""

    kind = "easter"
    params = {
        "offset_days": offset_param(),
        "method": Param(str, default="western", choices=tuple(EASTER_METHODS), label=_("Easter method")),
    }

    def own_spans(self, year, resolve=None):
        days = moved_into_year(year, self.offset_days, lambda y: easter_sunday(y, self.method))
        source = "Easter Sunday" if self.method == "western" else "Orthodox Easter Sunday"
        if self.offset_days:
            source = f"{source} {self.offset_days:+d} days"
        return [Span(day, day, estimated=False, source=source) for day in days]
