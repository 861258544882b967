"""Each market's milestones: the campaign's days before the occasion, their dates, and when one is met.

What milestone days may be is ``localization.timing`` (the models validate with it); this module
dates them for a market and an occurrence.
"""
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Milestone, State
from ..timing import COUNTED_MILESTONES, default_milestone_days, milestone_problems

# A milestone is met once every copy of the market is in one of these states; its reminder is then skipped.
MET_WHEN = {
    Milestone.COPY_DUE: {State.IN_REVIEW, State.APPROVED, State.PUBLISHED},
    Milestone.REVIEW_DUE: {State.APPROVED, State.PUBLISHED},
    Milestone.EXPORT_DUE: {State.PUBLISHED},
    Milestone.GO_LIVE: {State.PUBLISHED},
}


class SchedulingError(ValidationError):
    """Bad timing input or data the scheduler cannot use; the message says what to fix."""


def milestone_days_of(campaign):
    """Days before T of each milestone after kickoff: the defaults with the campaign's overrides."""
    problems = milestone_problems(campaign.milestone_days or {}, default_milestone_days())
    if problems:
        raise SchedulingError(
            _("The milestones of %(campaign)s are wrong: %(problems)s") % {"campaign": campaign, "problems": " ".join(problems)}
        )
    return {**default_milestone_days(), **(campaign.milestone_days or {})}


def milestone_dates(*, campaign_market, starts_on, days=None):
    """Each milestone's day in the market for an occasion starting on ``starts_on``.

    None falls before the launch day: with a short lead, what would be due earlier is due the day the market opens.
    """
    days = days if days is not None else milestone_days_of(campaign_market.campaign)
    launch_on = starts_on - timedelta(days=campaign_market.effective_lead_days)
    dates = {Milestone.KICKOFF: launch_on}
    for name in COUNTED_MILESTONES:
        dates[name] = max(starts_on - timedelta(days=days[name]), launch_on)
    return dates


def milestone_met(milestone, states):
    """Whether every copy of the market (``states``) has got past the milestone. Kickoff and notices never are."""
    wanted = MET_WHEN.get(milestone)
    return bool(wanted and states and all(state in wanted for state in states))
