"""Yearly repeats: next year's campaign of a repeating one, its copy carried over as drafts."""
import re

from django.db import transaction
from django.utils.translation import gettext as _

from .. import access, campaigns, quality
from ..models import Campaign, CampaignMarket, CopyVariant, Review, State
from .milestones import SchedulingError


def _next_year_text(text, year, separator, max_length):
    """"Valentine's 2027" -> "Valentine's 2028"; a name without the year gets it appended."""
    pattern = rf"(?<!\d){year - 1}(?!\d)"
    if re.search(pattern, text):
        return re.sub(pattern, str(year), text)
    suffix = f"{separator}{year}"
    return text[: max_length - len(suffix)] + suffix


def _free_slug(slug):
    if not Campaign.objects.filter(slug=slug).exists():
        return slug
    taken = set(Campaign.objects.filter(slug__startswith=slug).values_list("slug", flat=True))
    return next(f"{slug[:75]}-{n}" for n in range(2, 10_000) if f"{slug[:75]}-{n}" not in taken)


def _a_year_later(day):
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def carried_over_note(previous):
    return _("Carried over from %(campaign)s: check dates, prices and names.") % {"campaign": previous.name}


def repeat_campaign(*, campaign):
    """Next year's campaign of this one, created once: the year in its name and slug; the same markets, offers,
    source copy, owner, lead days and milestones; each market's copy a draft carried over from this year's
    approved copy. Returns it (the existing one when it was created before)."""
    created = create_next_year(campaign)
    return created if created is not None else Campaign.objects.get(previous_campaign=campaign)


def create_next_year(previous):
    """Next year's campaign, or None when it exists already (``repeat_campaign`` returns that one)."""
    if previous.year is None:
        raise SchedulingError(
            _("%(campaign)s has no year yet, so it has no next year; give it the year of its occasion.") % {"campaign": previous}
        )
    year = previous.year + 1
    with transaction.atomic():
        previous = Campaign.objects.select_for_update().get(pk=previous.pk)
        if Campaign.objects.filter(previous_campaign=previous).exists():
            return None
        offers = list(previous.campaign_markets.select_related("market"))
        slug_field = Campaign._meta.get_field("slug")
        campaign = campaigns.create_campaign(
            user=previous.owner,
            markets=[offer.market for offer in offers],
            slug=_free_slug(_next_year_text(previous.slug, year, "-", slug_field.max_length)),
            name=_next_year_text(previous.name, year, " ", Campaign._meta.get_field("name").max_length),
            occasion=previous.occasion,
            source_locale=previous.source_locale,
            discount_percent=previous.discount_percent,
            lead_days=previous.lead_days,
            ends_on=_a_year_later(previous.ends_on),
            year=year,
            repeats_yearly=True,
            previous_campaign=previous,
            milestone_days=previous.milestone_days,
            **previous.copy_fields(),
        )
        _copy_offers(offers, campaign)
        _carry_over_copy(previous, campaign)
    return campaign


# The scheduler's own fields are this year's; everything else about an offer carries over.
_NOT_CARRIED = {"id", "campaign", "opened_on", "opened_late", "occurrence", "occasion_starts_on"}
# A market's own offer dates carry over a year later.
_MOVED_A_YEAR = {"offer_starts_on", "offer_ends_on"}


def _copy_offers(offers, campaign):
    carried = [f for f in CampaignMarket._meta.concrete_fields if f.name not in _NOT_CARRIED and f.name != "market"]
    new = {offer.market_id: offer for offer in campaign.campaign_markets.all()}
    for offer in offers:
        for carried_field in carried:
            value = getattr(offer, carried_field.attname)
            if carried_field.name in _MOVED_A_YEAR:
                value = _a_year_later(value)
            setattr(new[offer.market_id], carried_field.attname, value)
    if carried:
        CampaignMarket.objects.bulk_update(list(new.values()), [carried_field.name for carried_field in carried])


def _carry_over_copy(previous, campaign):
    approved = {}
    for review in Review.objects.filter(variant__campaign=previous, action=Review.Action.APPROVE).select_related("variant").order_by("-id"):
        approved.setdefault((review.variant.market_id, review.variant.locale), review)
    existing = {(variant.market_id, variant.locale): variant for variant in campaign.variants.select_related("campaign", "market")}
    note = carried_over_note(previous)
    for (market_id, locale), review in approved.items():
        old = review.variant
        variant = existing.get((market_id, locale)) or CopyVariant(
            campaign=campaign, market_id=market_id, locale=locale, source_version=campaign.source_version
        )
        for name, value in review.copy.items():
            if hasattr(variant, name) and name in variant.copy_fields():
                setattr(variant, name, value)
        variant.carried_over_from = old
        if variant.copywriter_id is None and old.copywriter_id and access.may_write(old.copywriter, market_id):
            variant.copywriter_id = old.copywriter_id
        variant.version = (variant.version or 1) + 1 if variant.pk else 2
        variant.state = State.DRAFT
        variant.save()
        quality.refresh_findings(variant)
        Review.objects.create(
            variant=variant, action=Review.Action.EDIT, actor=None, note=note, from_state=State.DRAFT, to_state=State.DRAFT,
            variant_version=variant.version, source_version=variant.source_version, copy=variant.copy_fields(),
        )


def difference_to_last_year(variant):
    """[(field, last year's approved text, this draft's text)] for the fields that differ, for the reviewer
    of carried-over copy; empty when the copy was not carried over."""
    previous = variant.carried_over_from
    if previous is None:
        return []
    last_approved = (
        Review.objects.filter(variant=previous, action=Review.Action.APPROVE).order_by("-id").values_list("copy", flat=True).first()
    ) or previous.copy_fields()
    return [
        (name, last_approved.get(name, ""), text) for name, text in variant.copy_fields().items()
        if last_approved.get(name, "") != text
    ]
