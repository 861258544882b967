"""The person's own work: copy sent back to them, copy waiting for their review, their milestones."""
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import OuterRef, Q, Subquery

from calendars.models import Observance
from calendars.names import reader_language

from .. import access, notifications, scheduling
from ..models import CampaignMarket, CopyVariant, MarketAssignment, Milestone, Review, Role, State
from .links import change_url
from .matrix import Checks

WEEK_DAYS = 7
# How far back an unmet milestone is still listed as overdue (while its occasion is ahead).
LOOK_BACK = timedelta(days=366)
# Milestones only: the notice of a moved date is an e-mail, not something to do.
MILESTONE_NAMES = [str(milestone) for milestone in scheduling.MILESTONES]


@dataclass(frozen=True)
class SentBack:
    """Copy a reviewer sent back to the person, with the request (note, who, when) when there is one."""

    variant: CopyVariant
    request: Review | None

    @property
    def url(self):
        return change_url("copyvariant", self.variant.pk)


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
    reviewers all wrote it, as ``access.eligible_approvers`` says."""

    variant: CopyVariant
    stand_in: bool = False

    @property
    def url(self):
        return change_url("copyvariant", self.variant.pk)

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
        if not reviewers.get(variant.market_id):
            continue  # no cultural reviewer: nobody decides until one is assigned
        if access.may_review(user, variant.market_id):
            found.append(ToReview(variant))
        elif not reviewers[variant.market_id] - authors[variant.pk] and (
            stands_in_everywhere or variant.campaign.owner_id == user.pk
        ):
            found.append(ToReview(variant, stand_in=True))
    return found


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
        url = change_url("copyvariant", copies[0][0]) if writes_or_reviews and len(copies) == 1 else change_url("campaign", reminder.campaign_id)
        met = scheduling.milestone_met(reminder.milestone, [state for _pk, state in copies])
        found.append(Due(reminder, offer, occasion, occasion_local, url, met, today))
    return found


def due_this_week(user, *, today):
    """The person's milestones due from today to six days on, and before them the ones still overdue
    (passed, not met, their occasion not over)."""
    found = milestones_of(user, today=today, first_day=today - LOOK_BACK, last_day=today + timedelta(days=WEEK_DAYS - 1))
    overdue = [due for due in found if due.overdue]
    return overdue + [due for due in found if due.due_on >= today]
