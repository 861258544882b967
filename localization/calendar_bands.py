"""What the calendars' month view needs from localization, which it cannot import itself:
campaign launch windows, and the markets a person works on."""
from django.urls import reverse

from calendars.month import Band

from . import scheduling
from .models import MarketAssignment


def launch_windows(market, first_day, last_day):
    """The launch windows of the market's campaigns (localization.scheduling, the one place they are
    computed) as the month view's bands: from the launch day to the occasion's last day."""
    return [
        Band(
            label=window.campaign.name,
            starts_on=window.launch_on,
            ends_on=window.ends_on,
            url=reverse("admin:localization_campaign_change", args=[window.campaign.pk]),
            kind="campaign",
        )
        for window in scheduling.launch_windows(first_day=first_day, last_day=last_day, markets=[market])
    ]


def assigned_markets(user):
    """The codes of the markets the user is assigned to write or review, in the order assignments are listed."""
    if not user.is_authenticated:
        return []
    codes = MarketAssignment.objects.filter(user=user).values_list("market__code", flat=True)
    return list(dict.fromkeys(codes))  # each market once, written or reviewed
