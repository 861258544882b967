"""What is due, for whom: the admin's front page and each campaign's markets at a glance.

The rules of what is whose live here, and each part is read in a fixed number of queries however
many campaigns and markets there are; the views only render what these return. Launch days and
milestones come from ``scheduling``, the one place they are computed.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from calendars import occurrences
from calendars.models import Market, Observance, Occasion, Occurrence
from calendars.names import OccasionNames, local_beside, market_label, reader_language, translation_language

from . import access, notifications, quality, scheduling
from .models import CampaignMarket, CopyVariant, MarketAssignment, Milestone, Review, Role, State

# The board looks this many days ahead, today included.
HORIZON_DAYS = 60
WEEK_DAYS = 7
# How far back an unmet milestone is still listed as overdue (while its occasion is ahead).
LOOK_BACK = timedelta(days=366)
# A bar shorter than this many days has its name beside it; about two characters fit in a day's column.
SHORT_BAR_DAYS = 6
CHARACTERS_PER_DAY = 2
# Milestones only: the notice of a moved date is an e-mail, not something to do.
MILESTONE_NAMES = [str(milestone) for milestone in scheduling.MILESTONES]


def visible_markets(user):
    """The markets a person's board shows: every market for campaign managers, else those they write or review."""
    if access.is_manager(user):
        return Market.objects.all()
    ids = access.assigned_market_ids(user, Role.COPYWRITER) | access.assigned_market_ids(user, Role.REVIEWER)
    return Market.objects.filter(pk__in=ids)


def _change_url(model_name, pk):
    return reverse(f"admin:localization_{model_name}_change", args=[pk])


def _day(value):
    """A short date in the reader's language: "May 13" / "5月13日"."""
    return formats.date_format(value, "MONTH_DAY_FORMAT") if value else ""


# Sent back, and waiting for review -----------------------------------------------------------------


@dataclass(frozen=True)
class SentBack:
    """Copy a reviewer sent back to the person, with the request (note, who, when) when there is one."""

    variant: CopyVariant
    request: Review | None

    @property
    def url(self):
        return _change_url("copyvariant", self.variant.pk)


def sent_back_to(user):
    """Copy sent back for changes that is the person's to mend: assigned to them, last edited by them, or
    assigned to nobody in a market they write. Oldest first: it has waited longest. Two queries."""
    writes = access.assigned_market_ids(user, Role.COPYWRITER)
    latest_request = (
        Review.objects.filter(variant=OuterRef("pk"), action=Review.Action.REQUEST_CHANGES).order_by("-created_at", "-id").values("pk")[:1]
    )
    variants = list(
        CopyVariant.objects.filter(state=State.CHANGES_REQUESTED)
        .filter(Q(copywriter=user) | Q(last_edited_by=user) | Q(copywriter__isnull=True, market_id__in=writes))
        .annotate(request_id=Subquery(latest_request))
        .select_related("campaign", "market")
        .order_by("updated_at", "pk")
    )
    requests = Review.objects.select_related("actor").in_bulk([v.request_id for v in variants if v.request_id]) if variants else {}
    return [SentBack(variant, requests.get(variant.request_id)) for variant in variants]


@dataclass(frozen=True)
class ToReview:
    """Copy in review the person may decide on now; ``stand_in`` when they decide because the market's
    reviewers all wrote it (or it has none), as ``access.eligible_approvers`` says."""

    variant: CopyVariant
    stand_in: bool = False

    @property
    def url(self):
        return _change_url("copyvariant", self.variant.pk)

    @property
    def checks(self):
        return Checks.of([self.variant])


def authors_of(variants):
    """``access.authors`` for many variants in one query: {variant id: ids of everyone who edited it since
    its last approval (all editors if never), and its last editor}."""
    found = {variant.pk: ({variant.last_edited_by_id} if variant.last_edited_by_id else set()) for variant in variants}
    since_approval = {}
    history = (
        Review.objects.filter(variant_id__in=found, action__in=[Review.Action.EDIT, Review.Action.APPROVE])
        .order_by("variant_id", "id").values_list("variant_id", "action", "actor_id")
    )
    for variant_id, action, actor_id in history if found else []:
        if action == Review.Action.APPROVE:
            since_approval[variant_id] = set()
        elif actor_id is not None:
            since_approval.setdefault(variant_id, set()).add(actor_id)
    for variant_id, actors in since_approval.items():
        found[variant_id] |= actors
    return found


