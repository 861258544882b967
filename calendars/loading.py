"""Loading the built-in catalogue into the database. Re-running it changes nothing."""
from django.db import transaction
from modeltranslation.utils import build_localized_fieldname

from .catalogue.markets import MARKETS
from .catalogue.occasions import OCCASIONS
from .models import CalendarEra, Market, Observance, Occasion


def _translated(field, names):
    """{"en": "Brazil", "zh-hans": "巴西"} -> {"name_en": "Brazil", "name_zh_hans": "巴西"}."""
    return {build_localized_fieldname(field, language): text for language, text in names.items()}


def market_defaults(entry):
    return {
        **_translated("name", entry["names"]),
        "region": entry["region"],
        "primary_locale": entry["primary_locale"],
        "extra_locales": entry["extra_locales"],
        "currency": entry["currency"],
        "time_zone": entry["time_zone"],
        "payment_methods": entry["payment_methods"],
        "delivery_days": entry["delivery_days"],
        "native_digits": entry.get("digits") == "native",
        "show_minor_units": entry.get("show_minor_units", True),
        "calendar_era": entry.get("era", CalendarEra.GREGORIAN),
        "sensitive_topics": entry.get("sensitive_topics", []),
    }


@transaction.atomic
def load_markets():
    """Create the catalogue's markets that are missing; markets people edited stay as they are.

    Returns the number of markets created.
    """
    existing = set(Market.objects.values_list("code", flat=True))
    created = 0
    for entry in MARKETS:
        if entry["code"] in existing:
            continue
        market = Market(code=entry["code"], **market_defaults(entry))
        market.full_clean()
        market.save()
        created += 1
    return created


@transaction.atomic
def load_occasions():
    """Create the catalogue's occasions that are missing, with their observances per market.

    Occasions people edited stay as they are; an observance is added only for markets that
    exist. Returns the number of occasions created.
    """
    markets = {market.code: market for market in Market.objects.all()}
    existing = set(Occasion.objects.values_list("slug", flat=True))
    created = 0
    for entry in OCCASIONS:
        if entry["slug"] in existing:
            continue
        occasion = Occasion(
            slug=entry["slug"],
            kind=entry["kind"],
            rule=entry["rule"],
            duration_days=entry.get("duration_days", 1),
            lead_days=entry.get("lead_days", 30),
            **_translated("name", entry["names"]),
            **_translated("notes", entry.get("notes", {})),
        )
        occasion.full_clean()
        occasion.save()
        for code, override in entry["markets"].items():
            if code not in markets:
                continue
            override = override or {}
            observance = Observance(
                occasion=occasion,
                market=markets[code],
                rule=override.get("rule", {}),
                shift_days=override.get("shift_days", 0),
                **_translated("name", override.get("names", {})),
                **_translated("notes", override.get("notes", {})),
            )
            observance.full_clean()
            observance.save()
        created += 1
    return created
