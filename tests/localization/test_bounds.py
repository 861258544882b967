"""Bounds that make sense, the same on every database: a year of lead or milestones at most, offer dates
1900 to 2100; refused at validation (full_clean, and so every form) with what to give instead."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from localization import campaigns

pytestmark = pytest.mark.django_db


def refusal(instance):
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return error.value.message_dict


def test_a_campaign_of_a_million_days_lead_or_milestones_is_refused(campaign):
    campaign.lead_days = 1_000_000
    assert refusal(campaign)["lead_days"] == [
        "Lead days of 1000000 would open the campaign more than a year ahead; give at most 365, such as 30."
    ]
    campaign.lead_days, campaign.milestone_days = 30, {"copy_due": 1_000_000}
    assert "Copy due 1000000 days before the occasion is more than a year ahead; give at most 365 days." in refusal(campaign)["milestone_days"]
    campaign.milestone_days = {"copy_due": 365, "review_due": 14}
    campaign.lead_days = 365
    campaign.full_clean()  # a year ahead is allowed


def test_a_markets_own_lead_days_and_offer_dates_are_bounded(campaign):
    offer = campaign.campaign_markets.select_related("campaign").get(market__code="BR")
    offer.lead_days = 366
    assert "more than a year ahead" in refusal(offer)["lead_days"][0]
    offer.lead_days, offer.offer_ends_on = None, date(9999, 12, 31)
    assert refusal(offer)["offer_ends_on"] == ["9999-12-31 is outside the calendar Glocal keeps; give a date between 1900 and 2100."]
    campaign.ends_on = date(1800, 1, 1)
    assert "1800-01-01 is outside the calendar" in refusal(campaign)["ends_on"][0]


def test_the_admin_form_refuses_the_huge_milestone_and_keeps_what_was_saved(client, campaign, people):
    client.force_login(people["manager"])
    page = client.get(f"/admin/localization/campaign/{campaign.pk}/change/")
    assert page.status_code == 200
    response = client.post(f"/admin/localization/campaign/{campaign.pk}/change/", {
        "name": campaign.name, "slug": campaign.slug, "owner": people["manager"].pk, "source_locale": "en",
        "headline": campaign.headline, "body": campaign.body, "lead_days": 1_000_000, "discount_percent": "",
        "campaign_markets-TOTAL_FORMS": 0, "campaign_markets-INITIAL_FORMS": 0,
        "images-TOTAL_FORMS": 0, "images-INITIAL_FORMS": 0, "source_revisions-TOTAL_FORMS": 0, "source_revisions-INITIAL_FORMS": 0,
    })
    assert response.status_code == 200 and "more than a year ahead" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.lead_days == 30  # nothing saved, nothing lost
    assert campaigns.offer_date_problems(campaign=campaign) == []