def waiting_for_review_by(user):
    """Copy in review the person may approve or send back now (``review.decides_on`` with four eyes): in
    markets they review, or as the stand-in (a campaign manager, the campaign's owner) where every reviewer
    of the market edited it; never copy they edited since its last approval. Oldest first. Three queries."""
    reviews = access.assigned_market_ids(user, Role.REVIEWER)
    stands_in_everywhere = access.is_manager(user)
    candidates = CopyVariant.objects.filter(state=State.IN_REVIEW).select_related("campaign", "market").order_by("updated_at", "pk")
    if not stands_in_everywhere:
        candidates = candidates.filter(Q(market_id__in=reviews) | Q(campaign__owner=user))
    candidates = list(candidates)
    if not candidates:
        return []
    authors = authors_of(candidates)
    reviewers = {}
    for market_id, reviewer_id in MarketAssignment.objects.filter(
        role=Role.REVIEWER, user__is_active=True, market_id__in={variant.market_id for variant in candidates}
    ).values_list("market_id", "user_id"):  # access.market_reviewers, for every market at once
        reviewers.setdefault(market_id, set()).add(reviewer_id)
    found = []
    for variant in candidates:
        if user.pk in authors[variant.pk]:
            continue  # four eyes
        if access.may_review(user, variant.market_id):
            found.append(ToReview(variant))
        elif not reviewers.get(variant.market_id, set()) - authors[variant.pk] and (
            stands_in_everywhere or variant.campaign.owner_id == user.pk
        ):
            found.append(ToReview(variant, stand_in=True))
    return found


# The person's milestones: due this week, and in their calendar --------------------------------------


@dataclass(frozen=True)
class Due:
    """One of the person's milestones (a reminder), with what the board and the calendar feed say of it."""

    reminder: object
    campaign_market: CampaignMarket
    occasion: str  # in the reader's language
    occasion_local: str  # the market's own name for it, when that says something else
    url: str  # the page to act on: the copy for copy and review due (when the market has one), else the campaign
    met: bool
    today: date

    @property
    def milestone(self):
        return Milestone(self.reminder.milestone)

    @property
    def label(self):
        return self.milestone.label

    @property
    def due_on(self):
        return self.reminder.due_on

    @property
    def campaign(self):
        return self.reminder.campaign

    @property
    def market(self):
        return self.reminder.market

    @property
    def occurrence(self):
        return self.campaign_market.occurrence

    @property
    def over(self):
        return self.occurrence.ends_on < self.today

    @property
    def overdue(self):
        """Passed and not met while the occasion is ahead (as MarketProgress.overdue: kickoff never is)."""
        return self.reminder.milestone in scheduling.MET_WHEN and not self.met and not self.over and self.due_on < self.today


def milestones_of(user, *, today, first_day=None, last_day=None, language=None):
    """The person's milestones in [first_day, last_day] (``scheduling.reminders_for``), earliest first, each
    with its occasion named for a reader of ``language`` (a translated-field language; the active one by
    default) and whether it is met. Reminders of markets since taken out of a campaign are left out. Four queries."""
    language = language or reader_language()
    reminders = list(
        scheduling.reminders_for(user, first_day=first_day, last_day=last_day).filter(milestone__in=MILESTONE_NAMES)
    )
    if not reminders:
        return []
    pairs = Q(campaign_id__in={r.campaign_id for r in reminders}, market_id__in={r.market_id for r in reminders})
    offers = {
        (offer.campaign_id, offer.market_id): offer
        for offer in CampaignMarket.objects.filter(pairs, occurrence__isnull=False).select_related("market", "occurrence__occasion")
    }
    observances = {
        (observance.occasion_id, observance.market_id): observance
        for observance in Observance.objects.filter(
            occasion_id__in={offer.occurrence.occasion_id for offer in offers.values()}, market_id__in={m for _c, m in offers}
        )
    } if offers else {}
    variants = {}
    for pk, campaign_id, market_id, state in CopyVariant.objects.filter(pairs).order_by("locale").values_list(
        "pk", "campaign_id", "market_id", "state"
    ):
        variants.setdefault((campaign_id, market_id), []).append((pk, state))
    found = []
    for reminder in reminders:
        key = (reminder.campaign_id, reminder.market_id)
        offer = offers.get(key)
        if offer is None:
            continue
        offer.campaign = reminder.campaign
        facts = notifications.MarketFacts(
            campaign_market=offer, occurrence=offer.occurrence, observance=observances.get((offer.occurrence.occasion_id, offer.market_id)),
            milestones={}, states=[], campaign_url="",
        )
        occasion, occasion_local = notifications.occasion_names(facts, language)
        copies = variants.get(key, [])
        # As in the e-mail: the copy to write or review when the market has one; else the campaign, with all of them.
        writes_or_reviews = reminder.milestone in (Milestone.COPY_DUE, Milestone.REVIEW_DUE)
        url = _change_url("copyvariant", copies[0][0]) if writes_or_reviews and len(copies) == 1 else _change_url("campaign", reminder.campaign_id)
        met = scheduling.milestone_met(reminder.milestone, [state for _pk, state in copies])
        found.append(Due(reminder, offer, occasion, occasion_local, url, met, today))
    return found


