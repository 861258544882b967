"""Campaign x market: each campaign's copy state, checks, launch day, next milestone and what is overdue per market."""
from dataclasses import dataclass

from django.utils.translation import gettext as _

from calendars.models import Occurrence
from calendars.rows import skipped_if_broken

from .. import access, quality, scheduling
from ..models import CampaignMarket, CopyVariant, Milestone, State
from .links import change_url


@dataclass(frozen=True)
class Checks:
    """What the checks found in a market's copy, for a glance: "2 errors, 1 warning", ✓ or not written yet."""

    kind: str  # error, warning, clean, unwritten, none
    text: str

    @classmethod
    def of(cls, variants):
        if not variants:
            return cls("none", "")
        if all(variant.state == State.DRAFT and quality.is_unwritten(variant) for variant in variants):
            return cls("unwritten", _("not written yet"))
        found = [finding for variant in variants for finding in variant.findings or []]
        if not found:
            return cls("clean", "✓")
        return cls("error" if quality.errors(found) else "warning", quality.summary(found))


@dataclass
class Cell:
    """One campaign in one market: its copy, checks, launch day, next milestone and what is overdue."""

    progress: scheduling.MarketProgress
    variants: list

    @property
    def campaign_market(self):
        return self.progress.campaign_market

    @property
    def market(self):
        return self.campaign_market.market

    @property
    def checks(self):
        return Checks.of(self.variants)

    @property
    def copies(self):
        """[(variant, its page)] in locale order."""
        return [(variant, change_url("copyvariant", variant.pk)) for variant in self.variants]

    @property
    def keeps_occasion(self):
        return bool(self.progress.milestones)

    @property
    def launch_on(self):
        return self.progress.launch_on

    @property
    def next_milestone(self):
        found = self.progress.next_milestone
        return (Milestone(found[0]).label, found[1]) if found else None

    @property
    def overdue(self):
        return [(Milestone(name).label, day) for name, day in self.progress.overdue]

    @property
    def over(self):
        return self.progress.over


@dataclass
class CampaignRow:
    campaign: object
    cells: list  # one per market of the matrix; None where the campaign does not run
    problem: str = ""

    @property
    def url(self):
        return change_url("campaign", self.campaign.pk)

    @property
    def overdue(self):
        return any(cell and cell.overdue for cell in self.cells)


@dataclass
class Matrix:
    markets: list
    rows: list


def progress_of(campaigns, *, today=None, markets=None, problems=None):
    """``scheduling.campaign_progress`` for many campaigns at once, in markets (None: all): {campaign id:
    ([MarketProgress], problem)} in two queries however many campaigns and markets. A campaign whose stored
    milestones are wrong has no milestones and says so; a market row that cannot be dated is left out and
    added to ``problems``."""
    by_id = {campaign.pk: campaign for campaign in campaigns}
    offers = CampaignMarket.objects.filter(campaign_id__in=by_id).select_related("market", "occurrence").order_by("market__code")
    if markets is not None:
        offers = offers.filter(market__in=markets)
    offers = list(offers) if by_id else []
    for offer in offers:
        offer.campaign = by_id[offer.campaign_id]
    todays, _problems = scheduling.Clock(today=today).todays({offer.market_id: offer.market for offer in offers}.values())
    upcoming = {}
    if todays and any(offer.occurrence_id is None for offer in offers):
        for occurrence in Occurrence.objects.filter(
            market_id__in={offer.market_id for offer in offers if offer.occurrence_id is None},
            occasion_id__in={offer.occasion_in_market_id for offer in offers if offer.occurrence_id is None},
            ends_on__gte=min(todays.values()),
        ).order_by("starts_on"):
            upcoming.setdefault((occurrence.occasion_id, occurrence.market_id), []).append(occurrence)
    days, found = {}, {pk: ([], "") for pk in by_id}
    for pk, campaign in by_id.items():
        try:
            days[pk] = scheduling.milestone_days_of(campaign)
        except scheduling.SchedulingError as error:
            days[pk] = None
            found[pk] = ([], " ".join(error.messages))
    problems = [] if problems is None else problems
    for offer in offers:
        today_there = todays.get(offer.market_id)
        if today_there is None:
            continue
        with skipped_if_broken(problems, offer, where="campaign progress"):  # a damaged market row is left out, said
            _add_progress(found, offer, today_there, upcoming, days)
    return found


def _add_progress(found, offer, today_there, upcoming, days):
    """The market's progress, added to its campaign's: the occurrence it is for, and its milestones' dates."""
    occurrence = offer.occurrence if offer.occurrence_id else next(
        (o for o in upcoming.get((offer.occasion_in_market_id, offer.market_id), [])
         if o.ends_on >= today_there and scheduling.targets(offer, o)),
        None,
    )
    starts_on = offer.occasion_starts_on if offer.occurrence_id else (occurrence.starts_on if occurrence else None)
    milestones = (
        scheduling.milestone_dates(campaign_market=offer, starts_on=starts_on, days=days[offer.campaign_id])
        if starts_on and days[offer.campaign_id] is not None else {}
    )
    found[offer.campaign_id][0].append(scheduling.MarketProgress(offer, today_there, [], occurrence, milestones))


def campaign_matrix(campaigns, *, user, today=None, problems=None):
    """The campaigns × the markets the person sees where they run: each cell's copy state, checks, launch
    day, next milestone and what is overdue. Three queries however many campaigns and markets (a fourth
    reads the markets of someone who sees only their own)."""
    campaigns = list(campaigns)
    markets = None if access.is_manager(user) else list(access.visible_markets(user))
    progress = progress_of(campaigns, today=today, markets=markets, problems=problems)
    variants = {}
    if campaigns and markets != []:
        found = CopyVariant.objects.filter(campaign__in=campaigns).order_by("locale")
        if markets is not None:
            found = found.filter(market__in=markets)
        for variant in found:
            variants.setdefault((variant.campaign_id, variant.market_id), []).append(variant)
    columns = {}
    for items, _problem in progress.values():
        for item in items:
            columns.setdefault(item.campaign_market.market_id, item.campaign_market.market)
    columns = sorted(columns.values(), key=lambda market: market.code)
    rows = []
    for campaign in campaigns:
        items, problem = progress[campaign.pk]
        by_market = {}
        for item in items:
            copies = variants.get((campaign.pk, item.campaign_market.market_id), [])
            item.states = [variant.state for variant in copies]
            by_market[item.campaign_market.market_id] = Cell(item, copies)
        rows.append(CampaignRow(campaign, [by_market.get(market.pk) for market in columns], problem))
    return Matrix(columns, rows)
