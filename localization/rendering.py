"""Copy as the market will read it: placeholders filled with the offer, prices and dates by Babel."""
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from calendars.locales import text_direction
from calendars.names import translated, translation_language
from calendars.models import Occasion, Occurrence

from .checks import sanitized
from .formatting import PLACEHOLDERS, MarketFormat, format_date, format_percent, format_price, render_placeholders
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


def next_occurrence(occasion_id, market, today=None):
    """That occasion in that market: the next one not yet over (one indexed query)."""
    if occasion_id is None:
        return None
    today = today or timezone.localdate()
    return Occurrence.objects.filter(occasion_id=occasion_id, market=market, ends_on__gte=today).order_by("starts_on").first()


@dataclass
class MarketValues:
    """What the market's page knows for a variant: the placeholders' values (None where it has
    none, with the reason in ``missing``), the occasion's names and the offer's dates."""

    values: dict = field(default_factory=dict)
    missing: dict = field(default_factory=dict)
    occasion_local_name: str | None = None  # None: no occasion; "": none in the copy's language
    occasion_english_name: str = ""
    offer_starts_on: date | None = None
    offer_ends_on: date | None = None  # this market's own (CampaignMarket.offer_window)
    occasion_starts_on: date | None = None
    last_order_date: date | None = None


def market_values(variant, *, today=None):
    """What {price}, {occasion_date}, {last_order_date} ... say in this variant's market and locale,
    and why the market has nothing for the ones it cannot fill (reads the offer and the calendar)."""
    campaign, market = variant.campaign, variant.market
    offer = campaign.campaign_markets.filter(market=market).first() if campaign.pk and market.pk else None
    occasion_id = offer.occasion_in_market_id if offer else campaign.occasion_id
    occasion = Occasion.objects.filter(pk=occasion_id).first() if occasion_id else None
    observance = occasion.observances.filter(market=market).first() if occasion else None
    occurrence = next_occurrence(occasion_id, market, today) if observance else None
    return values_from(
        campaign=campaign, market=market, locale=variant.locale, offer=offer,
        occasion=occasion, observance=observance, occurrence=occurrence,
    )


def values_from(*, campaign, market, locale, offer, occasion, observance, occurrence, fmt=None, formats=None):
    """``market_values`` from rows already read: the one place that says what each placeholder
    shows and why one has no value. The export passes its rows and cached ``formats``
    (price, date and percent functions with ``format_price``'s signature)."""
    fmt = fmt or market_format(market, locale)
    price, day, percent = formats or (format_price, format_date, format_percent)
    found = MarketValues(values=dict.fromkeys(PLACEHOLDERS))
    values, missing = found.values, found.missing
    kept = occurrence if observance is not None else None
    if offer is not None:
        found.offer_starts_on, found.offer_ends_on = offer.offer_window(kept)
    else:
        found.offer_ends_on = campaign.ends_on
    if offer and offer.price is not None:
        values["price"] = price(offer.price, fmt)
    else:
        missing["price"] = "no_price"
    if offer and offer.old_price is not None:
        values["old_price"] = price(offer.old_price, fmt)
    else:
        missing["old_price"] = "no_old_price"
    if campaign.discount_percent is not None:
        values["discount"] = percent(Decimal(campaign.discount_percent) / 100, fmt)
    else:
        missing["discount"] = "no_discount"
    if found.offer_ends_on:
        values["campaign_end"] = day(found.offer_ends_on, fmt)
    else:
        missing["campaign_end"] = "no_campaign_end"
    if occasion is None:
        for name in ("occasion", "occasion_date", "last_order_date"):
            missing[name] = "no_occasion"
        return found
    language = translation_language(locale)
    own_name = (translated(observance, "name", language) if observance else "") or translated(occasion, "name", language)
    found.occasion_english_name = (translated(observance, "name", "en") if observance else "") or translated(occasion, "name", "en")
    found.occasion_local_name = own_name if (own_name or language == "en") else ""
    values["occasion"] = own_name or found.occasion_english_name
    if occurrence is not None and observance is not None:
        found.occasion_starts_on = occurrence.starts_on
        # Order by this day to receive it before the occasion.
        found.last_order_date = occurrence.starts_on - timedelta(days=market.delivery_days)
        values["occasion_date"] = day(found.occasion_starts_on, fmt)
        values["last_order_date"] = day(found.last_order_date, fmt)
    else:
        missing["occasion_date"] = missing["last_order_date"] = "not_observed" if observance is None else "no_date"
    return found


def placeholder_values(variant, *, today=None):
    """The placeholders this variant's market has a value for, by name."""
    return {name: value for name, value in market_values(variant, today=today).values.items() if value is not None}


def _missing_marker(name):
    return format_html('<mark class="glocal-missing-value" title="{}">⚠ {}</mark>', _("no value in this market"), name)


def rendered_copy(variant, *, today=None):
    """Each copy field as the landing page will show it, with the text direction of the locale.

    A placeholder the market has no value for is shown as a marked gap, never as raw {braces}:
    the checks say why, and approval waits until it is gone.
    """
    found = market_values(variant, today=today)
    values = {name: value for name, value in found.values.items() if value is not None}
    markers = {name: _missing_marker(name) for name in PLACEHOLDERS if name not in values}
    fields = {}
    for name in COPY_FIELDS:
        text = sanitized(render_placeholders(getattr(variant, name) or "", values))
        # nh3 has escaped what the copy typed; the markers are ours, put in after sanitizing.
        fields[name] = render_placeholders(text, markers)
    return {
        "direction": text_direction(variant.locale), "lang": variant.locale, "fields": fields, "values": values,
        "missing": found.missing,
    }
