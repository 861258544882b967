"""Days counted from another occasion: Cyber Monday is Black Friday + 3."""
import re
from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from .base import DateRule, Param, RuleError, Span, offset_param

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class RelativeToOccasion(DateRule):
    """Another occasion's start plus ``offset_days``.

    ``span()`` needs ``resolve(slug, year) -> Span | None`` to learn the other
    occasion's span (for the same market). The result is as estimated as the other
    occasion. Cycles (a -> b -> a) are the caller's to detect: the rule knows only
    its own slug, so the code that resolves occasions must track what it is resolving.
    """

    kind = "relative"
    params = {"occasion": Param(str), "offset_days": offset_param()}

    def clean(self):
        if not SLUG.match(self.occasion):
            raise RuleError(
                _("'%(occasion)s' is not an occasion slug; write it like black-friday."),
                code="bad_slug",
                params={"occasion": self.occasion},
            )

    def own_spans(self, year, resolve=None):
        if resolve is None:
            raise ValueError(f"A relative rule needs resolve(slug, year) to find '{self.occasion}'.")
        step = timedelta(days=self.offset_days)
        found = []
        # The offset can carry the other occasion across New Year.
        for other_year in (year - 1, year, year + 1):
            other = resolve(self.occasion, other_year)
            if other is not None and (other.starts_on + step).year == year:
                day = other.starts_on + step
                source = f"{other.source}; {self.occasion} {self.offset_days:+d} days"
                found.append(Span(day, day, estimated=other.estimated, source=source))
        return found
