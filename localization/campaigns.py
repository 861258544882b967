"""Campaign services: the source copy and the variants each market needs."""
from django.db import transaction
from django.utils.translation import gettext as _

from calendars.models import Observance

from . import quality, review
from .checks import CHECKS_BY_CODE, run_checks
from .models import COPY_FIELDS, Campaign, CopyVariant, MarketAssignment, Role, SourceRevision, State


def create_campaign(*, user, markets=(), **fields):
    """A new campaign with its first source revision and a draft variant per market."""
    review.check_sizes({name: value for name, value in fields.items() if name in COPY_FIELDS})
    with transaction.atomic():
        campaign = Campaign(owner=user, **fields)
        campaign.full_clean()
        campaign.save()
        for market in markets:
            campaign.campaign_markets.get_or_create(market=market)
        record_source(campaign=campaign, user=user, kind=SourceRevision.Kind.MEANING)
        ensure_variants(campaign=campaign)
    return campaign


def record_source(*, campaign, user, kind):
    return SourceRevision.objects.create(
        campaign=campaign, source_version=campaign.source_version, kind=kind, copy=campaign.copy_fields(), edited_by=user
    )


def change_source(*, campaign, user, kind, **fields):
    """Change the source copy. A meaning change turns approved and published variants stale;
    a correction keeps their approvals. Both are kept as a SourceRevision.

    Returns the variants that went stale.
    """
    unknown = set(fields) - set(COPY_FIELDS)
    if unknown:
        raise review.WorkflowError(_("Unknown copy fields: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    if kind not in SourceRevision.Kind.values:
        raise review.WorkflowError(_("Say whether the change is a meaning change or a correction."))
    review.check_sizes(fields)
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if all(getattr(campaign, name) == value for name, value in fields.items()):
            return []
        for name, value in fields.items():
            setattr(campaign, name, value)
        if kind == SourceRevision.Kind.MEANING:
            campaign.source_version += 1
        campaign.save()
        record_source(campaign=campaign, user=user, kind=kind)
        for variant in campaign.variants.select_related("campaign", "market"):
            quality.refresh_findings(variant)  # placeholders and sameness are judged against the source
        if kind != SourceRevision.Kind.MEANING:
            return []
        note = _("The source copy changed in meaning (version %(version)s); review this market's copy again.") % {
            "version": campaign.source_version
        }
        stale = []
        # Copy in review was written against the old meaning too.
        for variant in campaign.variants.filter(state__in=[State.IN_REVIEW, State.APPROVED, State.PUBLISHED]).select_related("market"):
            review.mark_stale(variant=variant, user=user, note=note)
            stale.append(variant)
        return stale


def ensure_variants(*, campaign):
    """A draft variant for every market of the campaign in its primary locale; existing ones stay.

    Where a market has exactly one copywriter, the variant is assigned to them.
    """
    existing = set(campaign.variants.values_list("market_id", "locale"))
    writers = {}
    for market_id, user_id in MarketAssignment.objects.filter(
        role=Role.COPYWRITER, market__in=campaign.markets.all(), user__is_active=True
    ).values_list("market_id", "user_id"):
        writers.setdefault(market_id, []).append(user_id)
    created = []
    for campaign_market in campaign.campaign_markets.select_related("market"):
        market = campaign_market.market
        if (market.pk, market.primary_locale) in existing:
            continue
        only_writer = writers[market.pk][0] if len(writers.get(market.pk, [])) == 1 else None
        created.append(
            CopyVariant.objects.create(
                campaign=campaign,
                market=market,
                locale=market.primary_locale,
                source_version=campaign.source_version,
                copywriter_id=only_writer,
            )
        )
    return created


def source_at(*, campaign, source_version):
    """The source copy as it was at a version, for showing old and new side by side."""
    revision = campaign.source_revisions.filter(source_version=source_version, kind=SourceRevision.Kind.MEANING).first()
    return revision.copy if revision else None


def markets_without_their_occasion(*, campaign):
    """Market codes where neither the market's row nor the campaign names an occasion the market observes:
    Valentine's Day in Brazil, which celebrates Dia dos Namorados instead."""
    offers = list(campaign.campaign_markets.select_related("market", "campaign"))
    wanted = {(offer.occasion_in_market_id, offer.market_id) for offer in offers if offer.occasion_in_market_id}
    observed = set(
        Observance.objects.filter(occasion_id__in={o for o, _m in wanted}, market_id__in={m for _o, m in wanted})
        .values_list("occasion_id", "market_id")
    )
    return [offer.market.code for offer in offers if offer.occasion_in_market_id and (offer.occasion_in_market_id, offer.market_id) not in observed]


def offer_date_problems(*, campaign, today=None):
    """Markets where the campaign's offer ends before customers order for the occasion there (Brazil
    orders by 31 May for 12 June): [(market code, finding)], the finding worded for the reader."""
    check = CHECKS_BY_CODE["offer_ends_early"]
    problems = []
    for variant in campaign.variants.select_related("campaign", "market").order_by("market__code", "locale"):
        if any(code == variant.market.code for code, _finding in problems):
            continue  # one per market: every locale of it has the same offer and dates
        for finding in run_checks(quality.copy_under_check(variant, today=today), [check]):
            problems.append((variant.market.code, quality.readable(finding)))
    return problems
