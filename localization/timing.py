"""A campaign's timing rules: its milestones in order, and what lead days and milestone days may be.

They sit below the models, which validate with them (``Campaign.clean``); the scheduler
(``scheduling``) dates the milestones of each market from them.
"""
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext

from calendars.models import MAX_LEAD_DAYS


class Milestone(models.TextChoices):
    """The moments of a campaign in a market, counted back from the occasion's start there (T)."""

    KICKOFF = "kickoff", gettext_lazy("Kickoff")
    COPY_DUE = "copy_due", gettext_lazy("Copy due")
    REVIEW_DUE = "review_due", gettext_lazy("Review due")
    EXPORT_DUE = "export_due", gettext_lazy("Export due")
    GO_LIVE = "go_live", gettext_lazy("Go-live")
    # Not a milestone: the one notice that the occasion's date moved (a moon sighting confirmed).
    DATE_CHANGED = "date_changed", gettext_lazy("Date changed")


# In the order they fall: kickoff is the launch day, the others are counted back from T.
MILESTONES = [Milestone.KICKOFF, Milestone.COPY_DUE, Milestone.REVIEW_DUE, Milestone.EXPORT_DUE, Milestone.GO_LIVE]
COUNTED_MILESTONES = MILESTONES[1:]


def milestone_problems(overrides, base):
    """What is wrong with milestone days (``overrides`` on top of ``base``), as sentences."""
    if not isinstance(overrides, dict):
        return [_('Give the milestones as days before the occasion, such as {"copy_due": 25, "review_due": 18}.')]
    problems, days = [], dict(base)
    for name, value in overrides.items():
        if name == Milestone.KICKOFF:
            problems.append(_("Kickoff is the launch day: change the lead days to move it."))
        elif name not in COUNTED_MILESTONES:
            problems.append(
                _("'%(name)s' is not a milestone; use %(known)s.") % {"name": name, "known": ", ".join(COUNTED_MILESTONES)}
            )
        elif isinstance(value, bool) or not isinstance(value, int):
            problems.append(
                _("%(milestone)s: give a whole number of days before the occasion, such as 21, not %(value)r.")
                % {"milestone": Milestone(name).label, "value": value}
            )
        elif value > MAX_LEAD_DAYS:
            problems.append(
                _("%(milestone)s %(days)s days before the occasion is more than a year ahead; give at most %(most)s days.")
                % {"milestone": Milestone(name).label, "days": value, "most": MAX_LEAD_DAYS}
            )
        elif value < 0 and name == Milestone.GO_LIVE:
            problems.append(
                ngettext(
                    "Go-live %(days)s day after the occasion starts would be too late; give 0 (the day it starts) or more days before it.",
                    "Go-live %(days)s days after the occasion starts would be too late; give 0 (the day it starts) or more days before it.",
                    -value,
                ) % {"days": -value}
            )
        elif value < 0:
            problems.append(
                ngettext(
                    "%(milestone)s %(days)s day after the occasion would come after go-live; give 0 or more days before the occasion.",
                    "%(milestone)s %(days)s days after the occasion would come after go-live; give 0 or more days before the occasion.",
                    -value,
                ) % {"milestone": Milestone(name).label, "days": -value}
            )
        else:
            days[name] = value
    if problems:
        return problems
    known = [name for name in COUNTED_MILESTONES if name in days]
    for earlier, later in zip(known, known[1:]):
        if days[later] > days[earlier]:
            problems.append(
                _(
                    "%(later)s (%(later_days)s days before the occasion) would come before %(earlier)s (%(earlier_days)s days "
                    "before); copy is written, then reviewed, then exported, then goes live. Give %(later)s at most %(earlier_days)s days."
                )
                % {"later": Milestone(later).label, "later_days": days[later], "earlier": Milestone(earlier).label,
                   "earlier_days": days[earlier]}
            )
    return problems


def default_milestone_days():
    """settings.GLOCAL_MILESTONE_DAYS, checked: every milestone after kickoff, in order, none after go-live."""
    configured = getattr(settings, "GLOCAL_MILESTONE_DAYS", None)
    problems = milestone_problems(configured, {})
    if not problems:
        missing = [name for name in COUNTED_MILESTONES if name not in configured]
        if missing:
            problems = [f"missing {', '.join(missing)}"]
    if problems:
        raise ImproperlyConfigured(f"GLOCAL_MILESTONE_DAYS: {' '.join(str(p) for p in problems)}")
    return dict(configured)


def timing_problems(*, lead_days=None, milestone_days=None):
    """Why these lead days or milestone overrides are refused: {field: [sentences]}, empty when fine. (More
    than a year of lead days is refused by the fields themselves, models.AT_MOST_A_YEAR_OF_LEAD.)"""
    problems = {}
    if isinstance(lead_days, int) and not isinstance(lead_days, bool) and lead_days < 0:
        problems["lead_days"] = [
            _("Lead days of %(days)s would open the campaign after its occasion; give 0 or more days, such as 30.") % {"days": lead_days}
        ]

    if milestone_days is not None:
        found = milestone_problems(milestone_days, default_milestone_days())
        if found:
            problems["milestone_days"] = found
    return problems
