"""Copy as the market will read it: placeholders filled with the offer, prices and dates by Babel."""
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from calendars.locales import text_direction
from calendars.names import translated, translation_language
from calendars.models import Occasion, Occurrence

from .checks import sanitized
from .formatting import MarketFormat, format_date, format_percent, format_price, render_placeholders
from .models import COPY_FIELDS


def market_format(market, locale=None):
    return MarketFormat(
        locale=locale or market.primary_locale,
        currency=market.currency,
        native_digits=market.native_digits,
        show_minor_units=market.show_minor_units,
        era=market.calendar_era,
        time_zone=market.time_zone,
    )


def local_name(obj, field, locale):
    """A translated field in the locale's language, falling back to English."""
    return translated(obj, field, translation_language(locale)) or translated(obj, field, "en")


def next_occurrence(occasion_id, market, today=None):
    """That occasion in that market: the next one not yet over (one indexed query)."""
    if occasion_id is None:
        return None
    today = today or timezone.localdate()
    return Occurrence.objects.filter(occasion_id=occasion_id, market=market, ends_on__gte=today).order_by("starts_on").first()


def placeholder_values(variant, *, today=None):
    """What {price}, {occasion_date}, {last_order_date} ... say in this variant's market and locale."""
    campaign, market = variant.campaign, variant.market
    fmt = market_format(market, variant.locale)
    values = {}
    offer = campaign.campaign_markets.filter(market=market).select_related("campaign").first()
    if offer and offer.price is not None:
        values["price"] = format_price(offer.price, fmt)
    if offer and offer.old_price is not None:
        values["old_price"] = format_price(offer.old_price, fmt)
    if campaign.discount_percent is not None:
        values["discount"] = format_percent(Decimal(campaign.discount_percent) / 100, fmt)
    if campaign.ends_on:
        values["campaign_end"] = format_date(campaign.ends_on, fmt)
    occasion_id = offer.occasion_in_market_id if offer else campaign.occasion_id
    occurrence = next_occurrence(occasion_id, market, today)
    if occasion_id:
        occasion = Occasion.objects.get(pk=occasion_id)
        observance = occasion.observances.filter(market=market).first()
        name = local_name(observance, "name", variant.locale) if observance and observance.name else None
        values["occasion"] = name or local_name(occasion, "name", variant.locale)
    if occurrence:
        values["occasion_date"] = format_date(occurrence.starts_on, fmt)
        # Order by this day to receive it before the occasion.
        values["last_order_date"] = format_date(occurrence.starts_on - timedelta(days=market.delivery_days), fmt)
    return values


def rendered_copy(variant, *, today=None):
    """Each copy field as the landing page will show it, with the text direction of the locale."""
    values = placeholder_values(variant, today=today)
    fields = {
        name: sanitized(render_placeholders(getattr(variant, name) or "", values))
        for name in COPY_FIELDS
    }
    return {"direction": text_direction(variant.locale), "lang": variant.locale, "fields": fields, "values": values}
