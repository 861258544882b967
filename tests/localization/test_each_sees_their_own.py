"""Each person sees their own campaigns: copywriters and reviewers see only campaigns that run in one of
their markets, and in them only their markets' offers (prices, dates, shop links); managers see all."""
from decimal import Decimal

import pytest
from django.urls import reverse

from localization import access, campaigns
from localization.models import Campaign
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_campaigns(people, markets):
    """Valentine's in Brazil and Germany (Brazil at R$ 149, Germany at 89 €), Singles' Day in Germany only."""
    valentines = campaigns.create_campaign(
        user=people["manager"], markets=[markets["BR"], markets["DE"]], slug="valentines", name="Valentine's",
        headline="Love is in the details", body="Find the gift that says it best.",
    )
    valentines.campaign_markets.filter(market__code="BR").update(price=Decimal("149.00"))
    valentines.campaign_markets.filter(market__code="DE").update(price=Decimal("89.00"), shop_url="https://shop.example/de/geheim")
    singles = campaigns.create_campaign(
        user=people["manager"], markets=[markets["DE"]], slug="singles-day", name="Singles' Day",
        headline="Treat yourself", body="For you alone.",
    )
    return valentines, singles


def offers_shown(response):
    """The market rows the campaign's page shows (none when the person may not see market rows at all)."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model.__name__ == "CampaignMarket":
            return {offer.market.code for offer in inline.formset.queryset}
    return set()


def listed(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:localization_campaign_changelist"))
    assert response.status_code == 200
    return {campaign.slug for campaign in response.context["cl"].result_list}


@pytest.mark.parametrize("role", ["copywriter", "reviewer"])
def test_copywriters_and_reviewers_list_only_campaigns_in_their_markets(client, people, two_campaigns, role):
    assert listed(client, people[role]) == {"valentines"}
    assert listed(client, people["manager"]) == {"valentines", "singles-day"}


@pytest.mark.parametrize("role", ["copywriter", "reviewer"])
def test_another_markets_campaign_answers_like_one_that_does_not_exist(client, people, two_campaigns, role):
    _valentines, singles = two_campaigns
    client.force_login(people[role])
    response = client.get(reverse("admin:localization_campaign_change", args=[singles.pk]))
    assert response.status_code == 302  # Django's "does not exist" redirect to the front page
    assert "Treat yourself" not in client.get(response.url).content.decode()


def test_in_a_shared_campaign_a_copywriter_sees_only_their_markets_offers(client, people, two_campaigns):
    valentines, _singles = two_campaigns
    client.force_login(people["copywriter"])  # writes Brazil and Mexico
    response = client.get(reverse("admin:localization_campaign_change", args=[valentines.pk]))
    assert response.status_code == 200
    assert offers_shown(response) <= {"BR"}
    html = response.content.decode()
    assert "89.00" not in html and "89,00" not in html and "geheim" not in html
    assert ">DE<" not in html  # nor Germany's column in the campaign's markets


def test_a_manager_sees_every_offer(client, people, two_campaigns):
    valentines, _singles = two_campaigns
    client.force_login(people["manager"])
    response = client.get(reverse("admin:localization_campaign_change", args=[valentines.pk]))
    assert offers_shown(response) == {"BR", "DE"}
    assert "geheim" in response.content.decode()


def test_someone_with_no_market_sees_no_campaign(client, people, two_campaigns):
    newcomer = make_person("hana", access.COPYWRITERS)
    assert listed(client, newcomer) == set()
    assert access.visible_campaigns(newcomer, Campaign.objects.all()).count() == 0
