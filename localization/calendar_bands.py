"""What the calendars' month view needs from localization, which it cannot import itself:
campaign launch windows, and the markets a person works on."""
from datetime import timedelta

from django.db.models import Q
from django.urls import reverse

from calendars.models import Occurrence
from calendars.month import Band

from .models import CampaignMarket, MarketAssignment


def launch_windows(market, first_day, last_day):
    """For each campaign running in the market for an occasion (the market's own, else the
    campaign's): from its launch, lead days before the occasion, to the occasion's last day.
    Two queries, however many campaigns."""
    offers = [
        offer
        for offer in CampaignMarket.objects.filter(market=market)
        .filter(Q(occasion__isnull=False) | Q(campaign__occasion__isnull=False))
        .select_related("campaign")
        .only("occasion_id", "campaign__name", "campaign__occasion_id", "campaign__lead_days")
    ]
    if not offers:
        return []
    longest_lead = timedelta(days=max(offer.campaign.lead_days for offer in offers))
    by_occasion = {}
    for occurrence in Occurrence.objects.filter(
        market=market,
        occasion_id__in={offer.occasion_in_market_id for offer in offers},
        starts_on__lte=last_day + longest_lead,
        ends_on__gte=first_day,
    ):
        by_occasion.setdefault(occurrence.occasion_id, []).append(occurrence)
    bands = []
    for offer in offers:
        campaign = offer.campaign
        for occurrence in by_occasion.get(offer.occasion_in_market_id, []):
            launch_date = occurrence.starts_on - timedelta(days=campaign.lead_days)
            if launch_date <= last_day:
                bands.append(
                    Band(
                        label=campaign.name,
                        starts_on=launch_date,
                        ends_on=occurrence.ends_on,
                        url=reverse("admin:localization_campaign_change", args=[campaign.pk]),
                        kind="campaign",
                    )
                )
    return bands


def assigned_markets(user):
    """The codes of the markets the user is assigned to write or review, in the order assignments are listed."""
    if not user.is_authenticated:
        return []
    codes = MarketAssignment.objects.filter(user=user).values_list("market__code", flat=True)
    return list(dict.fromkeys(codes))  # each market once, written or reviewed
