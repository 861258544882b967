"""The calendar's bounds: delivery 1 to 90 days, occasions up to 62 days long and 365 days of lead, a
market's shift within a year, dates 1900 to 2100, confirmed ones included."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from calendars import occurrences
from calendars.loading import load_occasions
from calendars.models import Observance, Occasion, Occurrence

pytestmark = pytest.mark.django_db


def refusal(instance):
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return error.value.message_dict


@pytest.mark.parametrize("days, refused", [(0, True), (1, False), (90, False), (91, True)])
def test_delivery_days_are_one_to_ninety(markets, days, refused):
    market = markets["BR"]
    market.delivery_days = days
    if refused:
        assert "delivery_days" in refusal(market)
    else:
        market.full_clean()


def test_an_occasion_lasts_at_most_62_days_with_a_year_of_lead(markets):
    load_occasions()
    occasion = Occasion.objects.get(slug="valentines-day")
    occasion.duration_days, occasion.lead_days = 63, 366
    refused = refusal(occasion)
    assert "duration_days" in refused and "lead_days" in refused


def test_a_markets_shift_stays_within_a_year(markets):
    load_occasions()
    observance = Observance.objects.filter(market=markets["SA"]).first()
    observance.shift_days = 400
    assert "shift_days" in refusal(observance)


def test_a_confirmed_date_of_9999_is_refused_and_the_occurrence_keeps_its_dates(markets, people):
    load_occasions()
    occurrences.materialize([2027], markets=[markets["SA"]])
    occurrence = Occurrence.objects.filter(market=markets["SA"]).first()
    before = (occurrence.starts_on, occurrence.ends_on)
    with pytest.raises(ValidationError, match="9999-12-31 is outside the calendar Glocal keeps; give a date between 1900 and 2100"):
        occurrences.confirm(occurrence=occurrence, user=people["manager"], starts_on=date(9999, 12, 31))
    occurrence.refresh_from_db()
    assert (occurrence.starts_on, occurrence.ends_on) == before and occurrence.confirmed_at is None
    occurrence.year = 2200
    assert "year" in refusal(occurrence)
