"""Launch windows: a campaign in a market from its launch day (T minus the lead days) to the occasion's last day.

The month view's campaign bands, the board's coming weeks and the scheduler read the same selector.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q

from calendars.models import MAX_LEAD_DAYS, Occurrence
from calendars.rows import skipped_if_broken

from ..models import CampaignMarket


@dataclass(frozen=True)
class LaunchWindow:
    """A campaign in one market, from its launch day to the occasion's last day."""

    campaign_market: CampaignMarket
    occurrence: Occurrence
    launch_on: date

    @property
    def campaign(self):
        return self.campaign_market.campaign

    @property
    def starts_on(self):
        return self.occurrence.starts_on

    @property
    def ends_on(self):
        return self.occurrence.ends_on


def targets(campaign_market, occurrence):
    """Whether the campaign is for this occurrence in the market: the one it opened for; else one of the
    campaign's year; a campaign without a year is for every one until it opens."""
    if campaign_market.occurrence_id is not None:
        return occurrence.pk == campaign_market.occurrence_id
    year = campaign_market.campaign.year
    return year is None or occurrence.year == year


def launch_windows(*, first_day, last_day, markets=None, campaigns=None, problems=None):
    """The launch windows overlapping [first_day, last_day], earliest first: the month view's campaign
    bands and the board's coming weeks. A market that does not keep its occasion has none. Two queries.
    A campaign market whose window cannot be dated (a row saved past validation) is skipped and added to
    ``problems``."""
    problems = [] if problems is None else problems
    offers = (
        CampaignMarket.objects.filter(Q(occasion__isnull=False) | Q(campaign__occasion__isnull=False))
        # A window runs at most a year ahead of its occurrence, which is dated in the campaign's year.
        .filter(Q(campaign__year__isnull=True) | Q(campaign__year__gte=first_day.year - 1, campaign__year__lte=last_day.year + 1))
        .select_related("campaign", "market")
    )
    if markets is not None:
        offers = offers.filter(market__in=markets)
    if campaigns is not None:
        offers = offers.filter(campaign__in=campaigns)
    offers = list(offers)
    if not offers:
        return []
    longest_lead = timedelta(days=min(max(offer.effective_lead_days for offer in offers), MAX_LEAD_DAYS))
    dated = {}
    for occurrence in Occurrence.objects.filter(
        market_id__in={offer.market_id for offer in offers},
        occasion_id__in={offer.occasion_in_market_id for offer in offers},
        starts_on__lte=last_day + longest_lead,
        ends_on__gte=first_day,
    ).order_by("starts_on"):
        dated.setdefault((occurrence.occasion_id, occurrence.market_id), []).append(occurrence)
    windows = []
    for offer in offers:
        with skipped_if_broken(problems, offer, where="launch windows"):
            for occurrence in dated.get((offer.occasion_in_market_id, offer.market_id), []):
                launch_on = occurrence.starts_on - timedelta(days=offer.effective_lead_days)
                if launch_on <= last_day and targets(offer, occurrence):
                    windows.append(LaunchWindow(offer, occurrence, launch_on))
    windows.sort(key=lambda window: (window.launch_on, window.campaign.name, window.campaign_market.market.code))
    return windows


def due_occurrence(campaign_market, dated, today):
    """(occurrence, launch day) when the market's launch day has come and its occasion is not over; else None."""
    for occurrence in dated.get((campaign_market.occasion_in_market_id, campaign_market.market_id), []):
        if occurrence.ends_on < today or not targets(campaign_market, occurrence):
            continue
        launch_on = occurrence.starts_on - timedelta(days=campaign_market.effective_lead_days)
        return (occurrence, launch_on) if launch_on <= today else None
    return None
