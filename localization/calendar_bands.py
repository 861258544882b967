"""Campaign launch windows on the calendars' month view, which cannot import campaigns itself."""
from datetime import timedelta

from django.urls import reverse

from calendars.models import Occurrence
from calendars.month import Band

from .models import Campaign


def launch_windows(market, first_day, last_day):
    """For each campaign running in the market for an occasion: from its launch (lead days before
    the occasion) to the occasion's last day. Two queries, however many campaigns."""
    campaigns = list(
        Campaign.objects.filter(occasion__isnull=False, campaign_markets__market=market).only("name", "occasion_id", "lead_days")
    )
    if not campaigns:
        return []
    longest_lead = timedelta(days=max(campaign.lead_days for campaign in campaigns))
    by_occasion = {}
    for occurrence in Occurrence.objects.filter(
        market=market,
        occasion_id__in={campaign.occasion_id for campaign in campaigns},
        starts_on__lte=last_day + longest_lead,
        ends_on__gte=first_day,
    ):
        by_occasion.setdefault(occurrence.occasion_id, []).append(occurrence)
    bands = []
    for campaign in campaigns:
        for occurrence in by_occasion.get(campaign.occasion_id, []):
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
