"""Copy as the market reads it: the offer and the occasion's dates filled in by Babel."""
from datetime import date

import pytest

from calendars import occurrences
from calendars.loading import load_occasions
from calendars.models import Occasion
from localization import campaigns, rendering
from localization.models import CopyVariant

pytestmark = pytest.mark.django_db


@pytest.fixture
def namorados(people, markets):
    load_occasions()
    occurrences.materialize([2027], markets=[markets["BR"], markets["ID"]])
    campaign = campaigns.create_campaign(
        user=people["manager"], markets=[markets["BR"], markets["ID"]], slug="namorados", name="Namorados",
        occasion=Occasion.objects.get(slug="dia-dos-namorados"), discount_percent=15, ends_on=date(2027, 6, 12),
        headline="Gifts",
    )
    campaign.campaign_markets.filter(market=markets["BR"]).update(price="1234.50", old_price="1499.00")
    campaign.campaign_markets.filter(market=markets["ID"]).update(price="1234567.89")
    return campaign


def test_placeholders_say_what_brazil_reads(namorados, markets):
    variant = CopyVariant.objects.select_related("campaign", "market").get(campaign=namorados, market__code="BR")
    values = rendering.placeholder_values(variant, today=date(2027, 5, 1))
    assert values["price"] == "R$\xa01.234,50" and values["old_price"] == "R$\xa01.499,00"
    assert values["discount"] == "15%"
    assert values["occasion"] == "Dia dos Namorados"
    assert values["occasion_date"] == "12 de junho de 2027"
    # Order by: the occasion less Brazil's usual delivery days.
    assert markets["BR"].delivery_days == 12
    assert values["last_order_date"] == "31 de maio de 2027"
    assert values["campaign_end"] == "12 de junho de 2027"


def test_a_market_without_minor_units_shows_whole_prices(namorados):
    variant = CopyVariant.objects.select_related("campaign", "market").get(campaign=namorados, market__code="ID")
    assert rendering.placeholder_values(variant)["price"] == "Rp\xa01.234.568"


def test_rendered_copy_fills_placeholders_and_keeps_only_allowed_markup(namorados):
    variant = CopyVariant.objects.select_related("campaign", "market").get(campaign=namorados, market__code="BR")
    variant.body = "Por <b>{price}</b> <script>alert(1)</script>{unknown}"
    rendered = rendering.rendered_copy(variant, today=date(2027, 5, 1))
    assert rendered["direction"] == "ltr"
    assert rendered["fields"]["body"] == "Por <b>R$&nbsp;1.234,50</b> {unknown}"


def test_a_market_celebrates_its_own_occasion_for_the_campaign(people, markets):
    """Valentine's in the US is 14 February; Brazil's row names Dia dos Namorados, 12 June."""
    load_occasions()
    occurrences.materialize([2027], markets=[markets["BR"], markets["US"], markets["SA"]])
    campaign = campaigns.create_campaign(
        user=people["manager"], markets=[markets["BR"], markets["US"], markets["SA"]], slug="valentines", name="Valentine's",
        occasion=Occasion.objects.get(slug="valentines-day"), headline="Gifts",
    )
    assert campaigns.markets_without_their_occasion(campaign=campaign) == ["BR", "SA"]
    campaign.campaign_markets.filter(market=markets["BR"]).update(occasion=Occasion.objects.get(slug="dia-dos-namorados"))
    assert campaigns.markets_without_their_occasion(campaign=campaign) == ["SA"]

    def values(code):
        variant = CopyVariant.objects.select_related("campaign", "market").get(campaign=campaign, market__code=code)
        return rendering.placeholder_values(variant, today=date(2027, 1, 1))

    assert (values("BR")["occasion"], values("BR")["occasion_date"]) == ("Dia dos Namorados", "12 de junho de 2027")
    assert values("US")["occasion_date"] == "February 14, 2027"

    from localization.calendar_bands import launch_windows

    (brazil,) = launch_windows(markets["BR"], date(2027, 5, 1), date(2027, 6, 30))
    assert (brazil.starts_on, brazil.ends_on) == (date(2027, 5, 13), date(2027, 6, 12))  # 30 days ahead
