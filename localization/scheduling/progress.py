"""Progress: what each market of a campaign has done, what is overdue and what comes next; a person's reminders."""
from dataclasses import dataclass, field
from datetime import date

from calendars.models import Occurrence

from ..models import CampaignMarket, CopyVariant, Milestone, Reminder
from .clock import Clock
from .milestones import MET_WHEN, milestone_dates, milestone_days_of, milestone_met
from .windows import targets


@dataclass
class MarketProgress:
    """One market of a campaign today: its copy's states, its milestones, what is overdue and what comes next."""

    campaign_market: CampaignMarket
    today: date
    states: list
    occurrence: Occurrence | None = None
    milestones: dict = field(default_factory=dict)

    @property
    def launch_on(self):
        return self.milestones.get(Milestone.KICKOFF)

    @property
    def over(self):
        return self.occurrence is not None and self.occurrence.ends_on < self.today

    @property
    def overdue(self):
        """[(milestone, day)] passed and not met, while the occasion is not over (then they are missed)."""
        if self.over:
            return []
        return [(name, day) for name, day in self.milestones.items()
                if name in MET_WHEN and day < self.today and not milestone_met(name, self.states)]

    @property
    def next_milestone(self):
        """(milestone, day) of the next one not met, or None."""
        return next(((name, day) for name, day in self.milestones.items()
                     if day >= self.today and not milestone_met(name, self.states)), None)


def campaign_progress(campaign, *, today=None, now=None):
    """Each market of the campaign, as MarketProgress: the board's campaign × market matrix. At most three queries."""
    clock = Clock(today=today, now=now)
    offers = list(campaign.campaign_markets.select_related("market", "occurrence"))
    for offer in offers:
        offer.campaign = campaign
    states = {}
    for market_id, state in CopyVariant.objects.filter(campaign=campaign).values_list("market_id", "state"):
        states.setdefault(market_id, []).append(state)
    todays, _problems = clock.todays([offer.market for offer in offers])
    upcoming = {}
    if any(offer.occurrence_id is None for offer in offers) and todays:
        for occurrence in Occurrence.objects.filter(
            market_id__in={offer.market_id for offer in offers}, occasion_id__in={offer.occasion_in_market_id for offer in offers},
            ends_on__gte=min(todays.values()),
        ).order_by("starts_on"):
            upcoming.setdefault((occurrence.occasion_id, occurrence.market_id), []).append(occurrence)
    days = milestone_days_of(campaign)
    found = []
    for offer in offers:
        today = todays.get(offer.market_id)
        if today is None:
            continue
        occurrence = offer.occurrence if offer.occurrence_id else next(
            (o for o in upcoming.get((offer.occasion_in_market_id, offer.market_id), []) if o.ends_on >= today and targets(offer, o)),
            None,
        )
        starts_on = offer.occasion_starts_on if offer.occurrence_id else (occurrence.starts_on if occurrence else None)
        milestones = milestone_dates(campaign_market=offer, starts_on=starts_on, days=days) if starts_on else {}
        found.append(MarketProgress(offer, today, states.get(offer.market_id, []), occurrence, milestones))
    return found


def reminders_for(user, *, first_day=None, last_day=None):
    """The user's reminders (milestones and notices), earliest first: the user's iCalendar feed and the board's "due this week"."""
    found = Reminder.objects.filter(recipient=user).select_related("campaign", "market").order_by("due_on", "milestone")
    if first_day is not None:
        found = found.filter(due_on__gte=first_day)
    if last_day is not None:
        found = found.filter(due_on__lte=last_day)
    return found