def due_this_week(user, *, today):
    """The person's milestones due from today to six days on, and before them the ones still overdue
    (passed, not met, their occasion not over)."""
    found = milestones_of(user, today=today, first_day=today - LOOK_BACK, last_day=today + timedelta(days=WEEK_DAYS - 1))
    overdue = [due for due in found if due.overdue]
    return overdue + [due for due in found if due.due_on >= today]


# The next 60 days, per market -------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """Something on a market's row of the timeline: an occasion, or a campaign's launch window."""

    label: str
    starts_on: date
    ends_on: date
    kind: str  # an occasion's kind (religious, cultural, commercial, civic), or "campaign"
    url: str
    title: str
    local_label: str = ""
    estimated: bool = False
    column: int = 0
    span: int = 0
    lane: int = 0
    continues_before: bool = False
    continues_after: bool = False

    @property
    def labelled_beside(self):
        """Too short to hold its name: the name is written after it, in room kept free on its lane."""
        return self.span < SHORT_BAR_DAYS


@dataclass
class TimelineRow:
    market: Market
    label: str
    bars: list
    lanes: int


@dataclass(frozen=True)
class TimelineDay:
    date: date
    column: int
    is_today: bool
    starts_week: bool
    starts_month: bool


@dataclass
class Timeline:
    first_day: date
    last_day: date
    days: list
    rows: list
    quiet_markets: int  # shown markets with nothing in these days (managers' rows leave them out)
    windows: list = field(default_factory=list)  # scheduling.LaunchWindow, for the campaigns below

    @property
    def months(self):
        """[(first day, column, span)] of each month the days touch: the header's month names."""
        found = []
        for day in self.days:
            if day.column == 1 or day.starts_month:
                found.append([day.date, day.column, 0])
            found[-1][2] += 1
        return [tuple(month) for month in found]


class _Names(OccasionNames):
    """A market's names for its occasions (``calendars.names.OccasionNames``) from observances read for
    every market of the board at once."""

    def __init__(self, market, observances):  # super().__init__ would read the market's observances itself
        self.language = translation_language(market.primary_locale)
        self.observances = observances


def _names_of(markets, dated):
    """{market id: its names for its occasions} for the occurrences shown (of these markets), in one query."""
    observances = {}
    if dated:
        for observance in Observance.objects.filter(
            occasion_id__in={occurrence.occasion_id for occurrence in dated}, market_id__in={occurrence.market_id for occurrence in dated}
        ):
            observances.setdefault(observance.market_id, {})[observance.occasion_id] = observance
    return {market.pk: _Names(market, observances.get(market.pk, {})) for market in markets}


def _date_span(starts_on, ends_on):
    if starts_on == ends_on:
        return formats.date_format(starts_on)
    return f"{formats.date_format(starts_on)} – {formats.date_format(ends_on)}"


