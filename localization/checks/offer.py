"""The offer as the market meets it: the occasion named in the copy's language, and an offer
that still runs when the market's customers order for the occasion."""

import re
from datetime import date
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import Check, Severity, field_label
from .matching import contains_phrase, fold

OFFER = "offer"  # the field of findings about the campaign's offer rather than one copy field


@lru_cache(maxsize=256)
def _telltales(name: str) -> tuple[str, ...]:
    """Fragments that any casing of the name as people type it (Title, lower, UPPER) contains:
    its longest word without its first letter, in lower and upper case."""
    longest = max(re.findall(r"\w+", name) or [name], key=len)
    fragment = longest[1:] or longest
    return fragment.lower(), fragment.upper()


def _may_be_written(name: str, text: str) -> bool:
    """A first look over all the fields at once (plain substring tests; a word check follows)."""
    lower, upper = _telltales(name)
    return lower in text or upper in text


class OccasionNameNotLocal(Check):
    code = "occasion_name_not_local"
    name = gettext_lazy("Occasion named in another language")
    description = (
        "The page fills {occasion} with the occasion's name in the copy's language; where the calendar has "
        "none, an English name would stand in Arabic or Hindi copy. Typing the English name is the same mistake."
    )
    severity = Severity.WARNING

    def applies_to(self, copy):
        return copy.occasion_local_name is not None and copy.language != "en"

    def may_find(self, copy):
        # Most copy: one look at all the fields settles it.
        if not copy.occasion_local_name:
            return "{occasion}" in copy.variant_text
        english = copy.occasion_english_name
        return bool(english) and english != copy.occasion_local_name and _may_be_written(english, copy.variant_text)

    def findings(self, copy):
        if not self.may_find(copy):
            return  # also what decides whether an English name left beside {occasion} is reported
        english = copy.occasion_english_name
        # Each field is read for the name only if the folded copy has it somewhere.
        in_english = bool(english) and english != copy.occasion_local_name and (
            fold(english.strip(), "en") in copy.joined_variant.folded("en")[0]
        )
        for field_name, text in copy.variant.items():
            if not text:
                continue
            if not copy.occasion_local_name and "{occasion}" in text:
                yield self.finding(field_name, "{occasion}", english=english, locale=copy.locale)
            elif in_english and contains_phrase(text, english, language="en"):
                yield self.finding(field_name, english, english=english, local=copy.occasion_local_name, locale=copy.locale)

    def message(self, finding):
        values = {**finding.params, "field": field_label(finding.field)}
        if finding.subject == "{occasion}":
            return _(
                'The %(field)s uses {occasion}, but the calendar has no %(locale)s name for "%(english)s", so the page '
                "would show the English name. Add the name in the occasion's translations, or write it out."
            ) % values
        if values.get("local"):
            return _(
                'The %(field)s names the occasion in English ("%(english)s"); %(locale)s readers know it as '
                '"%(local)s": write {occasion} or that name.'
            ) % values
        return _('The %(field)s names the occasion in English ("%(english)s"); name it as %(locale)s readers do.') % values


def _missed_date(copy) -> tuple[str, date] | None:
    """The date the offer ends before, the last order date first, as the subject of a finding."""
    ends_on = copy.offer_ends_on
    if copy.last_order_date and ends_on < copy.last_order_date:
        return "last_order_date", copy.last_order_date
    if copy.occasion_starts_on and ends_on < copy.occasion_starts_on:
        return "occasion_date", copy.occasion_starts_on
    return None


class OfferEndsEarly(Check):
    code = "offer_ends_early"
    name = gettext_lazy("Offer ends before the occasion")
    description = (
        "A campaign whose offer ends before the market's last order date or its occasion promises customers a "
        "discount that is gone when they shop (Brazil orders by 31 May for 12 June)."
    )
    severity = Severity.ERROR

    def applies_to(self, copy):
        return copy.offer_ends_on is not None and (copy.last_order_date or copy.occasion_starts_on) is not None

    def may_find(self, copy):
        return _missed_date(copy) is not None

    def findings(self, copy):
        missed = _missed_date(copy)
        if missed is not None:
            subject, missed_on = missed
            yield self.finding(
                OFFER, subject, ends_on=copy.offer_ends_on.isoformat(), date=missed_on.isoformat(), market=copy.market
            )

    def message(self, finding):
        values = {
            "market": finding.params["market"],
            "ends_on": date_format(date.fromisoformat(finding.params["ends_on"])),
            "date": date_format(date.fromisoformat(finding.params["date"])),
        }
        if finding.subject == "last_order_date":
            return _(
                "The offer ends on %(ends_on)s, before %(market)s's last order date (%(date)s): customers ordering "
                "in time for the occasion would miss it. Move the campaign's end date or the offer."
            ) % values
        return _(
            "The offer ends on %(ends_on)s, before the occasion starts in %(market)s (%(date)s). Move the "
            "campaign's end date or the offer."
        ) % values