def _place(bars, first_day, last_day):
    """Each bar's columns (1 = first_day) and the first lane of the row where it fits."""
    placed, lane_free_from = [], []
    for bar in sorted(bars, key=lambda bar: (bar.starts_on, bar.starts_on - bar.ends_on, bar.kind != "campaign", bar.label)):
        starts_on, ends_on = max(bar.starts_on, first_day), min(bar.ends_on, last_day)
        column, span = (starts_on - first_day).days + 1, (ends_on - starts_on).days + 1
        lane = next((index for index, free in enumerate(lane_free_from) if free <= column), len(lane_free_from))
        if lane == len(lane_free_from):
            lane_free_from.append(0)
        name = len(bar.label) + (len(bar.local_label) + 3 if bar.local_label else 0)
        lane_free_from[lane] = column + (span if span >= SHORT_BAR_DAYS else span + 1 + -(-name // CHARACTERS_PER_DAY))
        placed.append(
            Bar(**{**bar.__dict__, "column": column, "span": span, "lane": lane + 1,
                   "continues_before": bar.starts_on < first_day, "continues_after": bar.ends_on > last_day})
        )
    return placed, len(lane_free_from)


def coming_days(user, *, today, days=HORIZON_DAYS, language=None):
    """The next ``days`` days per market the person sees: each market's occasions and campaign launch windows
    (from the launch day to the occasion's last day) as bars. A person's own markets always have a row; a
    manager's list leaves out the markets with nothing on. Six queries."""
    language = language or reader_language()
    first_day, last_day = today, today + timedelta(days=days - 1)
    manager = access.is_manager(user)
    markets = list(visible_markets(user).order_by("code"))
    calendar_days = [
        TimelineDay(day, column, day == today, day.weekday() == 0, day.day == 1)
        for column, day in enumerate((first_day + timedelta(days=offset) for offset in range(days)), start=1)
    ]
    timeline = Timeline(first_day, last_day, calendar_days, [], 0)
    if not markets:
        return timeline
    in_scope = None if manager else markets
    dated = list(occurrences.in_window(first_day=first_day, last_day=last_day, markets=in_scope))
    timeline.windows = scheduling.launch_windows(first_day=first_day, last_day=last_day, markets=in_scope)
    # The windows' occurrences may start past the last day; their occasions are read once for all of them.
    occasions = Occasion.objects.in_bulk({window.occurrence.occasion_id for window in timeline.windows})
    for window in timeline.windows:
        window.occurrence.occasion = occasions[window.occurrence.occasion_id]
    names = _names_of(markets, [*dated, *(window.occurrence for window in timeline.windows)])
    bars = {}
    for occurrence in dated:
        market_names = names[occurrence.market_id]
        name = market_names.for_reader(occurrence, language)
        beside = local_beside(name, market_names.local(occurrence))
        title = [name, beside, _date_span(occurrence.starts_on, occurrence.ends_on)]
        if occurrence.estimated:
            title.append(_("estimated: may move by a day"))
        bars.setdefault(occurrence.market_id, []).append(Bar(
            label=name, local_label=beside, starts_on=occurrence.starts_on, ends_on=occurrence.ends_on, kind=occurrence.occasion.kind,
            url=reverse("admin:calendars_occurrence_change", args=[occurrence.pk]), title=" · ".join(p for p in title if p),
            estimated=occurrence.estimated,
        ))
    for window in timeline.windows:
        offer = window.campaign_market
        title = _("%(campaign)s: launch day %(launch)s; %(occasion)s %(dates)s") % {
            "campaign": window.campaign.name, "launch": _day(window.launch_on),
            "occasion": names[offer.market_id].for_reader(window.occurrence, language),
            "dates": _date_span(window.starts_on, window.ends_on),
        }
        bars.setdefault(offer.market_id, []).append(Bar(
            label=window.campaign.name, starts_on=window.launch_on, ends_on=window.ends_on, kind="campaign",
            url=_change_url("campaign", window.campaign.pk), title=title,
        ))
    for market in markets:
        mine = bars.get(market.pk, [])
        if not mine and manager:
            timeline.quiet_markets += 1
            continue
        placed, lanes = _place(mine, first_day, last_day)
        timeline.rows.append(TimelineRow(market, market_label(market, language), placed, max(lanes, 1)))
    return timeline


# Campaign x market --------------------------------------------------------------------------------------


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
        return [(variant, _change_url("copyvariant", variant.pk)) for variant in self.variants]

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
        return _change_url("campaign", self.campaign.pk)

    @property
    def overdue(self):
        return any(cell and cell.overdue for cell in self.cells)


@dataclass
class Matrix:
    markets: list
    rows: list


def progress_of(campaigns, *, today=None, markets=None):
    """``scheduling.campaign_progress`` for many campaigns at once, in markets (None: all): {campaign id:
    ([MarketProgress], problem)} in two queries however many campaigns and markets. A campaign whose stored
    milestones are wrong has no milestones and says so."""
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
    for offer in offers:
        today_there = todays.get(offer.market_id)
        if today_there is None:
            continue
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
        found[offer.campaign_id][0].append(
            scheduling.MarketProgress(offer, today_there, [], occurrence, milestones)
        )
    return found


def campaign_matrix(campaigns, *, user, today=None):
    """The campaigns × the markets the person sees where they run: each cell's copy state, checks, launch
    day, next milestone and what is overdue. Three queries however many campaigns and markets (a fourth
    reads the markets of someone who sees only their own)."""
    campaigns = list(campaigns)
    markets = None if access.is_manager(user) else list(visible_markets(user))
    progress = progress_of(campaigns, today=today, markets=markets)
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


# The board -------------------------------------------------------------------------------------------------


@dataclass
class Board:
    today: date
    sent_back: list
    to_review: list
    due: list
    timeline: Timeline
    matrix: Matrix
    manager: bool


def for_user(user, *, today=None):
    """Everything the person's front page shows, in a fixed number of queries."""
    day = today or timezone.localdate()
    timeline = coming_days(user, today=day)
    campaigns = {}
    for window in timeline.windows:
        campaigns.setdefault(window.campaign.pk, window.campaign)
    return Board(
        today=day,
        sent_back=sent_back_to(user),
        to_review=waiting_for_review_by(user),
        due=due_this_week(user, today=day),
        timeline=timeline,
        matrix=campaign_matrix(campaigns.values(), user=user, today=today),
        manager=access.is_manager(user),
    )
